import { Field, ObjectType } from 'type-graphql';
import { TransactionKindEnum } from '../budget/budget.type';

/** One change of a budget, as delivered live and as fetched by sequence. */
@ObjectType({ description: 'Budjettimuutos – one committed change of a budget, in order.' })
export class BudgetChange {
  @Field({
    description: 'Position in the event stream; resume with sinceSequence to miss nothing.',
  })
  sequence!: string;

  @Field(() => TransactionKindEnum, {
    nullable: true,
    description: 'Kind of the money movement, if any.',
  })
  kind!: string | null;

  @Field({
    description:
      'What happened: DECIDED, CHARGED, CONFIRMED, REJECTED, INSTALMENT_PAID, ALERT_RAISED, ALERT_RESOLVED, ALERT_UPDATED (figures of open alerts), LAPSED, CLOSED, …',
  })
  change!: string;
}

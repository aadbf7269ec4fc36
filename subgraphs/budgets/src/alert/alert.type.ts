import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { UserError, enumOf } from '@hb/kit';
import { BudgetAlert } from '../budget/budget.type';

export const AlertStatusEnum = enumOf(['OPEN', 'ACKNOWLEDGED', 'RESOLVED'] as const);
registerEnumType(AlertStatusEnum, {
  name: 'AlertStatus',
  description: 'Hälytyksen tila.',
  valuesConfig: {
    OPEN: { description: 'Avoin – the condition holds and nobody has handled it yet' },
    ACKNOWLEDGED: { description: 'Kuitattu – staff have seen it and noted what was done' },
    RESOLVED: { description: 'Poistunut – the condition has passed' },
  },
});

export const AlertAudienceEnum = enumOf(['OWN_WORKER', 'ADVISER', 'CLIENT', 'TEAM'] as const);
registerEnumType(AlertAudienceEnum, {
  name: 'AlertAudience',
  description: 'Kenelle hälytys on osoitettu.',
  valuesConfig: {
    OWN_WORKER: { description: 'Omatyöntekijä' },
    ADVISER: { description: 'HB-neuvoja' },
    CLIENT: { description: 'Asiakas' },
    TEAM: { description: 'Minun tiimini' },
  },
});

@ObjectType()
export class AlertPayload {
  @Field(() => BudgetAlert, { nullable: true })
  alert!: BudgetAlert | null;

  @Field(() => [UserError])
  errors!: UserError[];
}

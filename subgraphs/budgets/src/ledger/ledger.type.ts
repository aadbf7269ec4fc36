import { Field, ID, InputType } from 'type-graphql';
import { DateScalar } from '@hb/kit';

@InputType({
  description:
    "Veloitus – a provider's charge, drawn on a payment commitment (maksusitoumus) it holds.",
})
export class RecordChargeInput {
  @Field(() => ID, {
    nullable: true,
    description:
      'The commitment to charge; may be left out when the provider holds exactly one active commitment on budgetId.',
  })
  commitmentId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Needed only without commitmentId.' })
  budgetId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      "A provider user's own provider by default; staff recording on its behalf name it (or the commitment).",
  })
  providerId?: string | null;

  @Field({ description: 'Decimal euros, e.g. "160.00".' })
  amount!: string;

  @Field(() => DateScalar, { description: "Within the commitment's validity, not in the future." })
  serviceDate!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field({
    description:
      "The provider's key for this request: the same key again (on any budget) returns the first result instead of charging twice.",
  })
  idempotencyKey!: string;
}

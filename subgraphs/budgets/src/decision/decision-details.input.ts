import { Field, InputType, registerEnumType } from 'type-graphql';
import { enumOf } from '@hb/kit';

// Apart from decision.type.ts, which imports budget.type.ts: DecideBudgetInput uses this.

export const DecisionLanguageEnum = enumOf(['FI', 'SV'] as const);
registerEnumType(DecisionLanguageEnum, {
  name: 'DecisionLanguage',
  description: 'Päätöksen kieli – the language of the client, the document is written in it.',
});

@InputType({ description: 'What the decision says beyond the budget itself.' })
export class DecisionDetailsInput {
  @Field(() => DecisionLanguageEnum, {
    nullable: true,
    description: "The client's language (default: the previous decision's, else FI).",
  })
  language?: 'FI' | 'SV' | null;

  @Field({ nullable: true, description: "Default true: the organiser's own services excluded." })
  excludeOrganiserOwnServices?: boolean;

  @Field(() => String, { nullable: true, description: 'Other restrictions, free text.' })
  otherRestrictions?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The part of the service that stays ordinary.',
  })
  ordinaryPart?: string | null;

  @Field(() => String, { nullable: true, description: 'Client fees, if any.' })
  clientFees?: string | null;
}

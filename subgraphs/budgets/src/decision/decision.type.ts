import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DateTimeScalar, Money, UserError, enumOf } from '@hb/kit';
import { Budget, PaymentInstrumentEnum } from '../budget/budget.type';
import { DecisionDetailsInput, DecisionLanguageEnum } from './decision-details.input';

export { DecisionDetailsInput, DecisionLanguageEnum };

export const DecisionKindEnum = enumOf(['GRANT', 'REASSESSMENT', 'ENDING'] as const);
registerEnumType(DecisionKindEnum, {
  name: 'DecisionKind',
  valuesConfig: {
    GRANT: { description: 'Ensimmäinen päätös – the budget granted' },
    REASSESSMENT: { description: 'Uudelleenarviointi – a new decision replacing the previous one' },
    ENDING: {
      description: 'Päättäminen – HB ends mid-year, the client returns to ordinary services',
    },
  },
});

export const ExcludedUseEnum = enumOf(['CRIME', 'GAMBLING'] as const);
registerEnumType(ExcludedUseEnum, {
  name: 'ExcludedUse',
  description: 'Kielletty käyttö – uses excluded for every budget holder.',
  valuesConfig: {
    CRIME: { description: 'Rikollinen toiminta' },
    GAMBLING: { description: 'Uhkapelit' },
  },
});

export const AppealStatusEnum = enumOf(['FILED', 'IN_HANDLING', 'DECIDED'] as const);
registerEnumType(AppealStatusEnum, {
  name: 'AppealStatus',
  valuesConfig: {
    FILED: { description: 'Vastaanotettu' },
    IN_HANDLING: { description: 'Käsittelyssä' },
    DECIDED: { description: 'Ratkaistu' },
  },
});

export const AppealOutcomeEnum = enumOf([
  'UPHELD',
  'PARTLY_UPHELD',
  'REJECTED',
  'DISMISSED',
] as const);
registerEnumType(AppealOutcomeEnum, {
  name: 'AppealOutcome',
  valuesConfig: {
    UPHELD: { description: 'Hyväksytty – the decision is corrected (a new decision follows)' },
    PARTLY_UPHELD: { description: 'Osittain hyväksytty' },
    REJECTED: { description: 'Hylätty' },
    DISMISSED: { description: 'Jätetty tutkimatta (e.g. filed late)' },
  },
});

@ObjectType({ description: 'Maksuerä päätöksessä – an instalment as the decision states it.' })
export class DecisionInstalment {
  @Field(() => DateScalar)
  dueDate!: string;

  @Field(() => Money)
  amount!: Money;
}

@ObjectType({
  description: 'HB-luokka päätöksessä, with its assessment criteria (arviointitaulukko).',
})
export class DecisionClass {
  @Field(() => Int, { nullable: true })
  level!: number | null;

  @Field()
  individual!: boolean;

  @Field(() => [String], { description: 'The criteria that placed the client in the class.' })
  criteria!: string[];
}

@ObjectType({ description: 'Käytön rajoitukset – restrictions written into the decision.' })
export class DecisionRestrictions {
  @Field(() => [ExcludedUseEnum])
  excludedUses!: string[];

  @Field({ description: "The organiser's own services cannot be bought with the budget." })
  organiserOwnServicesExcluded!: boolean;

  @Field(() => String, { nullable: true, description: 'Other restrictions, free text.' })
  other!: string | null;
}

@ObjectType({ description: 'Päättäminen – what an ENDING decision decided.' })
export class DecisionEnding {
  @Field(() => DateScalar)
  endDate!: string;

  @Field()
  reason!: string;

  @Field(() => Money, { description: 'Rauennut – the remainder that lapsed to the organiser.' })
  lapsed!: Money;

  @Field(() => Int)
  cancelledCommitments!: number;
}

@ObjectType({ description: 'Oikaisuvaatimus – an appeal (request for review) of a decision.' })
export class Appeal {
  @Field(() => ID)
  id!: string;

  @Field(() => AppealStatusEnum)
  status!: string;

  @Field(() => DateTimeScalar)
  filedAt!: Date;

  @Field({ description: 'Filed within 30 days of the decision.' })
  inTime!: boolean;

  @Field({ description: 'Vaatimus – what the client asks to change.' })
  demand!: string;

  @Field({ description: 'Perustelut.' })
  reasons!: string;

  @Field(() => String, { nullable: true })
  handlingNote!: string | null;

  @Field(() => AppealOutcomeEnum, { nullable: true })
  outcome!: string | null;

  @Field(() => String, { nullable: true })
  outcomeReasoning!: string | null;

  @Field(() => String, { nullable: true })
  decidedByName!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  decidedAt!: Date | null;
}

@Directive('@key(fields: "id")')
@ObjectType({
  description:
    'Päätös – an appealable decision on a personal budget (first, re-assessment, ending), archived immutably with its PDF.',
})
export class Decision {
  @Field(() => ID)
  id!: string;

  @Field(() => DecisionKindEnum)
  kind!: string;

  @Field(() => Int, { description: 'Version within the budget; each re-assessment adds one.' })
  version!: number;

  @Field(() => DecisionLanguageEnum)
  language!: string;

  @Field(() => DateScalar)
  decidedOn!: string;

  @Field(() => DateTimeScalar)
  decidedAt!: Date;

  @Field({ description: 'Päätöksentekijä.' })
  deciderName!: string;

  @Field(() => [String], { description: 'Sovelletut oikeusohjeet.' })
  legalBasis!: string[];

  @Field({ description: 'Palvelu, in the language of the decision.' })
  serviceName!: string;

  @Field(() => DecisionClass, { nullable: true })
  hbClass!: DecisionClass | null;

  @Field(() => Money)
  amount!: Money;

  @Field(() => Money, { nullable: true })
  unitPrice!: Money | null;

  @Field({ description: 'How the amount was computed.' })
  calculation!: string;

  @Field(() => [DecisionInstalment])
  instalments!: DecisionInstalment[];

  @Field(() => PaymentInstrumentEnum)
  instrument!: string;

  @Field(() => DecisionRestrictions)
  restrictions!: DecisionRestrictions;

  @Field(() => String, {
    nullable: true,
    description:
      'Tavanomaisena järjestettävä osa – e.g. "3 days a week in ordinary day activities".',
  })
  ordinaryPart!: string | null;

  @Field(() => String, { nullable: true, description: 'Asiakasmaksut.' })
  clientFees!: string | null;

  @Field(() => DateScalar, { description: 'Last day to file an appeal (30 days).' })
  appealDeadline!: string;

  @Field(() => DecisionEnding, { nullable: true })
  ending!: DecisionEnding | null;

  @Field({ description: 'SHA-256 of the archived PDF.' })
  documentSha256!: string;
}

@InputType()
export class EndBudgetInput {
  @Field(() => DateScalar, {
    description: 'Päättymispäivä, in the budget year, not in the future.',
  })
  endDate!: string;

  @Field({ description: 'Perustelu.' })
  reason!: string;

  @Field(() => DecisionDetailsInput, { nullable: true })
  details?: DecisionDetailsInput | null;
}

@ObjectType()
export class EndBudgetPayload {
  @Field(() => Budget, { nullable: true })
  budget!: Budget | null;

  @Field(() => Decision, { nullable: true })
  decision!: Decision | null;

  @Field(() => Money, { nullable: true })
  lapsed!: Money | null;

  @Field(() => Int)
  cancelledCommitments!: number;

  @Field(() => [UserError])
  errors!: UserError[];
}

@InputType()
export class FileAppealInput {
  @Field({ description: 'Vaatimus: what should change.' })
  demand!: string;

  @Field({ description: 'Perustelut.' })
  reasons!: string;
}

@InputType()
export class DecideAppealInput {
  @Field(() => AppealOutcomeEnum)
  outcome!: 'UPHELD' | 'PARTLY_UPHELD' | 'REJECTED' | 'DISMISSED';

  @Field()
  reasoning!: string;

  @Field(() => String, { nullable: true })
  handlingNote?: string | null;
}

@ObjectType()
export class AppealPayload {
  @Field(() => Appeal, { nullable: true })
  appeal!: Appeal | null;

  @Field(() => [UserError])
  errors!: UserError[];
}

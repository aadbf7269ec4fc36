import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, UserError, enumOf } from '@hb/kit';
import {
  ASSESSMENT_THEMES,
  PROPOSAL_STATUSES,
  type AssessmentTheme,
  type ProposalStatus,
} from './proposal.model';

export const AssessmentThemeEnum = enumOf(ASSESSMENT_THEMES);
registerEnumType(AssessmentThemeEnum, {
  name: 'AssessmentTheme',
  description: 'Oma-arvioinnin teema.',
  valuesConfig: {
    DAILY_LIFE: { description: 'Arki ja kotona pärjääminen' },
    WORK_DAY_ACTIVITY: { description: 'Työ ja päivätoiminta' },
    SOCIAL_LIFE: { description: 'Ystävät, harrastukset ja osallisuus' },
    HOUSING: { description: 'Asuminen' },
    MOBILITY: { description: 'Liikkuminen' },
  },
});

export const ProposalStatusEnum = enumOf(PROPOSAL_STATUSES);
registerEnumType(ProposalStatusEnum, {
  name: 'ProposalStatus',
  description: 'Oman ehdotuksen tila.',
  valuesConfig: {
    DRAFT: { description: 'Kesken – only the client and her team see it.' },
    SUBMITTED: { description: 'Lähetetty – her own worker and adviser see it.' },
  },
});

@ObjectType({ description: 'Oma-arvio yhdestä teemasta.' })
export class SelfAssessmentAnswer {
  @Field(() => AssessmentThemeEnum)
  theme!: AssessmentTheme;

  @Field(() => Int, { description: 'Miten menee nyt: 1 (huonosti) – 5 (hyvin).' })
  rating!: number;

  @Field({ description: 'Omin sanoin.' })
  words!: string;
}

@ObjectType({ description: 'Palvelu ja tuottaja, jonka asiakas valitsi luettelosta.' })
export class ProposalChoice {
  @Field(() => ID)
  serviceTypeCode!: string;

  @Field()
  note!: string;
}

@Directive('@key(fields: "id")')
@ObjectType({
  description:
    'Oma ehdotus – the client’s own proposal and self-assessment, the start of her plan.',
})
export class Proposal {
  @Field(() => ID)
  id!: string;

  @Field(() => ProposalStatusEnum)
  status!: ProposalStatus;

  @Field({ description: 'Toiveet.' })
  wishes!: string;

  @Field({ description: 'Tarpeet.' })
  needs!: string;

  @Field({ description: 'Tavoitteet omin sanoin, yksi riviä kohden.' })
  goals!: string;

  @Field(() => [SelfAssessmentAnswer], { description: 'Oma-arviointi.' })
  selfAssessment!: SelfAssessmentAnswer[];

  @Field(() => [ProposalChoice], { description: 'Valitut palvelut ja tuottajat.' })
  choices!: ProposalChoice[];

  @Field(() => DateTimeScalar, { nullable: true })
  submittedAt!: Date | null;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;

  @Field({ description: 'CLIENT or TEAM_MEMBER: who wrote the latest change.' })
  updatedByRole!: string;
}

@InputType({ description: 'Oma-arvio yhdestä teemasta.' })
export class SelfAssessmentInput {
  @Field(() => AssessmentThemeEnum)
  theme!: AssessmentTheme;

  @Field(() => Int, { description: '1–5.' })
  rating!: number;

  @Field(() => String, { nullable: true })
  words?: string | null;
}

@InputType({ description: 'Valittu palvelu ja tuottaja.' })
export class ProposalChoiceInput {
  @Field(() => ID)
  serviceTypeCode!: string;

  @Field(() => ID, { nullable: true })
  providerId?: string | null;

  @Field(() => String, { nullable: true })
  note?: string | null;
}

@InputType({ description: 'Oma ehdotus; the lists given replace the whole lists.' })
export class ProposalInput {
  @Field(() => String, { nullable: true })
  wishes?: string | null;

  @Field(() => String, { nullable: true })
  needs?: string | null;

  @Field(() => String, { nullable: true })
  goals?: string | null;

  @Field(() => [SelfAssessmentInput], { nullable: true })
  selfAssessment?: SelfAssessmentInput[] | null;

  @Field(() => [ProposalChoiceInput], { nullable: true })
  choices?: ProposalChoiceInput[] | null;
}

@ObjectType()
export class ProposalPayload {
  @Field(() => Proposal, { nullable: true })
  proposal!: Proposal | null;

  @Field(() => [UserError])
  errors!: UserError[];
}

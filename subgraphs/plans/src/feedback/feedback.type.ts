import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, UserError, connectionOf, enumOf } from '@hb/kit';
import { COMPLAINT_STATUSES, type ComplaintStatus } from './complaint.rules';

export const ComplaintStatusEnum = enumOf(COMPLAINT_STATUSES);
registerEnumType(ComplaintStatusEnum, {
  name: 'ComplaintStatus',
  description: 'Reklamaation käsittelyvaihe.',
  valuesConfig: {
    RECEIVED: { description: 'Vastaanotettu' },
    IN_PROGRESS: { description: 'Käsittelyssä' },
    ANSWERED: { description: 'Vastattu' },
    CLOSED: { description: 'Suljettu' },
  },
});

@ObjectType({
  description:
    'Palaute HB-keskuksen luettavaksi. Anonymous feedback has no author fields (client, authorRole).',
})
export class FeedbackEntry {
  @Field(() => ID)
  id!: string;

  @Field(() => Int, { description: '1–5.' })
  rating!: number;

  @Field()
  text!: string;

  @Field()
  anonymous!: boolean;

  @Field(() => String, { nullable: true, description: 'Vastaus.' })
  answer!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  answeredAt!: Date | null;

  @Field(() => DateTimeScalar)
  at!: Date;
}

export const FeedbackConnection = connectionOf('FeedbackEntry', FeedbackEntry);

@InputType({ description: 'Palautteen rajaus.' })
export class FeedbackFilter {
  @Field(() => ID, { nullable: true })
  municipalityCode?: string | null;

  @Field(() => ID, { nullable: true })
  providerId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'true: answered only; false: unanswered.' })
  answered?: boolean | null;
}

@ObjectType()
export class AnswerFeedbackPayload {
  @Field(() => FeedbackEntry, { nullable: true })
  feedback!: FeedbackEntry | null;

  @Field(() => [UserError])
  errors!: UserError[];
}

@Directive('@key(fields: "id")')
@ObjectType({
  description:
    'Reklamaatio – a complaint handled as a case; the provider it concerns sees it without the complainant.',
})
export class Complaint {
  @Field(() => ID)
  id!: string;

  @Field(() => ComplaintStatusEnum)
  status!: ComplaintStatus;

  @Field()
  text!: string;

  @Field(() => String, { nullable: true, description: 'Palveluntuottajan vastine.' })
  providerResponse!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  providerRespondedAt!: Date | null;

  @Field(() => String, { nullable: true, description: 'HB-keskuksen vastaus.' })
  answer!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  answeredAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  closedAt!: Date | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

export const ComplaintConnection = connectionOf('Complaint', Complaint);

@InputType({ description: 'Reklamaation rajaus.' })
export class ComplaintFilter {
  @Field(() => ComplaintStatusEnum, { nullable: true })
  status?: ComplaintStatus | null;

  @Field(() => ID, { nullable: true })
  providerId?: string | null;
}

@InputType({ description: 'Uusi reklamaatio.' })
export class ComplaintInput {
  @Field(() => ID)
  clientId!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'The provider it concerns (none: the HB centre).',
  })
  providerId?: string | null;

  @Field()
  text!: string;
}

@ObjectType()
export class ComplaintPayload {
  @Field(() => Complaint, { nullable: true })
  complaint!: Complaint | null;

  @Field(() => [UserError])
  errors!: UserError[];
}

import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, UserError, enumOf } from '@hb/kit';

export const ConcernKindEnum = enumOf(['ABNORMAL_USE', 'NEED_NOT_MET'] as const);
registerEnumType(ConcernKindEnum, {
  name: 'ConcernKind',
  valuesConfig: {
    ABNORMAL_USE: { description: 'Asiakkaan palvelunkäyttö on poikkeavaa' },
    NEED_NOT_MET: { description: 'Palvelu ei vastaa asiakkaan tarpeisiin' },
  },
});

@InputType()
export class RaiseConcernInput {
  @Field(() => ID, { description: 'Your payment commitment for the client the concern is about.' })
  commitmentId!: string;

  @Field(() => ConcernKindEnum)
  kind!: string;

  @Field({ description: 'What you noticed, for the own worker (1–2000 characters).' })
  message!: string;
}

@ObjectType({ description: 'Huoli – what a provider told the own worker.' })
export class Concern {
  @Field(() => ID)
  id!: string;

  @Field(() => ConcernKindEnum)
  kind!: string;

  @Field()
  message!: string;

  @Field(() => DateTimeScalar)
  raisedAt!: Date;
}

@ObjectType()
export class ConcernPayload {
  @Field(() => Concern, { nullable: true })
  concern!: Concern | null;

  @Field(() => [UserError])
  errors!: UserError[];
}

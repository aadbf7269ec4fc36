import { Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, connectionOf, enumOf } from '@hb/kit';
import { Client } from '../budget/budget.type';
import { AlertAudienceEnum } from '../alert/alert.type';

export const InboxItemKindEnum = enumOf(['ALERT', 'CONCERN'] as const);
registerEnumType(InboxItemKindEnum, {
  name: 'InboxItemKind',
  valuesConfig: {
    ALERT: { description: 'Hälytys budjetin käytöstä' },
    CONCERN: { description: 'Palveluntuottajan huoli' },
  },
});

@ObjectType({ description: 'Saapunut viesti – an alert or a concern addressed to you.' })
export class InboxItem {
  @Field(() => ID)
  id!: string;

  @Field(() => InboxItemKindEnum)
  kind!: string;

  @Field(() => AlertAudienceEnum, { description: 'Who it was addressed to (your role for it).' })
  audience!: string;

  @Field()
  title!: string;

  @Field({
    description: 'For staff with the numbers; for the client and her team in plain language.',
  })
  body!: string;

  @Field({ description: 'Kiireellinen: e-mailed at once rather than in the hourly digest.' })
  urgent!: boolean;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field({ description: 'Whether you have marked it read.' })
  read!: boolean;

  @Field(() => Client)
  client!: Client;
}

export const InboxConnection = connectionOf('Inbox', InboxItem);

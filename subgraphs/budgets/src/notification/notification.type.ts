import { Field, InputType, ObjectType } from 'type-graphql';
import { UserError } from '@hb/kit';

@ObjectType({ description: 'Sähköposti-ilmoitukset – your own e-mail settings for the inbox.' })
export class NotificationSettings {
  @Field()
  email!: string;

  @Field()
  enabled!: boolean;

  @Field({ description: 'One e-mail a day instead of at most one an hour (urgent ones at once).' })
  daily!: boolean;
}

@InputType()
export class NotificationSettingsInput {
  @Field()
  email!: string;

  @Field()
  enabled!: boolean;

  @Field({ defaultValue: false })
  daily!: boolean;
}

@ObjectType()
export class NotificationSettingsPayload {
  @Field(() => NotificationSettings, { nullable: true })
  settings!: NotificationSettings | null;

  @Field(() => [UserError])
  errors!: UserError[];
}

import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { DateTimeScalar, UserError } from '@hb/kit';
import { Provider } from '../provider/provider.type';

/** GraphQL types of what a provider keeps itself: its listing (oma esittely) and versions. */

@InputType({
  description:
    'Oma esittely – the parts of its listing a provider keeps itself, shown at once. A field left out stays as it is; null or an empty text clears an optional one.',
})
export class ProviderListingInput {
  @Field(() => String, { nullable: true, description: 'Kuvaus, at most 5000 characters.' })
  description?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Puhelin: digits, spaces or dashes, optional +, 6–15 digits.',
  })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'Sähköposti.' })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Verkkosivut: an http(s) address.' })
  website?: string | null;

  @Field(() => String, { nullable: true, description: 'Käyntiosoite, at most 300 characters.' })
  address?: string | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Palvelukielet: known ISO 639 codes (fi, sv, en, fse, fss, …); at least one.',
  })
  languages?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Esteettömyys: known feature codes.' })
  accessibility?: string[] | null;

  @Field(() => Boolean, { nullable: true, description: 'Ottaa uusia asiakkaita.' })
  takesNewClients?: boolean | null;
}

@ObjectType('ListingChange', {
  description: 'Yksi muutettu kenttä – one changed field of a listing version.',
})
export class ListingChangeType {
  @Field({
    description:
      'description, phone, email, website, address, languages, accessibility or takesNewClients.',
  })
  field!: string;

  @Field(() => String, { nullable: true, description: 'Value before; lists comma-separated.' })
  before!: string | null;

  @Field(() => String, { nullable: true, description: 'Value after; lists comma-separated.' })
  after!: string | null;
}

@ObjectType({ description: 'Esittelyn versio – who changed which fields of the listing, when.' })
export class ListingVersion {
  @Field(() => ID)
  id!: string;

  @Field(() => DateTimeScalar)
  at!: Date;

  @Field()
  actorId!: string;

  @Field()
  actorRole!: string;

  @Field(() => [ListingChangeType])
  changes!: ListingChangeType[];
}

@ObjectType()
export class ProviderListingPayload {
  @Field(() => Provider, { nullable: true })
  provider!: Provider | null;

  @Field(() => [UserError])
  errors!: UserError[];
}

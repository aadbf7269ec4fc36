import { Directive, Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, Money, UserError, connectionOf, enumOf } from '@hb/kit';
import {
  APPROVAL_STATUSES,
  PRICE_UNITS,
  PROVIDER_KINDS,
  type ApprovalStatus,
  type PriceUnit,
  type ProviderKind,
} from './catalogue';
import { CATALOGUE_SORTS, type CatalogueSort } from './search-query';

export const CatalogueSortEnum = enumOf(CATALOGUE_SORTS);
registerEnumType(CatalogueSortEnum, {
  name: 'CatalogueSort',
  description: 'Palveluhaun järjestys.',
  valuesConfig: {
    RELEVANCE: { description: 'Osuvin ensin' },
    NAME: { description: 'Nimen mukaan' },
    PRICE: { description: 'Halvin ensin (hinta valitulla yksiköllä)' },
  },
});

export const ProviderKindEnum = enumOf(PROVIDER_KINDS);
registerEnumType(ProviderKindEnum, {
  name: 'ProviderKind',
  description: 'Palveluntuottajan tyyppi.',
  valuesConfig: {
    COMPANY: { description: 'Yritys' },
    NGO: { description: 'Järjestö' },
    COMMUNITY: { description: 'Yhteisö (myös liikunta-, kulttuuri- ja vapaa-ajan toimijat)' },
    ORGANISER_OWN: {
      description: 'Järjestäjän oma tuotanto – ei voi ostaa henkilökohtaisella budjetilla',
    },
  },
});

export const ApprovalStatusEnum = enumOf(APPROVAL_STATUSES);
registerEnumType(ApprovalStatusEnum, {
  name: 'ApprovalStatus',
  description: "Hyväksynnän tila – where a provider is in the organiser's approval workflow.",
  valuesConfig: {
    PENDING: { description: 'Odottaa käsittelyä' },
    INFO_REQUESTED: { description: 'Lisätietoja pyydetty' },
    APPROVED: { description: 'Hyväksytty – näkyy julkisessa palveluhakemistossa' },
    REJECTED: { description: 'Hylätty' },
    SUSPENDED: { description: 'Hyväksyntä keskeytetty' },
  },
});

export const PricingBasisEnum = enumOf(PRICE_UNITS);
registerEnumType(PricingBasisEnum, {
  name: 'PricingBasis',
  description: 'Hinnoitteluperuste.',
  valuesConfig: {
    HOUR: { description: 'Tunti' },
    DAY: { description: 'Päivä' },
    KILOMETRE: { description: 'Kilometri' },
    YEAR: { description: 'Vuosi' },
  },
});

/** Stub of the clients subgraph's municipality; this subgraph adds `providers`. */
@Directive('@key(fields: "code")')
@ObjectType()
export class Municipality {
  @Field(() => ID)
  code!: string;
}

/** Stub of the budgets subgraph's service type; this subgraph adds `offerings`. */
@Directive('@key(fields: "code")')
@ObjectType()
export class ServiceType {
  @Field(() => ID)
  code!: string;
}

@ObjectType({
  description: 'Hyväksyntähistorian tapahtuma – one step of the approval workflow: who, when, why.',
})
export class ApprovalEvent {
  @Field(() => ID)
  id!: string;

  @Field(() => ApprovalStatusEnum, {
    nullable: true,
    description: 'Null for the first application.',
  })
  fromStatus!: ApprovalStatus | null;

  @Field(() => ApprovalStatusEnum)
  toStatus!: ApprovalStatus;

  @Field({ description: 'Who acted: a staff member\'s or user\'s id, or "anonymous".' })
  actorId!: string;

  @Field({ description: "The actor's role, e.g. ORGANISER or PROVIDER." })
  actorRole!: string;

  @Field(() => String, { nullable: true, description: 'Perustelu.' })
  reason!: string | null;

  @Field(() => DateTimeScalar)
  at!: Date;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'Palveluntuottaja – a service provider.' })
export class Provider {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field({ description: 'Y-tunnus, e.g. 1234567-1.' })
  businessId!: string;

  @Field(() => ProviderKindEnum)
  kind!: ProviderKind;

  @Field(() => ApprovalStatusEnum)
  approvalStatus!: ApprovalStatus;

  @Field({ description: 'Kuvaus.' })
  description!: string;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true })
  phone!: string | null;

  @Field(() => String, { nullable: true })
  website!: string | null;

  @Field(() => String, { nullable: true, description: 'Käyntiosoite – street address.' })
  address!: string | null;

  @Field({ description: 'Ottaa uusia asiakkaita – takes new clients.' })
  takesNewClients!: boolean;

  @Field(() => [String], {
    description: 'Palvelukielet: ISO 639 codes, e.g. fi, sv, en, fse (viittomakieli).',
  })
  languages!: string[];

  @Field(() => [String], {
    description:
      'Esteettömyys: WHEELCHAIR_ACCESSIBLE, ACCESSIBLE_TOILET, HEARING_LOOP, SIGN_LANGUAGE, EASY_LANGUAGE (selkokieli), AAC_SUPPORT, ACCESSIBLE_VEHICLE, SENSORY_FRIENDLY, HOME_VISITS, GUIDE_DOG_WELCOME.',
  })
  accessibility!: string[];

  // Resolved by field resolvers.
  municipalities!: string[];
}

export const ProviderConnection = connectionOf('Provider', Provider);

@ObjectType({
  description:
    'Palveluhaun tulos – a page of the public catalogue. A broad search ranks and counts at most a bounded number of matches (the most complete listings first, or by name or price); then totalCount is that number and totalCountIsLowerBound is true.',
})
export class ProviderSearchConnection extends ProviderConnection {
  @Field({
    description:
      'True when the search may match more providers than totalCount ("vähintään N"): narrow it with words or filters.',
  })
  totalCountIsLowerBound!: boolean;
}

@Directive('@key(fields: "id")')
@ObjectType({ description: 'Palvelutarjous – a service a provider offers, with its price.' })
export class Offering {
  @Field(() => ID)
  id!: string;

  @Field()
  title!: string;

  @Field()
  description!: string;

  @Field(() => PricingBasisEnum, {
    description: 'Hinnoitteluperuste: per hour, day, kilometre or year.',
  })
  priceUnit!: PriceUnit;

  @Field(() => [Int], {
    name: 'suitableClassLevels',
    description: 'HB-luokat, joille palvelu sopii (HB class levels it suits).',
  })
  classLevels!: number[];

  @Field({
    description:
      'Odottaa järjestäjän hyväksyntää: a new service type of an approved provider, not in the catalogue until the organiser approves it.',
  })
  awaitingApproval!: boolean;

  // Resolved by field resolvers.
  providerId!: string;
  serviceType!: string;
  priceCents!: number;
}

@InputType({ description: 'Palvelutarjous: uusi (ilman id:tä) tai muutos.' })
export class OfferingInput {
  @Field(() => ID, {
    nullable: true,
    description: 'The offering to change; omit to add a new one.',
  })
  id?: string | null;

  @Field(() => ID, {
    description:
      'DAY_ACTIVITIES, RESPITE_CARE, TRANSPORT, PERSONAL_ASSISTANCE, HOUSING, WORK_AND_DAY_ACTIVITY or FAMILY_SERVICES.',
  })
  serviceType!: string;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field({ description: 'Hinta euroina, e.g. "160.00"; more than zero.' })
  price!: string;

  @Field(() => PricingBasisEnum)
  priceUnit!: PriceUnit;

  @Field(() => [Int], { nullable: true, description: 'HB class levels (1–7) it suits.' })
  suitableClassLevels?: number[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'False withdraws the offering from the catalogue. Default true.',
  })
  active?: boolean | null;
}

@InputType({ description: 'Palveluntuottajaksi hakeminen.' })
export class ProviderApplicationInput {
  @Field()
  name!: string;

  @Field({ description: 'Y-tunnus, e.g. 1234567-1.' })
  businessId!: string;

  @Field(() => ProviderKindEnum, { description: 'ORGANISER_OWN only by organiser staff.' })
  kind!: ProviderKind;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  website?: string | null;

  @Field(() => [ID], { description: 'Official codes of the municipalities served, e.g. 837.' })
  municipalitiesServed!: string[];

  @Field(() => [String], { description: 'ISO 639 codes: fi, sv, en, …' })
  languages!: string[];

  @Field(() => [String], { nullable: true })
  accessibility?: string[] | null;

  @Field(() => [OfferingInput], {
    nullable: true,
    description: 'Offerings to list with the application.',
  })
  offerings?: OfferingInput[] | null;
}

@InputType({
  description:
    'Palveluhaku – catalogue search. Public; only approved providers unless staff ask otherwise.',
})
export class ProviderSearchInput {
  @Field(() => String, {
    nullable: true,
    description: 'Vapaa teksti (at most 200 characters); Finnish inflected forms are understood.',
  })
  text?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only providers with an offering of this service type.',
  })
  serviceType?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only providers serving this municipality (official code).',
  })
  municipalityCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Only providers serving in this language: an ISO 639 code (fi, sv, en, fse suomalainen viittomakieli, fss suomenruotsalainen viittomakieli) or fi-selko (selkosuomi, easy Finnish).',
  })
  language?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Only providers with an offering (of serviceType, when given) at or below this price per priceUnit, which it needs.',
  })
  maxPrice?: string | null;

  @Field(() => PricingBasisEnum, {
    nullable: true,
    description:
      'Only providers with an offering priced per this unit; the unit of maxPrice and of sorting by price.',
  })
  priceUnit?: PriceUnit | null;

  @Field(() => [String], {
    nullable: true,
    description:
      'Esteettömyys: only providers with every one of these features (WHEELCHAIR_ACCESSIBLE, SIGN_LANGUAGE, …).',
  })
  accessibility?: string[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'True: only providers taking new clients.',
  })
  takesNewClients?: boolean | null;

  @Field(() => CatalogueSortEnum, {
    nullable: true,
    description: 'Järjestys: RELEVANCE (default), NAME, or PRICE (lowest per priceUnit first).',
  })
  sort?: CatalogueSort | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Include non-approved providers (HB advisers, own workers and organiser staff only).',
  })
  includeUnapproved?: boolean | null;
}

@ObjectType()
export class ProviderPayload {
  @Field(() => Provider, { nullable: true })
  provider!: Provider | null;

  @Field(() => [UserError])
  errors!: UserError[];
}

@ObjectType()
export class OfferingPayload {
  @Field(() => Offering, { nullable: true })
  offering!: Offering | null;

  @Field(() => [UserError])
  errors!: UserError[];
}

export { Money };

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

import { Directive, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeScalar, UserError, connectionOf, enumOf } from '@hb/kit';
import {
  APPROVAL_STATUSES,
  PROVIDER_KINDS,
  type ApprovalStatus,
  type ProviderKind,
} from './catalogue';
import { OfferingInput } from './offering.type';

/** GraphQL types of the provider registry: providers, their applications and approval. */

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

@ObjectType()
export class ProviderPayload {
  @Field(() => Provider, { nullable: true })
  provider!: Provider | null;

  @Field(() => [UserError])
  errors!: UserError[];
}

import { Directive, Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { DateScalar, DateTimeScalar, UserError, connectionOf, enumOf } from '@hb/kit';
import { PROCESS_PHASES, type ProcessPhase } from './process-phase';
import { TEAM_ROLES, type TeamRole } from '../team/team-role';
import { CONSENT_SCOPES, type ConsentScope } from '../consent/consent-scope';

export const ProcessPhaseEnum = enumOf(PROCESS_PHASES);
registerEnumType(ProcessPhaseEnum, {
  name: 'ProcessPhase',
  description: 'HB-prosessin vaihe – the six phases of the personal budgeting process.',
  valuesConfig: {
    NEEDS_IDENTIFIED: { description: 'Toiveiden ja tarpeiden tunnistaminen, palvelun hakeminen' },
    ASSESSMENT: { description: 'Palvelutarpeen arviointi; HB valitaan järjestämistavaksi' },
    PLANNING: { description: 'Suunnittelu tiimin ja ammattilaisten kanssa' },
    BUDGET_DEFINITION: { description: 'Budjetin arvon määrittely' },
    DECISIONS: { description: 'Päätökset, palvelusuunnitelma ja toteutussuunnitelma' },
    IMPLEMENTATION: { description: 'Toteutus, seuranta ja arviointi' },
  },
});

export const TeamRoleEnum = enumOf(TEAM_ROLES);
registerEnumType(TeamRoleEnum, {
  name: 'TeamRole',
  description: 'Rooli asiakkaan omassa tiimissä ("minun tiimini").',
  valuesConfig: {
    RELATIVE: { description: 'Läheinen' },
    PROFESSIONAL: { description: 'Ammattilainen' },
    NGO_WORKER: { description: 'Järjestötyöntekijä' },
    SUPPORT_PERSON: { description: 'Tukihenkilö' },
    HB_ADVISER: { description: 'HB-keskuksen neuvoja' },
    OTHER: { description: 'Muu' },
  },
});

export const ConsentScopeEnum = enumOf(CONSENT_SCOPES);
registerEnumType(ConsentScopeEnum, {
  name: 'ConsentScope',
  description: 'Mitä tiimin jäsen saa nähdä asiakkaan suostumuksella.',
  valuesConfig: {
    BUDGET: { description: 'Budjetti ja sen käyttö' },
    PLAN: { description: 'Toteutussuunnitelma' },
    DOCUMENTS: { description: 'Asiakirjat' },
  },
});

@Directive('@key(fields: "code")')
@ObjectType({ description: 'Kunta – a municipality, by its official code.' })
export class Municipality {
  @Field(() => ID, { description: 'Kuntanumero, e.g. 837 for Tampere.' })
  code!: string;

  @Field({ description: 'Name in Finnish.' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Name in Swedish (namn på svenska).' })
  nameSv!: string | null;
}

@Directive('@key(fields: "id")')
@ObjectType({
  description: 'Henkilökunta – an own worker (omatyöntekijä), HB adviser or organiser staff.',
})
export class StaffMember {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field({ description: 'OWN_WORKER (omatyöntekijä), HB_ADVISER (HB-neuvoja) or ORGANISER.' })
  role!: string;

  @Field(() => String, { nullable: true })
  email!: string | null;
}

@ObjectType({ description: "Tiimin jäsen – a member of the client's own team." })
export class TeamMember {
  @Field(() => ID)
  id!: string;

  @Field()
  name!: string;

  @Field(() => TeamRoleEnum)
  role!: TeamRole;

  @Field(() => String, { nullable: true, description: 'Suhde asiakkaaseen, e.g. "äiti".' })
  relation!: string | null;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true })
  phone!: string | null;
}

@ObjectType({ description: 'Suostumus – what a team member may see, and for how long.' })
export class Consent {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  teamMemberId!: string;

  @Field(() => [ConsentScopeEnum])
  scopes!: ConsentScope[];

  @Field(() => DateScalar)
  validFrom!: string;

  @Field(() => DateScalar, { nullable: true })
  validUntil!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  revokedAt!: Date | null;

  @Field({ description: 'True when not revoked and today is within the validity.' })
  active!: boolean;
}

const ACTOR_ORGANISATION_KINDS = ['HB_CENTRE', 'MUNICIPALITY', 'PROVIDER', 'NONE'] as const;
export const ActorOrganisationKindEnum = enumOf(ACTOR_ORGANISATION_KINDS);
registerEnumType(ActorOrganisationKindEnum, {
  name: 'ActorOrganisationKind',
  description: 'Kenen puolesta lokimerkinnän tekijä toimi.',
  valuesConfig: {
    HB_CENTRE: { description: 'HB-keskus (HB-neuvoja)' },
    MUNICIPALITY: { description: 'Kunta tai hyvinvointialue' },
    PROVIDER: { description: 'Palveluntuottaja' },
    NONE: { description: 'Ei organisaatiota (asiakas, tiimin jäsen, järjestelmä)' },
  },
});

@ObjectType({ description: "Lokimerkintä – one access to the client's data." })
export class AccessLogEntry {
  @Field(() => ID)
  id!: string;

  @Field(() => DateTimeScalar)
  at!: Date;

  @Field({ description: "Who: a staff member's, person's or system's id." })
  actorId!: string;

  @Field()
  actorRole!: string;

  @Field(() => String, {
    nullable: true,
    description: 'Acting organisation: municipality or provider.',
  })
  actorOrganisation!: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Kuka – the actor's name: staff member, team member or the client herself.",
  })
  actorName!: string | null;

  @Field(() => ActorOrganisationKindEnum, {
    description: 'Whom the actor acted for; an HB adviser acts for the HB centre.',
  })
  actorOrganisationKind!: (typeof ACTOR_ORGANISATION_KINDS)[number];

  @Field(() => String, {
    nullable: true,
    description: 'Kunnan nimi – the municipality acted for, when it is one.',
  })
  actorOrganisationName!: string | null;

  @Field(() => String, { nullable: true, description: 'Kunnan ruotsinkielinen nimi.' })
  actorOrganisationNameSv!: string | null;

  @Field({ description: 'READ or CHANGE.' })
  action!: string;

  @Field({ description: 'What was read or changed, e.g. Budget.transactions.' })
  subject!: string;

  @Field({ description: 'Käyttötarkoitus – declared purpose.' })
  purpose!: string;

  @Field({ description: 'Service that served the access.' })
  service!: string;

  @Field()
  requestId!: string;
}

export const AccessLogConnection = connectionOf('AccessLog', AccessLogEntry);

@Directive('@key(fields: "id")')
@ObjectType({ description: 'Asiakas – a client of the HB centre.' })
export class Client {
  @Field(() => ID)
  id!: string;

  @Field()
  firstName!: string;

  @Field()
  lastName!: string;

  @Field(() => DateScalar, { nullable: true })
  dateOfBirth!: string | null;

  @Field(() => ProcessPhaseEnum)
  processPhase!: ProcessPhase;

  // Resolved by field resolvers from these ids.
  municipalityCode!: string;
  ownWorkerId!: string | null;
  adviserId!: string | null;
}

export const ClientConnection = connectionOf('Client', Client);

@InputType({ description: 'Uusi asiakas.' })
export class CreateClientInput {
  @Field()
  firstName!: string;

  @Field()
  lastName!: string;

  @Field(() => DateScalar, { nullable: true })
  dateOfBirth?: string | null;

  @Field(() => ID)
  municipalityCode!: string;

  @Field(() => ID, { nullable: true })
  ownWorkerId?: string | null;

  @Field(() => ID, { nullable: true })
  adviserId?: string | null;

  @Field(() => ProcessPhaseEnum, { nullable: true })
  processPhase?: ProcessPhase | null;
}

@InputType({ description: 'Tiimin jäsenen tiedot.' })
export class TeamMemberInput {
  @Field()
  name!: string;

  @Field(() => TeamRoleEnum)
  role!: TeamRole;

  @Field(() => String, { nullable: true })
  relation?: string | null;

  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true })
  phone?: string | null;
}

@InputType({ description: 'Suostumus tiimin jäsenelle.' })
export class ConsentInput {
  @Field(() => ID)
  teamMemberId!: string;

  @Field(() => [ConsentScopeEnum])
  scopes!: ConsentScope[];

  @Field(() => DateScalar, { nullable: true, description: 'Default: today.' })
  validFrom?: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Default: until revoked.' })
  validUntil?: string | null;
}

@ObjectType()
export class CreateClientPayload {
  @Field(() => Client, { nullable: true })
  client!: Client | null;

  @Field(() => [UserError])
  errors!: UserError[];
}

@ObjectType()
export class ClientPayload {
  @Field(() => Client, { nullable: true })
  client!: Client | null;

  @Field(() => [UserError])
  errors!: UserError[];
}

@ObjectType()
export class TeamMemberPayload {
  @Field(() => Client, { nullable: true })
  client!: Client | null;

  @Field(() => TeamMember, { nullable: true })
  teamMember!: TeamMember | null;

  @Field(() => [UserError])
  errors!: UserError[];
}

@ObjectType({
  description: 'Prosessin vaiheen muutos – who moved the client to which phase, and when.',
})
export class ProcessPhaseChange {
  @Field(() => ID)
  id!: string;

  @Field(() => ProcessPhaseEnum, { nullable: true, description: 'Null for the first phase.' })
  fromPhase!: ProcessPhase | null;

  @Field(() => ProcessPhaseEnum)
  toPhase!: ProcessPhase;

  @Field({ description: 'ADVISER, WORKER, or SYSTEM for phases from before the history.' })
  actorRole!: string;

  @Field(() => String, { nullable: true, description: "The staff member's name, when known." })
  actorName!: string | null;

  @Field(() => DateTimeScalar)
  at!: Date;
}

@InputType({ description: 'Omatyöntekijä ja HB-neuvoja; null leaves the client without one.' })
export class AssignClientStaffInput {
  @Field(() => ID, { nullable: true })
  ownWorkerId?: string | null;

  @Field(() => ID, { nullable: true })
  adviserId?: string | null;
}

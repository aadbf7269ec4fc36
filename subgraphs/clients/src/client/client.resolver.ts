import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { ClientsContext } from '../shared/context.types';
import { ConsentService } from '../consent/consent.service';
import {
  AccessLogConnection,
  Client,
  ClientConnection,
  AssignClientStaffInput,
  ClientPayload,
  ProcessPhaseChange,
  Consent,
  ConsentScopeEnum,
  CreateClientInput,
  CreateClientPayload,
  Municipality,
  ProcessPhaseEnum,
  StaffMember,
  TeamMember,
} from './client.type';
import type { ProcessPhase } from './process-phase';
import type { ClientEntity } from './client.entity';

/** Thin: every rule and authorization check is in the services. */
@Resolver(() => Client)
export class ClientResolver {
  @Query(() => Client, { nullable: true, description: 'Yksi asiakas.' })
  client(@Arg('id', () => ID) id: string, @Ctx() ctx: ClientsContext) {
    return ctx.clients.get(id);
  }

  @Query(() => ClientConnection, { description: 'Asiakkaat, hakusanalla ja kunnittain.' })
  clients(
    @Ctx() ctx: ClientsContext,
    @Arg('municipalityCode', () => ID, { nullable: true }) municipalityCode?: string,
    @Arg('search', () => String, { nullable: true }) search?: string,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return ctx.clients.list({ municipalityCode, search, first, after });
  }

  @Query(() => [ConsentScopeEnum], {
    description:
      'Suostumukseni – what the calling team member may see of this client today (empty for anyone else).',
  })
  myConsentScopes(@Arg('clientId', () => ID) clientId: string, @Ctx() ctx: ClientsContext) {
    return ctx.clients.myConsentScopes(clientId);
  }

  // The basic details: a team member reads them only with a consent in force.
  @FieldResolver()
  firstName(@Root() client: ClientEntity, @Ctx() ctx: ClientsContext) {
    return ctx.clients.details(client).firstName;
  }

  @FieldResolver()
  lastName(@Root() client: ClientEntity, @Ctx() ctx: ClientsContext) {
    return ctx.clients.details(client).lastName;
  }

  @FieldResolver()
  dateOfBirth(@Root() client: ClientEntity, @Ctx() ctx: ClientsContext) {
    return ctx.clients.details(client).dateOfBirth;
  }

  @FieldResolver()
  processPhase(@Root() client: ClientEntity, @Ctx() ctx: ClientsContext) {
    return ctx.clients.details(client).processPhase;
  }

  @FieldResolver(() => Municipality)
  async municipality(@Root() client: ClientEntity, @Ctx() ctx: ClientsContext) {
    return ctx.loaders.municipality.load(ctx.clients.details(client).municipalityCode);
  }

  @FieldResolver(() => StaffMember, { nullable: true, description: 'Omatyöntekijä.' })
  ownWorker(@Root() client: ClientEntity, @Ctx() ctx: ClientsContext) {
    const { ownWorkerId } = ctx.clients.details(client);
    return ownWorkerId ? ctx.loaders.staff.load(ownWorkerId) : null;
  }

  @FieldResolver(() => StaffMember, { nullable: true, description: 'HB-neuvoja.' })
  adviser(@Root() client: ClientEntity, @Ctx() ctx: ClientsContext) {
    const { adviserId } = ctx.clients.details(client);
    return adviserId ? ctx.loaders.staff.load(adviserId) : null;
  }

  // A team member sees only her own entry.
  @FieldResolver(() => [TeamMember], { description: "Minun tiimini – the client's own team." })
  team(@Root() client: ClientEntity, @Ctx() ctx: ClientsContext) {
    return ctx.clients.team(client);
  }

  @FieldResolver(() => [Consent], { description: 'Suostumukset.' })
  async consents(@Root() client: ClientEntity, @Ctx() ctx: ClientsContext) {
    ctx.clients.assertPrivate(client, 'Client.consents');
    const consents = await ctx.loaders.consents.load(client.id);
    return consents.map((c) => ({
      id: c.id,
      teamMemberId: c.teamMemberId,
      scopes: c.scopes,
      validFrom: c.validFrom,
      validUntil: c.validUntil,
      revokedAt: c.revokedAt,
      active: ConsentService.isActive(c),
    }));
  }

  @FieldResolver(() => AccessLogConnection, {
    description: "Lokitiedot – who has read or changed this client's data, newest first.",
  })
  accessLog(
    @Root() client: ClientEntity,
    @Ctx() ctx: ClientsContext,
    @Arg('first', () => Int, { nullable: true }) first?: number,
    @Arg('after', () => String, { nullable: true }) after?: string,
  ) {
    return ctx.clients.accessLog(client, first, after);
  }

  @Mutation(() => CreateClientPayload)
  createClient(
    @Arg('input', () => CreateClientInput) input: CreateClientInput,
    @Ctx() ctx: ClientsContext,
  ) {
    return ctx.clients.create(input);
  }

  @FieldResolver(() => [ProcessPhaseChange], {
    description: 'Prosessin vaiheet: who moved the client, when; staff of her municipality.',
  })
  phaseHistory(@Root() client: ClientEntity, @Ctx() ctx: ClientsContext) {
    return ctx.clients.phaseHistory(client);
  }

  @Query(() => [StaffMember], {
    description: 'Omatyöntekijät ja HB-neuvojat of the caller’s municipalities (for assigning).',
  })
  staffMembers(@Ctx() ctx: ClientsContext) {
    return ctx.clients.staffMembers();
  }

  @Mutation(() => ClientPayload, {
    description: 'Vaihtaa asiakkaan omatyöntekijän ja HB-neuvojan.',
  })
  assignClientStaff(
    @Arg('clientId', () => ID) clientId: string,
    @Arg('input', () => AssignClientStaffInput) input: AssignClientStaffInput,
    @Ctx() ctx: ClientsContext,
  ) {
    return ctx.clients.assignStaff(clientId, input);
  }

  @Mutation(() => ClientPayload, { description: 'Siirtää asiakkaan prosessin vaiheeseen.' })
  setProcessPhase(
    @Arg('clientId', () => ID) clientId: string,
    @Arg('phase', () => ProcessPhaseEnum) phase: ProcessPhase,
    @Ctx() ctx: ClientsContext,
  ) {
    return ctx.clients.setProcessPhase(clientId, phase);
  }
}

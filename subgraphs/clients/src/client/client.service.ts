import {
  UserError,
  decodeCursor,
  forbidden,
  isUuid,
  notFound,
  pageSize,
  requirePrincipal,
  toConnection,
  todayInFinland,
  type Principal,
  type RequestContext,
} from '@hb/kit';
import { NO_STAFF_SYNC, type StaffChanged } from './staff-sync';
import type { ClientsLoaders } from '../shared/loaders';
import type { ClientsStores } from '../shared/stores';
import type { ClientEntity } from './client.entity';
import { NO_STANDING, clientAccess, type TeamStanding } from './client-access.policy';
import { validateBirthDate, validateName, type FieldError } from './client.validation';
import type { CreateClientInput } from './client.type';
import type { ProcessPhase } from './process-phase';
import { consentInForce, type ConsentScope } from '../consent/consent-scope';
import { accessLogKey, readableEntry } from '../access-log/access-log-entry';

export const toUserErrors = (errors: FieldError[]) =>
  errors.map((e) => UserError.of('VALIDATION', e.message, e.field));

/** Rules and authorization for client records. Every read is access-logged. */
export class ClientService {
  /** The calling team member's standing per client, looked up once per request. */
  private readonly standings = new Map<string, Promise<TeamStanding>>();
  /** The same, once known: field resolvers decide synchronously from it. */
  private readonly knownStandings = new Map<string, TeamStanding>();

  constructor(
    private readonly stores: ClientsStores,
    private readonly ctx: RequestContext,
    private readonly loaders: ClientsLoaders,
    private readonly staffChanged: StaffChanged = NO_STAFF_SYNC,
  ) {}

  /**
   * After the named staff changed (and committed): the inbox addresses her later items to them.
   * The assignment stands even if the budgets subgraph is down; that is logged, and any adviser
   * or own worker of her municipality can run `syncClientStaff` there again.
   */
  private async announceStaff(clientId: string): Promise<void> {
    try {
      await this.staffChanged(this.ctx, clientId);
    } catch (err) {
      this.ctx.logger.error({ err, clientId }, 'named staff not passed on to the inbox');
    }
  }

  /** The caller, or `UNAUTHENTICATED`: no client data is public. */
  principal(): Principal {
    return requirePrincipal(this.ctx);
  }

  /**
   * A client the caller may know of, or null when it does not exist; FORBIDDEN otherwise. A
   * team member without a consent in force gets the record, but its details refuse her
   * ({@link details}).
   */
  async get(id: string): Promise<ClientEntity | null> {
    const principal = this.principal();
    const client = await this.loaders.client.load(id);
    if (!client) return null;
    const standing = await this.standing(client.id);
    if (!clientAccess.canSee(principal, client, standing))
      throw forbidden('You may not see this client.');
    this.ctx.accessLog.read('Client', [client.id]);
    return client;
  }

  /**
   * The calling team member's standing with this client: whether she is on the team today and
   * what her consents in force cover. Nobody else has one. Team and consents load through the
   * request's batching loaders; the answer is kept for the request.
   */
  standing(clientId: string): Promise<TeamStanding> {
    const principal = this.principal();
    if (principal.role !== 'TEAM_MEMBER' || principal.clientId !== clientId || !isUuid(clientId)) {
      return Promise.resolve(NO_STANDING);
    }
    let found = this.standings.get(clientId);
    if (!found) {
      found = this.lookUpStanding(principal.sub, clientId);
      this.standings.set(clientId, found);
    }
    return found;
  }

  private async lookUpStanding(memberId: string, clientId: string): Promise<TeamStanding> {
    const [team, consents] = await Promise.all([
      this.loaders.team.load(clientId),
      this.loaders.consents.load(clientId),
    ]);
    const today = todayInFinland();
    const member = team.some((m) => m.id === memberId);
    const consentScopes = member
      ? [
          ...new Set(
            consents
              .filter((c) => c.teamMemberId === memberId && consentInForce(c, today))
              .flatMap((c) => c.scopes),
          ),
        ]
      : [];
    const standing = { member, consentScopes };
    this.knownStandings.set(clientId, standing);
    return standing;
  }

  /**
   * The client's basic details, when the caller may read them (FORBIDDEN otherwise). Synchronous:
   * every client root went through {@link get}, {@link list} or a change, which decided already;
   * for a team member the standing {@link get} looked up decides, and without one she is refused.
   */
  details(client: ClientEntity): ClientEntity {
    if (!clientAccess.canRead(this.principal(), client, this.knownStandings.get(client.id))) {
      throw forbidden('You may not see the details of this client.');
    }
    return client;
  }

  /** The team list as far as the caller may see it: all of it, her own entry, or FORBIDDEN. */
  async team(client: ClientEntity) {
    const view = clientAccess.teamView(
      this.principal(),
      client,
      this.knownStandings.get(client.id),
    );
    if (view === 'NONE') throw forbidden('You may not see Client.team of this client.');
    this.ctx.accessLog.read('Client.team', [client.id]);
    const team = await this.loaders.team.load(client.id);
    return view === 'ALL' ? team : team.filter((m) => m.id === this.principal().sub);
  }

  /**
   * What the calling team member may currently see of this client: the scopes of her consents
   * in force today, and only while she is on the team (empty for anyone else). Other services
   * ask this before showing a budget or a plan, or taking feedback, from a team member.
   */
  async myConsentScopes(clientId: string): Promise<ConsentScope[]> {
    const { consentScopes } = await this.standing(clientId);
    if (consentScopes.length > 0) this.ctx.accessLog.read('Client.consents', [clientId]);
    return [...consentScopes];
  }

  /** Municipalities are public reference data. */
  municipalities() {
    return this.stores.clients.allMunicipalities();
  }

  /** Like {@link get} but for mutations: a missing client is NOT_FOUND. */
  async getForChange(id: string, allowed: (p: Principal, c: ClientEntity) => boolean) {
    const principal = this.principal();
    const client = await this.loaders.client.load(id);
    if (!client) throw notFound('No such client.');
    if (!allowed(principal, client)) throw forbidden('You may not change this client.');
    return client;
  }

  /** Team, consents and access log need the stricter private-data rule. */
  assertPrivate(client: ClientEntity, subject: string): void {
    if (!clientAccess.canReadPrivate(this.principal(), client)) {
      throw forbidden(`You may not see ${subject} of this client.`);
    }
    this.ctx.accessLog.read(subject, [client.id]);
  }

  async list(args: {
    municipalityCode?: string | null;
    search?: string | null;
    first?: number | null;
    after?: string | null;
  }) {
    const principal = this.principal();
    const allowed = clientAccess.listableMunicipalities(principal);
    if (allowed.length === 0) throw forbidden('You may not list clients.');
    if (args.municipalityCode && !allowed.includes(args.municipalityCode)) {
      throw forbidden('You may not list the clients of this municipality.');
    }
    const search = args.search?.trim().slice(0, 100) || null;
    const limit = pageSize(args.first);
    const after = decodeCursor(args.after) as [string, string, string] | null;
    const { rows, total } = await this.stores.clients.list({
      municipalityCodes: args.municipalityCode ? [args.municipalityCode] : allowed,
      search,
      limit,
      after,
    });
    for (const row of rows) this.loaders.client.prime(row.id, row);
    this.ctx.accessLog.read(
      'Client',
      rows.slice(0, limit).map((r) => r.id),
    );
    return toConnection(rows, limit, total, (c) => [c.lastName, c.firstName, c.id], !!after);
  }

  async create(input: CreateClientInput) {
    const principal = this.principal();
    const errors: FieldError[] = [
      ...validateName(input.firstName, 'input.firstName', 'First name'),
      ...validateName(input.lastName, 'input.lastName', 'Last name'),
      ...validateBirthDate(input.dateOfBirth, todayInFinland()),
    ];
    const municipality = await this.loaders.municipality.load(input.municipalityCode);
    if (!municipality) {
      errors.push({
        field: 'input.municipalityCode',
        message: `Unknown municipality ${input.municipalityCode}.`,
      });
    } else if (!clientAccess.canManage(principal, municipality.code)) {
      throw forbidden('You may not create clients in this municipality.');
    }
    errors.push(...(await this.staffErrors(input, 'input.')));
    if (errors.length > 0) return { client: null, errors: toUserErrors(errors) };

    const client = await this.stores.db.transaction(async (manager) => {
      const created = await this.stores.clients.insertClient(manager, {
        firstName: input.firstName.trim(),
        lastName: input.lastName.trim(),
        dateOfBirth: input.dateOfBirth ?? null,
        municipalityCode: input.municipalityCode,
        ownWorkerId: input.ownWorkerId ?? null,
        adviserId: input.adviserId ?? null,
        processPhase: input.processPhase ?? 'NEEDS_IDENTIFIED',
      });
      await this.stores.clients.recordPhase(manager, {
        clientId: created.id,
        from: null,
        to: created.processPhase,
        actorId: principal.sub,
        actorRole: principal.role,
      });
      await this.ctx.accessLog.writeNow(manager, [
        { clientId: created.id, action: 'CHANGE', subject: 'Client.created' },
      ]);
      return created;
    });
    this.loaders.client.prime(client.id, client);
    if (client.ownWorkerId || client.adviserId) await this.announceStaff(client.id);
    return { client, errors: [] };
  }

  async setProcessPhase(clientId: string, phase: ProcessPhase) {
    const client = await this.getForChange(clientId, (p, c) =>
      clientAccess.canManage(p, c.municipalityCode),
    );
    const p = this.principal();
    await this.stores.db.transaction(async (manager) => {
      await this.stores.clients.setPhase(manager, client.id, phase);
      await this.stores.clients.recordPhase(manager, {
        clientId: client.id,
        from: client.processPhase,
        to: phase,
        actorId: p.sub,
        actorRole: p.role,
      });
      await this.ctx.accessLog.writeNow(manager, [
        { clientId: client.id, action: 'CHANGE', subject: `Client.processPhase=${phase}` },
      ]);
    });
    this.loaders.client.clear(client.id);
    return { client: await this.loaders.client.load(client.id), errors: [] };
  }

  /** Who moved the client to which phase and when, newest first: staff of her municipality. */
  async phaseHistory(client: ClientEntity) {
    if (!clientAccess.canManage(this.ctx.principal, client.municipalityCode))
      throw forbidden('You may not see the phase history of this client.');
    this.ctx.accessLog.read('Client.phaseHistory', [client.id]);
    return this.loaders.phaseHistory.load(client.id);
  }

  /** Reassigns the own worker and the HB adviser (null leaves the client without one). */
  async assignStaff(
    clientId: string,
    input: { ownWorkerId?: string | null; adviserId?: string | null },
  ) {
    const client = await this.getForChange(clientId, (p, c) =>
      clientAccess.canManage(p, c.municipalityCode),
    );
    const errors = await this.staffErrors(input, '');
    if (errors.length > 0) return { client, errors: toUserErrors(errors) };
    await this.stores.db.transaction(async (manager) => {
      await this.stores.clients.assignStaff(manager, client.id, {
        ownWorkerId: input.ownWorkerId ?? null,
        adviserId: input.adviserId ?? null,
      });
      await this.ctx.accessLog.writeNow(manager, [
        { clientId: client.id, action: 'CHANGE', subject: 'Client.staff' },
      ]);
    });
    this.loaders.client.clear(client.id);
    await this.announceStaff(client.id);
    return { client: await this.loaders.client.load(client.id), errors: [] };
  }

  /** Ids that name no own worker or HB adviser, with the field `prefix` of the input. */
  private async staffErrors(
    input: { ownWorkerId?: string | null; adviserId?: string | null },
    prefix: string,
  ): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    for (const [name, id, role] of [
      ['ownWorkerId', input.ownWorkerId, 'OWN_WORKER'],
      ['adviserId', input.adviserId, 'HB_ADVISER'],
    ] as const) {
      if (!id) continue;
      const staff = isUuid(id) ? await this.loaders.staff.load(id) : null;
      if (!staff || staff.role !== role) {
        errors.push({
          field: prefix + name,
          message: `No ${role === 'OWN_WORKER' ? 'own worker' : 'HB adviser'} with this id.`,
        });
      }
    }
    return errors;
  }

  /** Own workers and advisers of the caller's municipalities, for assigning them. */
  async staffMembers() {
    const p = this.principal();
    if (p.role !== 'ADVISER' && p.role !== 'WORKER')
      throw forbidden('Only the HB centre and own workers list staff.');
    return this.stores.clients.staffOf(p.municipalities);
  }

  async accessLog(
    client: ClientEntity,
    first: number | null | undefined,
    after: string | null | undefined,
  ) {
    this.assertPrivate(client, 'Client.accessLog');
    const limit = pageSize(first);
    const after_ = accessLogKey(decodeCursor(after));
    const { rows, total } = await this.stores.accessLog.page(client.id, limit, after_);
    return toConnection(rows.map(readableEntry), limit, total, (r) => [r.atKey, r.id], !!after_);
  }
}

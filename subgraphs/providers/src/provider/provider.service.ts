import type { EntityManager } from 'typeorm';
import {
  Money,
  UserError,
  badInput,
  decodeCursor,
  forbidden,
  isUuid,
  notFound,
  pageSize,
  requirePrincipal,
  toConnection,
  type RequestContext,
} from '@hb/kit';
import type { ProvidersLoaders } from '../shared/loaders';
import type { ProvidersStores } from '../shared/stores';
import { transition, type WorkflowAction } from './approval-workflow';
import { choosableWithBudget, type ApprovalStatus } from './catalogue';
import type { OfferingEntity, ProviderEntity } from './provider.entity';
import { providerAccess } from './provider-access.policy';
import { validateApplication, validateOffering } from './provider.validation';
import {
  actorOf,
  freshProvider,
  refusal,
  toUserErrors,
  writing,
  type ApplicationInput,
  type ProviderResult,
} from './provider-services.shared';

/**
 * Rules and authorization for the provider registry and its approval workflow. The catalogue
 * search is CatalogueService's, what a provider keeps itself (listing, offerings) ListingService's.
 */
export class ProviderService {
  /** Providers this request applied for: the applicant sees what she has just sent. */
  private readonly appliedNow = new Set<string>();

  constructor(
    private readonly stores: ProvidersStores,
    private readonly ctx: RequestContext,
    private readonly loaders: ProvidersLoaders,
  ) {}

  /** A provider the caller may see, or null (unknown, or not approved and not theirs to see). */
  async get(id: string): Promise<ProviderEntity | null> {
    const provider = await this.loaders.provider.load(id);
    if (!provider || !providerAccess.canSee(this.ctx.principal, provider)) return null;
    return provider;
  }

  /** `_entities`: public fields for any signed-in caller; anonymous callers approved only. */
  async reference(id: string): Promise<ProviderEntity | null> {
    const provider = await this.loaders.provider.load(id);
    if (!provider || !providerAccess.canResolveReference(this.ctx.principal, provider)) return null;
    return provider;
  }

  /**
   * The provider, when the caller may see the details of its application (FORBIDDEN, or
   * UNAUTHENTICATED, otherwise): a non-approved provider reached through `_entities` or an
   * offering shows only who it is to those who may not see it.
   */
  details(provider: ProviderEntity): ProviderEntity {
    if (!this.appliedNow.has(provider.id) && !providerAccess.canSee(this.ctx.principal, provider)) {
      throw refusal(this.ctx.principal, 'You may see only who this provider is.');
    }
    return provider;
  }

  async offering(id: string): Promise<OfferingEntity | null> {
    const offering = await this.loaders.offering.load(id);
    if (!offering || !offering.active) return null;
    const provider = await this.reference(offering.providerId);
    return provider ? offering : null;
  }

  async offerings(provider: ProviderEntity): Promise<OfferingEntity[]> {
    return this.loaders.offeringsOfProvider.load(this.details(provider).id);
  }

  offeringsOfServiceType(code: string): Promise<OfferingEntity[]> {
    return this.loaders.offeringsOfServiceType.load(code);
  }

  providersServing(code: string): Promise<ProviderEntity[]> {
    return this.loaders.providersServing.load(code);
  }

  choosableWithBudget(provider: ProviderEntity): boolean {
    return choosableWithBudget(provider.kind);
  }

  price(offering: OfferingEntity): Money {
    return Money.fromCents(offering.priceCents);
  }

  async approvalHistory(provider: ProviderEntity) {
    if (!providerAccess.canSeeHistory(this.ctx.principal, provider)) {
      throw refusal(
        this.ctx.principal,
        'Only organiser staff and the provider itself see the approval history.',
      );
    }
    return this.loaders.history.load(provider.id);
  }

  /**
   * Hyväksyntäjono: applications awaiting a decision of providers in the organiser's area,
   * oldest first; organiser staff only.
   */
  async approvalQueue(args: { first?: number | null; after?: string | null }) {
    if (!providerAccess.isOrganiser(this.ctx.principal)) {
      throw refusal(this.ctx.principal, 'Only organiser staff see the approval queue.');
    }
    const limit = pageSize(args.first);
    const cursor = decodeCursor(args.after);
    let after: [string, string] | null = null;
    if (cursor) {
      const [at, id] = cursor;
      if (
        cursor.length !== 2 ||
        typeof at !== 'string' ||
        !/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/.test(at) ||
        typeof id !== 'string' ||
        !isUuid(id)
      ) {
        throw badInput('after is not a cursor this API gave out.');
      }
      after = [at, id];
    }
    const area = providerAccess.organiserArea(this.ctx.principal);
    const { rows, total } = await this.stores.providers.awaitingDecision(area, limit, after);
    const providers = await this.loaders.provider.loadMany(rows.map((r) => r.id));
    const nodes = rows.flatMap((r, i) => {
      const p = providers[i];
      return p && !(p instanceof Error) ? [{ provider: p, key: [r.at, r.id] }] : [];
    });
    const connection = toConnection(nodes, limit, total, (n) => n.key, !!after);
    return {
      ...connection,
      edges: connection.edges.map((e) => ({ cursor: e.cursor, node: e.node.provider })),
    };
  }

  /** A provider applies for listing; anyone may apply (the applicant usually has no account yet). */
  async apply(input: ApplicationInput): Promise<ProviderResult> {
    const { value, errors } = validateApplication(input);
    const offerings = (input.offerings ?? []).map((o, i) =>
      validateOffering(o, `input.offerings.${i}`),
    );
    errors.push(...offerings.flatMap((o) => o.errors));
    if ((input.offerings ?? []).some((o) => o.id)) {
      errors.push({ field: 'input.offerings', message: 'New offerings have no id.' });
    }
    if (
      value.kind === 'ORGANISER_OWN' &&
      !providerAccess.canRegisterOrganiserOwn(this.ctx.principal)
    ) {
      errors.push({
        field: 'input.kind',
        message: "Only organiser staff may register the organiser's own production.",
      });
    } else if (
      value.kind === 'ORGANISER_OWN' &&
      value.municipalities.length > 0 &&
      !providerAccess.inOrganiserArea(this.ctx.principal, {
        id: '',
        municipalities: value.municipalities,
      })
    ) {
      // An organiser acts only on providers of its area, its own production included.
      errors.push({
        field: 'input.municipalitiesServed',
        message: "The organiser's own production serves municipalities of the organiser's area.",
      });
    }
    if (
      errors.length === 0 &&
      (await this.stores.providers.businessIdTaken(value.businessId, null))
    ) {
      errors.push({
        field: 'input.businessId',
        message: 'A provider with this business id has already applied.',
      });
    }
    if (errors.length > 0) return { provider: null, errors: toUserErrors(errors) };
    const step = transition(null, { kind: 'APPLY' });
    if (!step.ok) return { provider: null, errors: [UserError.of(step.code, step.message)] };

    const id = await writing(this.stores, async (manager) => {
      const id = await this.stores.providers.insertProvider(manager, value, step.to);
      for (const o of offerings) await this.stores.providers.upsertOffering(manager, id, o.value);
      await this.stores.providers.refreshSearchDocument(manager, id);
      await this.stores.providers.appendHistory(manager, {
        providerId: id,
        fromStatus: null,
        toStatus: step.to,
        ...actorOf(this.ctx.principal),
        reason: null,
      });
      return id;
    });
    this.appliedNow.add(id);
    return { provider: await freshProvider(this.loaders, id), errors: [] };
  }

  /**
   * Organiser staff approve, reject, suspend or ask for more information, for providers in
   * their area; any other provider is NOT_FOUND, exactly like one that does not exist.
   */
  async decide(
    providerId: string,
    decision: ApprovalStatus,
    reason: string | null | undefined,
  ): Promise<ProviderResult> {
    const principal = requirePrincipal(
      this.ctx,
      'Sign in as organiser staff to decide provider applications.',
    );
    if (!providerAccess.isOrganiser(principal))
      throw forbidden('Only organiser staff decide provider applications.');
    const serviceTypes = await this.decideServiceTypes(providerId, decision, reason);
    if (serviceTypes) return serviceTypes;
    return this.step(
      providerId,
      { kind: 'DECIDE', decision, reason: reason ?? null },
      reason?.trim() || null,
      undefined,
      (provider) => providerAccess.canDecide(principal, provider),
    );
  }

  /** The provider answers a request for information or a rejection, optionally with new details. */
  async resubmit(
    providerId: string,
    input: ApplicationInput | null | undefined,
    note?: string | null,
  ): Promise<ProviderResult> {
    if (!providerAccess.canResubmit(this.ctx.principal, providerId)) {
      throw refusal(this.ctx.principal, 'Only the provider itself resubmits its application.');
    }
    const answer = note?.trim() || null;
    if (answer && answer.length > 2000) {
      return {
        provider: null,
        errors: [UserError.of('VALIDATION', 'The note must be at most 2000 characters.', 'note')],
      };
    }
    let details: ReturnType<typeof validateApplication>['value'] | null = null;
    if (input) {
      const { value, errors } = validateApplication(input);
      if (input.offerings?.length) {
        errors.push({ field: 'input.offerings', message: 'Change offerings with upsertOffering.' });
      }
      const current = await this.loaders.provider.load(providerId);
      if (value.kind === 'ORGANISER_OWN' && current?.kind !== 'ORGANISER_OWN') {
        errors.push({
          field: 'input.kind',
          message: "Only organiser staff may register the organiser's own production.",
        });
      }
      if (
        errors.length === 0 &&
        (await this.stores.providers.businessIdTaken(value.businessId, providerId))
      ) {
        errors.push({
          field: 'input.businessId',
          message: 'Another provider has this business id.',
        });
      }
      if (errors.length > 0) return { provider: null, errors: toUserErrors(errors) };
      details = value;
    }
    return this.step(providerId, { kind: 'RESUBMIT' }, answer, async (manager) => {
      if (details) {
        await this.stores.providers.updateProvider(manager, providerId, details);
        await this.stores.providers.refreshSearchDocument(manager, providerId);
      }
    });
  }

  /**
   * An approved provider's new service types awaiting the organiser: APPROVED shows them in the
   * catalogue, REJECTED (with a reason) keeps them out; the provider stays approved and the
   * decision is a step of its approval history. Null when there is nothing of the kind to
   * decide, so the decision is about the application itself.
   */
  private async decideServiceTypes(
    providerId: string,
    decision: ApprovalStatus,
    reason: string | null | undefined,
  ): Promise<ProviderResult | null> {
    if (!isUuid(providerId) || (decision !== 'APPROVED' && decision !== 'REJECTED')) return null;
    const why = reason?.trim() || null;
    if (why && why.length > 2000) return null; // the workflow explains the limit
    const principal = this.ctx.principal;
    const decided = await writing(this.stores, async (manager) => {
      const provider = await this.stores.providers.lockProvider(manager, providerId);
      if (!provider || !providerAccess.canDecide(principal, provider)) return null;
      if (provider.approvalStatus !== 'APPROVED') return null;
      if (decision === 'REJECTED' && !why) {
        const waiting = await this.stores.providers.approvedServiceTypes(
          manager,
          provider.id,
          true,
        );
        if (waiting.length === 0) return null;
        return [
          UserError.of(
            'REASON_REQUIRED',
            'Give the reason for rejecting a new service type.',
            'reason',
          ),
        ];
      }
      const types = await this.stores.providers.decideAwaitingOfferings(
        manager,
        provider.id,
        decision === 'APPROVED',
      );
      if (types.length === 0) return null;
      await this.stores.providers.refreshSearchDocument(manager, provider.id);
      const what =
        decision === 'APPROVED'
          ? `Uusi palvelutyyppi hyväksytty: ${types.join(', ')}`
          : `Uusi palvelutyyppi hylätty: ${types.join(', ')}`;
      await this.stores.providers.appendHistory(manager, {
        providerId: provider.id,
        fromStatus: 'APPROVED',
        toStatus: 'APPROVED',
        ...actorOf(this.ctx.principal),
        reason: why ? `${what}. ${why}` : what,
      });
      return provider.id;
    });
    if (!decided) return null;
    if (Array.isArray(decided)) return { provider: null, errors: decided };
    return { provider: await freshProvider(this.loaders, decided), errors: [] };
  }

  /**
   * Runs one workflow step under a row lock, appending it to the history. `allowed` is judged
   * on the locked row; a provider it refuses is answered exactly like a missing one.
   */
  private async step(
    providerId: string,
    action: WorkflowAction,
    reason: string | null,
    alsoDo?: (manager: EntityManager) => Promise<void>,
    allowed: (provider: ProviderEntity) => boolean = () => true,
  ): Promise<ProviderResult> {
    if (!isUuid(providerId)) throw notFound('No such provider.');
    const result = await writing(this.stores, async (manager) => {
      const provider = await this.stores.providers.lockProvider(manager, providerId);
      if (!provider || !allowed(provider)) throw notFound('No such provider.');
      const next = transition(provider.approvalStatus, action);
      if (!next.ok) {
        const field =
          next.code === 'REASON_REQUIRED' ? 'reason' : action.kind === 'DECIDE' ? 'decision' : null;
        return { errors: [UserError.of(next.code, next.message, field)] };
      }
      await alsoDo?.(manager);
      await this.stores.providers.setStatus(manager, provider.id, next.to);
      await this.stores.providers.appendHistory(manager, {
        providerId: provider.id,
        fromStatus: provider.approvalStatus,
        toStatus: next.to,
        ...actorOf(this.ctx.principal),
        reason,
      });
      return { errors: [] as UserError[] };
    });
    if (result.errors.length > 0) return { provider: null, errors: result.errors };
    return { provider: await freshProvider(this.loaders, providerId), errors: [] };
  }
}

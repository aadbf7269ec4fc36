import {
  forbidden,
  isUuid,
  notFound,
  requirePrincipal,
  UserError,
  type RequestContext,
} from '@hb/kit';
import type { ProvidersLoaders } from '../shared/loaders';
import type { ProvidersStores } from '../shared/stores';
import type { ProviderEntity } from '../provider/provider.entity';
import { providerAccess } from '../provider/provider-access.policy';
import { validateOffering, type OfferingFields } from '../provider/provider.validation';
import { needsServiceTypeApproval, validateListing, type ListingInput } from './listing';
import {
  actorOf,
  freshProvider,
  refusal,
  toUserErrors,
  writing,
  type ProviderResult,
} from '../provider/provider-services.shared';

/**
 * Rules and authorization of what a provider keeps itself: its listing (oma esittely) and its
 * offerings, with their versions and the new service types awaiting the organiser.
 */
export class ListingService {
  constructor(
    private readonly stores: ProvidersStores,
    private readonly ctx: RequestContext,
    private readonly loaders: ProvidersLoaders,
  ) {}

  /**
   * Adds or changes an offering: the provider's own user or organiser staff of its area; for
   * an organiser elsewhere the provider is NOT_FOUND, like one that does not exist.
   */
  async upsertOffering(providerId: string, input: OfferingFields) {
    if (!providerAccess.mayManageSomeOfferings(this.ctx.principal, providerId)) {
      throw refusal(
        this.ctx.principal,
        'Only the provider itself or organiser staff change its offerings.',
      );
    }
    const provider = isUuid(providerId) ? await this.loaders.provider.load(providerId) : null;
    if (!provider || !providerAccess.canManageOfferings(this.ctx.principal, provider))
      throw notFound('No such provider.');
    const { value, errors } = validateOffering(input);
    if (value.id !== null && !isUuid(value.id))
      errors.push({ field: 'input.id', message: 'No such offering.' });
    if (errors.length > 0) return { offering: null, errors: toUserErrors(errors) };
    const id = await writing(this.stores, async (manager) => {
      const locked = await this.stores.providers.lockProvider(manager, provider.id);
      const awaiting = needsServiceTypeApproval({
        providerApproved: locked?.approvalStatus === 'APPROVED',
        byOrganiserOfArea: providerAccess.inOrganiserArea(this.ctx.principal, provider),
        active: value.active,
        serviceType: value.serviceType,
        approvedServiceTypes: await this.stores.providers.approvedServiceTypes(
          manager,
          provider.id,
        ),
      });
      const id = await this.stores.providers.upsertOffering(manager, provider.id, value, awaiting);
      if (id) await this.stores.providers.refreshSearchDocument(manager, provider.id);
      return id;
    });
    if (!id)
      return {
        offering: null,
        errors: [UserError.of('NOT_FOUND', 'This provider has no such offering.', 'input.id')],
      };
    this.loaders.offering.clear(id);
    this.loaders.offeringsOfProvider.clear(provider.id);
    return { offering: await this.loaders.offering.load(id), errors: [] };
  }

  /**
   * Oma esittely: the provider's own user changes the parts of its listing that need no new
   * approval. Every field is validated first; on any error nothing is saved. A change is
   * recorded as a version and the search document rebuilt in the same transaction, so the
   * catalogue shows it at once. Anyone else is refused; another provider's id is NOT_FOUND.
   */
  async updateListing(providerId: string, input: ListingInput): Promise<ProviderResult> {
    const principal = requirePrincipal(this.ctx, 'Sign in as the provider to change its listing.');
    if (principal.role !== 'PROVIDER')
      throw forbidden('Only the provider itself changes its listing.');
    if (!isUuid(providerId) || !providerAccess.canResubmit(principal, providerId))
      throw notFound('No such provider.');
    const result = await writing(this.stores, async (manager) => {
      const current = await this.stores.providers.lockProvider(manager, providerId);
      if (!current) throw notFound('No such provider.');
      const { value, changes, errors } = validateListing(input, {
        description: current.description,
        phone: current.phone,
        email: current.email,
        website: current.website,
        address: current.address,
        languages: current.languages,
        accessibility: current.accessibility,
        takesNewClients: current.takesNewClients,
      });
      if (errors.length > 0) return toUserErrors(errors);
      if (changes.length === 0) return [];
      await this.stores.providers.updateListing(manager, providerId, value, {
        ...actorOf(principal),
        changes,
      });
      await this.stores.providers.refreshSearchDocument(manager, providerId);
      return [];
    });
    if (result.length > 0) return { provider: null, errors: result };
    this.loaders.listingVersions.clear(providerId);
    return { provider: await freshProvider(this.loaders, providerId), errors: [] };
  }

  /** New service types waiting for the organiser: the provider itself and organiser staff of its area. */
  async offeringsAwaitingApproval(provider: ProviderEntity) {
    if (!providerAccess.canSeeHistory(this.ctx.principal, provider)) {
      throw refusal(
        this.ctx.principal,
        'Only organiser staff and the provider itself see offerings awaiting approval.',
      );
    }
    return this.loaders.awaitingOfferings.load(provider.id);
  }

  /** Versions of the listing, oldest first: the provider itself and organiser staff of its area. */
  async listingHistory(provider: ProviderEntity) {
    if (!providerAccess.canSeeHistory(this.ctx.principal, provider)) {
      throw refusal(
        this.ctx.principal,
        'Only organiser staff and the provider itself see the listing history.',
      );
    }
    return this.loaders.listingVersions.load(provider.id);
  }
}

import type { Principal } from '@hb/kit';
import type { ApprovalStatus } from './catalogue';

/** The parts of a provider that authorization decisions look at. */
export interface ProviderScope {
  id: string;
  approvalStatus: ApprovalStatus;
}

/** Where a provider works: what decides whether it is in an organiser's area. */
export interface ProviderArea {
  id: string;
  /** Official codes of the municipalities the provider serves. */
  municipalities: readonly string[];
}

const STAFF = new Set(['ADVISER', 'WORKER', 'ORGANISER']);
const isStaff = (p: Principal | null) => !!p && STAFF.has(p.role);
const isOwnProvider = (p: Principal | null, providerId: string) =>
  !!p && p.role === 'PROVIDER' && p.providerId === providerId;

/**
 * Who may see and change providers (deny by default). Pure, so the matrix is tested without a
 * server.
 * - The catalogue is public: anyone, also without a token, sees APPROVED providers.
 * - A non-approved provider reached otherwise (through `_entities`, or an offering) shows
 *   others only who it is: id, name, kind, approval status and whether a budget can buy it;
 *   business id, description, contact, languages, accessibility, area and offerings need
 *   {@link providerAccess.canSee}.
 * - HB advisers, own workers and organiser staff see every provider (a non-approved provider
 *   may be chosen at discretion, with a recorded reason); a provider user sees its own.
 * - Only organiser staff decide applications, and only of providers in their area (see
 *   {@link providerAccess.inOrganiserArea}). The provider's own user resubmits.
 * - Offerings are kept by the provider's own user or by organiser staff of its area.
 * - Approval history: organiser staff of its area and the provider itself.
 * An organiser outside the area is answered as if the provider did not exist.
 */
export const providerAccess = {
  canSee(p: Principal | null, provider: ProviderScope): boolean {
    return provider.approvalStatus === 'APPROVED' || isStaff(p) || isOwnProvider(p, provider.id);
  },

  /**
   * `_entities` from another subgraph: any signed-in caller (a discretionary, non-approved
   * provider can be on a client's ledger or plan); anonymous ones approved only. Who the
   * provider is comes back; the details of its application only under {@link canSee}.
   */
  canResolveReference(p: Principal | null, provider: ProviderScope): boolean {
    return !!p || provider.approvalStatus === 'APPROVED';
  },

  canIncludeUnapproved(p: Principal | null): boolean {
    return isStaff(p);
  },

  /**
   * The one place that decides an organiser's reach over providers: a provider is in the
   * organiser's area when it serves at least one municipality of the token. A token scoped to
   * an organiser (a wellbeing services county) carries all its municipalities, expanded by the
   * verifier from packages/kit/src/organiser, so the county reaches a provider of any of them.
   */
  inOrganiserArea(p: Principal | null, provider: ProviderArea): boolean {
    const area = providerAccess.organiserArea(p);
    return provider.municipalities.some((code) => area.includes(code));
  },

  /** The municipalities making up the organiser's area (none for anyone else). */
  organiserArea(p: Principal | null): readonly string[] {
    return p?.role === 'ORGANISER' ? p.municipalities : [];
  },

  /** Whether the caller is organiser staff at all (decides FORBIDDEN before any lookup). */
  isOrganiser(p: Principal | null): boolean {
    return !!p && p.role === 'ORGANISER';
  },

  canDecide(p: Principal | null, provider: ProviderArea): boolean {
    return providerAccess.inOrganiserArea(p, provider);
  },

  canResubmit(p: Principal | null, providerId: string): boolean {
    return isOwnProvider(p, providerId);
  },

  /** Whether the caller might keep some provider's offerings (decided before any lookup). */
  mayManageSomeOfferings(p: Principal | null, providerId: string): boolean {
    return providerAccess.isOrganiser(p) || isOwnProvider(p, providerId);
  },

  canManageOfferings(p: Principal | null, provider: ProviderArea): boolean {
    return providerAccess.inOrganiserArea(p, provider) || isOwnProvider(p, provider.id);
  },

  canSeeHistory(p: Principal | null, provider: ProviderArea): boolean {
    return providerAccess.inOrganiserArea(p, provider) || isOwnProvider(p, provider.id);
  },

  /** Only organiser staff may register the organiser's own production units. */
  canRegisterOrganiserOwn(p: Principal | null): boolean {
    return !!p && p.role === 'ORGANISER';
  },
};

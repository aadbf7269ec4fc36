import type { Principal } from '@hb/kit';
import type { ApprovalStatus } from './catalogue';

/** The parts of a provider that authorization decisions look at. */
export interface ProviderScope {
  id: string;
  approvalStatus: ApprovalStatus;
}

const STAFF = new Set(['ADVISER', 'WORKER', 'ORGANISER']);
const isStaff = (p: Principal | null) => !!p && STAFF.has(p.role);
const isOwnProvider = (p: Principal | null, providerId: string) =>
  !!p && p.role === 'PROVIDER' && p.providerId === providerId;

/**
 * Who may see and change providers (deny by default). Pure, so the matrix is tested without a
 * server.
 * - The catalogue is public: anyone, also without a token, sees APPROVED providers.
 * - HB advisers, own workers and organiser staff see every provider (a non-approved provider
 *   may be chosen at discretion, with a recorded reason); a provider user sees its own.
 * - Only organiser staff decide applications. The provider's own user resubmits.
 * - Offerings are kept by the provider's own user or by organiser staff.
 * - Approval history: organiser staff and the provider itself.
 */
export const providerAccess = {
  canSee(p: Principal | null, provider: ProviderScope): boolean {
    return provider.approvalStatus === 'APPROVED' || isStaff(p) || isOwnProvider(p, provider.id);
  },

  /** `_entities` from another subgraph: any signed-in caller; anonymous ones approved only. */
  canResolveReference(p: Principal | null, provider: ProviderScope): boolean {
    return !!p || provider.approvalStatus === 'APPROVED';
  },

  canIncludeUnapproved(p: Principal | null): boolean {
    return isStaff(p);
  },

  canDecide(p: Principal | null): boolean {
    return !!p && p.role === 'ORGANISER';
  },

  canResubmit(p: Principal | null, providerId: string): boolean {
    return isOwnProvider(p, providerId);
  },

  canManageOfferings(p: Principal | null, providerId: string): boolean {
    return (!!p && p.role === 'ORGANISER') || isOwnProvider(p, providerId);
  },

  canSeeHistory(p: Principal | null, providerId: string): boolean {
    return (!!p && p.role === 'ORGANISER') || isOwnProvider(p, providerId);
  },

  /** Only organiser staff may register the organiser's own production units. */
  canRegisterOrganiserOwn(p: Principal | null): boolean {
    return !!p && p.role === 'ORGANISER';
  },
};

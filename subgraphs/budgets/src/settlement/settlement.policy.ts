import { actsForOrganiser, forbidden, organiserById, type Principal } from '@hb/kit';
import type { SettlementScope } from './settlement.store';

/** Where a run or a listing is asked for: one municipality or a whole organiser. */
export interface ScopeInput {
  municipalityCode?: string | null;
  organiserId?: string | null;
}

/**
 * Who may settle and pay (deny by default). Settlement is the organiser's own bookkeeping:
 * organiser staff of the municipality run it, read its batches, export them to the bank and
 * mark them paid. Nobody else, also not advisers, own workers, providers or municipal systems;
 * a provider sees on its own charges only when they were settled and paid.
 */
export const settlementAccess = {
  canSettle(p: Principal | null, municipalityCode: string): boolean {
    return !!p && p.role === 'ORGANISER' && p.municipalities.includes(municipalityCode);
  },

  /**
   * A whole organiser's settlement: organiser staff acting for the whole organiser, not staff of
   * one of its municipalities (their batch holds the other municipalities' charges).
   */
  canSettleOrganiser(p: Principal | null, organiserId: string): boolean {
    return (
      !!p &&
      p.role === 'ORGANISER' &&
      !!organiserById(organiserId) &&
      actsForOrganiser(p, organiserId)
    );
  },

  /** A batch: its municipality's staff, or the whole organiser's for an organiser's batch. */
  canReadBatch(
    p: Principal | null,
    batch: { municipalityCode: string | null; organiserId: string | null },
  ): boolean {
    return batch.organiserId !== null
      ? this.canSettleOrganiser(p, batch.organiserId)
      : batch.municipalityCode !== null && this.canSettle(p, batch.municipalityCode);
  },

  /** Whether the principal could settle anywhere: decides FORBIDDEN before any lookup. */
  isSettler(p: Principal | null): boolean {
    return !!p && p.role === 'ORGANISER' && p.municipalities.length > 0;
  },

  /**
   * The scope asked for, or null when not exactly one of the two was given. Refused (FORBIDDEN,
   * the same for an unknown organiser or municipality as for another's) unless the caller
   * settles there: an organiser's scope needs staff acting for the whole organiser.
   */
  scopeOf(p: Principal, input: ScopeInput, what: string): SettlementScope | null {
    const code = input.municipalityCode ?? null;
    const organiserId = input.organiserId ?? null;
    // Exactly one of the two: neither or both is no scope.
    if (organiserId !== null && code === null) {
      if (!this.canSettleOrganiser(p, organiserId)) {
        throw forbidden(`Only staff acting for the whole organiser ${what}.`);
      }
      return { municipalityCode: null, organiserId };
    }
    if (code !== null && organiserId === null) {
      if (!this.canSettle(p, code)) {
        throw forbidden(`Only organiser staff of the municipality ${what}.`);
      }
      return { municipalityCode: code, organiserId: null };
    }
    return null;
  },
};

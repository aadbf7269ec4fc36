import type { Principal } from '@hb/kit';

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

  /** Whether the principal could settle anywhere: decides FORBIDDEN before any lookup. */
  isSettler(p: Principal | null): boolean {
    return !!p && p.role === 'ORGANISER' && p.municipalities.length > 0;
  },
};

import type { Principal } from '@hb/kit';

/**
 * Who reads and handles feedback and complaints (deny by default). Pure.
 * - Feedback: the HB centre — advisers and own workers — of the municipalities it came from.
 * - Complaints: the client and her team member (with a consent in force) file one; staff of the
 *   client's municipality handle it; the provider it concerns reads it, without the client's
 *   identity, and responds; the client reads her own. Organisers and systems: none.
 */
export const feedbackAccess = {
  isStaff(p: Principal | null): boolean {
    return !!p && (p.role === 'ADVISER' || p.role === 'WORKER');
  },

  canHandle(p: Principal | null, municipalityCode: string | null): boolean {
    return (
      !!p &&
      feedbackAccess.isStaff(p) &&
      !!municipalityCode &&
      p.municipalities.includes(municipalityCode)
    );
  },

  canReadComplaint(
    p: Principal | null,
    c: { clientId: string; municipalityCode: string; providerId: string | null },
  ): boolean {
    if (!p) return false;
    if (feedbackAccess.isStaff(p)) return p.municipalities.includes(c.municipalityCode);
    if (p.role === 'PROVIDER') return !!p.providerId && p.providerId === c.providerId;
    if (p.role === 'CLIENT') return p.clientId === c.clientId;
    return false;
  },

  /** Who the complainant is: staff handling the case and the client herself, never the provider. */
  canSeeComplainant(
    p: Principal | null,
    c: { clientId: string; municipalityCode: string },
  ): boolean {
    return (
      feedbackAccess.canHandle(p, c.municipalityCode) ||
      (p?.role === 'CLIENT' && p.clientId === c.clientId)
    );
  },

  canRespond(p: Principal | null, c: { providerId: string | null }): boolean {
    return !!p && p.role === 'PROVIDER' && !!p.providerId && p.providerId === c.providerId;
  },
};

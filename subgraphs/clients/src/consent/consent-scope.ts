/** What a team member may see with the client's consent (suostumus). */
export const CONSENT_SCOPES = ['BUDGET', 'PLAN', 'DOCUMENTS'] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];

/** A consent is in force on `today` when it is not revoked and `today` is within its validity. */
export function consentInForce(
  consent: { validFrom: string; validUntil: string | null; revokedAt: Date | null },
  today: string,
): boolean {
  if (consent.revokedAt) return false;
  if (consent.validFrom > today) return false;
  return consent.validUntil === null || consent.validUntil >= today;
}

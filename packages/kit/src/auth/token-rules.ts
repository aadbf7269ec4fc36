import type { JWTPayload } from 'jose';
import { CLAIMS } from './principal';

/** Longest lifetimes accepted, in seconds (`TOKEN_MAX_LIFETIME_SECONDS` and its system twin). */
export interface LifetimeLimits {
  /** Every role but `MUNICIPAL_SYSTEM`. */
  person: number;
  /** `MUNICIPAL_SYSTEM`. */
  system: number;
}

/** Clock difference tolerated between an issuer and this service, in seconds. */
export const CLOCK_SKEW_SECONDS = 60;

/**
 * Why a token whose signature, issuer, audience and expiry have been verified must still be
 * refused, or `null`. A stolen token is only as dangerous as it is long-lived, so `exp` is
 * required and bounded whether or not the issuer also sets `iat`; and a client's token may
 * act only for the client who signed in, so its subject must be the client it names (the
 * access log records the subject).
 */
export function tokenRuleViolation(
  payload: JWTPayload,
  limits: LifetimeLimits,
  nowSeconds: number,
): string | null {
  if (typeof payload.exp !== 'number' || !Number.isFinite(payload.exp)) return 'no exp';
  const role = payload[CLAIMS.role];
  const max = role === 'MUNICIPAL_SYSTEM' ? limits.system : limits.person;
  if (typeof payload.iat === 'number') {
    if (payload.iat > nowSeconds + CLOCK_SKEW_SECONDS) return 'issued in the future';
    if (payload.exp - payload.iat > max) return 'lifetime over the maximum';
  }
  if (payload.exp - nowSeconds > max + CLOCK_SKEW_SECONDS) return 'expires too far ahead';
  if (role === 'CLIENT' && payload[CLAIMS.client] !== payload.sub) {
    return 'client token whose subject is not its client';
  }
  return null;
}

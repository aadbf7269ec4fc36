import type { EntityManager } from 'typeorm';
import { UserError, forbidden, unauthenticated, type Principal } from '@hb/kit';
import type { ProvidersLoaders } from '../shared/loaders';
import type { ProvidersStores } from '../shared/stores';
import type { ProviderEntity } from './provider.entity';
import type { ApplicationFields, FieldError, OfferingFields } from './provider.validation';

/** What the provider services share: their inputs and results, refusals and writes. */

export interface ApplicationInput extends ApplicationFields {
  offerings?: OfferingFields[] | null;
}

export interface ProviderResult {
  provider: ProviderEntity | null;
  errors: UserError[];
}

export const toUserErrors = (errors: FieldError[], code = 'VALIDATION') =>
  errors.map((e) => UserError.of(code, e.message, e.field));

/** A refusal: UNAUTHENTICATED for a caller without a token, FORBIDDEN for a signed-in one. */
export function refusal(principal: Principal | null, message: string) {
  return principal ? forbidden(message) : unauthenticated(message);
}

/** Who acts, as the approval history and the listing versions record it. */
export function actorOf(principal: Principal | null) {
  return { actorId: principal?.sub ?? 'anonymous', actorRole: principal?.role ?? 'ANONYMOUS' };
}

/** A write transaction; the catalogue answers of this process are forgotten after it. */
export async function writing<T>(
  stores: ProvidersStores,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  try {
    return await stores.db.transaction(work);
  } finally {
    stores.searches.clear();
  }
}

/** The provider as it is now: forgets what this request loaded of it. */
export async function freshProvider(
  loaders: ProvidersLoaders,
  id: string,
): Promise<ProviderEntity | null> {
  loaders.provider.clear(id);
  loaders.history.clear(id);
  loaders.offeringsOfProvider.clear(id);
  loaders.awaitingOfferings.clear(id);
  return loaders.provider.load(id);
}

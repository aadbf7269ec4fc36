import type { RequestContext } from '@hb/kit';
import { ProviderService } from './provider/provider.service';
import { CatalogueService } from './provider/catalogue.service';
import { ListingService } from './listing/listing.service';
import { PaymentAccountService } from './payment-account/payment-account.service';
import type { ProvidersStores } from './shared/stores';
import { createLoaders } from './shared/loaders';
import type { ProvidersContext } from './shared/context.types';

/**
 * The composition root: builds each request's services from the shared stores. The types
 * services share live in shared/ (stores, loaders, context.types), so nothing here is imported
 * back by the code it wires.
 */
export function extendContext(stores: ProvidersStores) {
  return (base: RequestContext): ProvidersContext => {
    const loaders = createLoaders(stores);
    return {
      ...base,
      loaders,
      providers: new ProviderService(stores, base, loaders),
      catalogue: new CatalogueService(stores, base, loaders),
      listings: new ListingService(stores, base, loaders),
      paymentAccounts: new PaymentAccountService(stores, base, loaders),
    };
  };
}

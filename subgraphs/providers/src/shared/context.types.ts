import type { RequestContext } from '@hb/kit';
import type { ProviderService } from '../provider/provider.service';
import type { CatalogueService } from '../provider/catalogue.service';
import type { ListingService } from '../listing/listing.service';
import type { PaymentAccountService } from '../payment-account/payment-account.service';
import type { ProvidersLoaders } from './loaders';

/** The request context of the providers subgraph. */
export interface ProvidersContext extends RequestContext {
  loaders: ProvidersLoaders;
  providers: ProviderService;
  catalogue: CatalogueService;
  listings: ListingService;
  paymentAccounts: PaymentAccountService;
}

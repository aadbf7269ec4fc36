import {
  ApprovalEventEntity,
  ListingVersionEntity,
  OfferingEntity,
  ProviderEntity,
} from './provider/provider.entity';
import { InitProviders1700000000300 } from './migrations/1700000000300-InitProviders';
import { ProviderPaymentAccount1700000000330 } from './migrations/1700000000330-ProviderPaymentAccount';
import { ProvidersDatabaseRole1796040000300 } from './migrations/1796040000300-DatabaseRole';
import { CatalogueSearch1796050000300 } from './migrations/1796050000300-CatalogueSearch';
import { CataloguePrices1796050000310 } from './migrations/1796050000310-CataloguePrices';
import { ListingVersions1796050000320 } from './migrations/1796050000320-ListingVersions';
import { OfferingApproval1796050000330 } from './migrations/1796050000330-OfferingApproval';
import { CatalogueCandidates1796050000340 } from './migrations/1796050000340-CatalogueCandidates';
import { CatalogueMatches1796050000350 } from './migrations/1796050000350-CatalogueMatches';
import { CatalogueInlineDocuments1796050000360 } from './migrations/1796050000360-CatalogueInlineDocuments';
import { CatalogueFilteredMatches1796050000370 } from './migrations/1796050000370-CatalogueFilteredMatches';

/** What {@link openDatabase} needs to know about this subgraph's tables. */
export const providersDatabase = {
  schema: 'providers',
  entities: [ProviderEntity, OfferingEntity, ApprovalEventEntity, ListingVersionEntity],
  migrations: [
    InitProviders1700000000300,
    ProviderPaymentAccount1700000000330,
    ProvidersDatabaseRole1796040000300,
    CatalogueSearch1796050000300,
    CataloguePrices1796050000310,
    ListingVersions1796050000320,
    OfferingApproval1796050000330,
    CatalogueCandidates1796050000340,
    CatalogueMatches1796050000350,
    CatalogueInlineDocuments1796050000360,
    CatalogueFilteredMatches1796050000370,
  ],
};

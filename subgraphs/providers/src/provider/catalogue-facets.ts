/** The catalogue's facet counts as the store gives them: no TypeORM, no GraphQL. */

/**
 * The most matches the facet counts read. Counting every match of a broad word (18 000 of
 * 20 000 providers) read each one's arrays and offerings; the first FACET_SAMPLE matches the
 * index gives (in no particular order) are counted instead, and then every count is a lower
 * bound (`countsAreLowerBounds`), as a broad search's total is. Narrow searches are exact.
 */
export const FACET_SAMPLE = 1000;

export interface FacetCount {
  value: string;
  count: number;
}

export interface CatalogueFacetCounts {
  total: number;
  /** True when only FACET_SAMPLE matches were counted: each count may be higher. */
  countsAreLowerBounds: boolean;
  serviceTypes: FacetCount[];
  municipalities: FacetCount[];
  languages: FacetCount[];
  accessibility: FacetCount[];
  priceUnits: FacetCount[];
  takesNewClients: number;
}

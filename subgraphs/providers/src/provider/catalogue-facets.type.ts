import { Field, Int, ObjectType } from 'type-graphql';

/** The public catalogue's facet counts in the API (see catalogue-facets.ts). */

@ObjectType({ description: 'Hakutulosten määrä yhdellä arvolla – matches with one value.' })
export class FacetCount {
  @Field({ description: 'The value, e.g. TRANSPORT, 837, fse or WHEELCHAIR_ACCESSIBLE.' })
  value!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType({
  description:
    'Palveluhaun rajaukset – how many providers matching a search have each value of each filter.',
})
export class CatalogueFacets {
  @Field(() => Int)
  total!: number;

  @Field({
    description:
      'True when a broad search was counted over its first matches only: every count is then at least that many (show e.g. "12+").',
  })
  countsAreLowerBounds!: boolean;

  @Field(() => [FacetCount])
  serviceTypes!: FacetCount[];

  @Field(() => [FacetCount], { description: 'By official municipality code.' })
  municipalities!: FacetCount[];

  @Field(() => [FacetCount], { description: 'By language code (ISO 639).' })
  languages!: FacetCount[];

  @Field(() => [FacetCount], { description: 'By accessibility feature.' })
  accessibility!: FacetCount[];

  @Field(() => [FacetCount], { description: 'By the price unit of an active offering.' })
  priceUnits!: FacetCount[];

  @Field(() => Int, { description: 'How many take new clients.' })
  takesNewClients!: number;
}

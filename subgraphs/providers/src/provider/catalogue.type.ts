import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { enumOf } from '@hb/kit';
import type { PriceUnit } from './catalogue';
import { CATALOGUE_SORTS, type CatalogueSort } from './search-query';
import { PricingBasisEnum } from './offering.type';
import { ProviderConnection } from './provider.type';

/** GraphQL types of the public catalogue search: its input, order and result page. */

export const CatalogueSortEnum = enumOf(CATALOGUE_SORTS);
registerEnumType(CatalogueSortEnum, {
  name: 'CatalogueSort',
  description: 'Palveluhaun järjestys.',
  valuesConfig: {
    RELEVANCE: { description: 'Osuvin ensin' },
    NAME: { description: 'Nimen mukaan' },
    PRICE: { description: 'Halvin ensin (hinta valitulla yksiköllä)' },
  },
});

@InputType({
  description:
    'Palveluhaku – catalogue search. Public; only approved providers unless staff ask otherwise.',
})
export class ProviderSearchInput {
  @Field(() => String, {
    nullable: true,
    description: 'Vapaa teksti (at most 200 characters); Finnish inflected forms are understood.',
  })
  text?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only providers with an offering of this service type.',
  })
  serviceType?: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'Only providers serving this municipality (official code).',
  })
  municipalityCode?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Only providers serving in this language: an ISO 639 code (fi, sv, en, fse suomalainen viittomakieli, fss suomenruotsalainen viittomakieli) or fi-selko (selkosuomi, easy Finnish).',
  })
  language?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Only providers with an offering (of serviceType, when given) at or below this price per priceUnit, which it needs.',
  })
  maxPrice?: string | null;

  @Field(() => PricingBasisEnum, {
    nullable: true,
    description:
      'Only providers with an offering priced per this unit; the unit of maxPrice and of sorting by price.',
  })
  priceUnit?: PriceUnit | null;

  @Field(() => [String], {
    nullable: true,
    description:
      'Esteettömyys: only providers with every one of these features (WHEELCHAIR_ACCESSIBLE, SIGN_LANGUAGE, …).',
  })
  accessibility?: string[] | null;

  @Field(() => Boolean, {
    nullable: true,
    description: 'True: only providers taking new clients.',
  })
  takesNewClients?: boolean | null;

  @Field(() => CatalogueSortEnum, {
    nullable: true,
    description: 'Järjestys: RELEVANCE (default), NAME, or PRICE (lowest per priceUnit first).',
  })
  sort?: CatalogueSort | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      'Include non-approved providers (HB advisers, own workers and organiser staff only).',
  })
  includeUnapproved?: boolean | null;
}

@ObjectType({
  description:
    'Palveluhaun tulos – a page of the public catalogue. A broad search ranks and counts at most a bounded number of matches (the most complete listings first, or by name or price); then totalCount is that number and totalCountIsLowerBound is true.',
})
export class ProviderSearchConnection extends ProviderConnection {
  @Field({
    description:
      'True when the search may match more providers than totalCount ("vähintään N"): narrow it with words or filters.',
  })
  totalCountIsLowerBound!: boolean;
}

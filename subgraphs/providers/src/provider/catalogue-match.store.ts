import type { CatalogueQuery } from './search-query';
import { EASY_FINNISH } from './search-query';
import {
  APPROVED_TOKEN,
  TAKES_NEW_TOKEN,
  accessToken,
  languageToken,
  municipalityToken,
  priceBucket,
  priceBucketToken,
  priceKey,
  serviceToken,
  serviceUnitToken,
  unitToken,
} from './search-tokens';

/**
 * The SQL pieces of a catalogue query (pure): its match condition and relevance, sort key and
 * candidate order, values only as parameters. catalogue.store.ts puts them into statements.
 */

/** Builds one catalogue statement's parameters. */
export class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The tokens every match must have: approval and the filters (letters and digits only). */
export function filterTokens(query: CatalogueQuery): string[] {
  const tokens: string[] = [];
  if (!query.includeUnapproved) tokens.push(APPROVED_TOKEN);
  if (query.serviceType) tokens.push(serviceToken(query.serviceType));
  if (query.municipalityCode) tokens.push(municipalityToken(query.municipalityCode));
  if (query.language === EASY_FINNISH) tokens.push(accessToken('EASY_LANGUAGE'));
  else if (query.language) tokens.push(languageToken(query.language));
  for (const a of query.accessibility) tokens.push(accessToken(a));
  if (query.priceUnit && query.serviceType)
    tokens.push(serviceUnitToken(query.serviceType, query.priceUnit));
  else if (query.priceUnit) tokens.push(unitToken(query.priceUnit));
  if (query.takesNewClients) tokens.push(TAKES_NEW_TOKEN);
  return tokens;
}

/**
 * The price buckets a maximum price admits (any of them): all whose lowest prices are surely
 * within it, and its own bucket, where the exact price is checked too.
 */
export function priceTokens(query: CatalogueQuery): string[] | null {
  if (query.priceUnit === null || query.maxPriceCents === null) return null;
  const key = priceKey(query.priceUnit, query.serviceType);
  const last = priceBucket(query.maxPriceCents);
  return Array.from({ length: last + 1 }, (_, i) => priceBucketToken(key, i));
}

/**
 * How words match: all of them by full text; any of them (more matching words rank higher)
 * when all find nothing; or also by trigrams when neither finds anything.
 */
export type Mode = 'fulltext' | 'any' | 'trigram';

/**
 * The matching condition and relevance of a query. Full text: every word matches by its
 * `finnish`/`swedish` stem or `simple` prefix, or by a vocabulary token it means (synonym,
 * compound part, typo-corrected term), and the filter tokens all match — one tsquery, so the
 * GIN index on the document does all the work. Trigram: each word may also match by trigram
 * word similarity of the text (typos of names), used only when full text finds too little.
 */
export function catalogueMatch(query: CatalogueQuery, p: Params, mode: Mode) {
  const prices = priceTokens(query);
  const filters = [...filterTokens(query), ...(prices ? [`(${prices.join(' | ')})`] : [])];
  const wordQueries = query.words.map(({ word, prefix, tokens }) => {
    const w = p.add(word);
    const x = p.add(prefix);
    const parts = [
      `to_tsquery('finnish', ${w}::text || ':*')`,
      `to_tsquery('swedish', ${w}::text || ':*')`,
      `to_tsquery('simple', ${x}::text || ':*')`,
    ];
    // The same match without the prefixes another of them covers (catalogue_word_query): the
    // GIN index gathers every lexeme of each prefix, and "taid:*" already has all of
    // "taide:*" and "taidet:*" (EXPLAIN: 17.8 → 7.5 ms in the index). Relevance keeps the
    // three, so that ranks stay as they were.
    const covering = [`providers.catalogue_word_query(${w}::text, ${x}::text)`];
    if (tokens.length > 0) {
      const t = `to_tsquery('simple', ${p.add(tokens.join(' | '))}::text)`;
      parts.push(t);
      covering.push(t);
    }
    return { word, tsq: `(${parts.join(' || ')})`, match: `(${covering.join(' || ')})` };
  });
  const filterTsq =
    filters.length > 0 ? `to_tsquery('simple', ${p.add(filters.join(' & '))})` : null;
  const where: string[] = [];
  // Prices are compared only within one unit; the buckets' tokens narrow in the index, and
  // the lowest price kept on the provider decides within the last bucket.
  let price: string | null = null;
  if (query.priceUnit !== null && query.maxPriceCents !== null) {
    const key = p.add(priceKey(query.priceUnit, query.serviceType));
    price = `(p.min_prices->>${key})::int <= ${p.add(query.maxPriceCents)}`;
    where.push(price);
  }
  let rank = '0::real';
  // The whole match as one tsquery, when full text alone decides it (not by trigrams).
  let tsq: string | null = null;
  if (wordQueries.length === 0) {
    tsq = filterTsq;
    if (filterTsq) where.unshift(`p.search_vector @@ ${filterTsq}`);
  } else if (mode !== 'trigram') {
    const words = `(${wordQueries.map((w) => w.match).join(mode === 'any' ? ' || ' : ' && ')})`;
    tsq = `(${[filterTsq, words].filter(Boolean).join(' && ')})`;
    where.unshift(`p.search_vector @@ ${tsq}`);
    rank = `ts_rank(p.search_vector, ${wordQueries.map((w) => w.tsq).join(' || ')})`;
  } else {
    if (filterTsq) where.unshift(`p.search_vector @@ ${filterTsq}`);
    const sims: string[] = [];
    for (const w of wordQueries) {
      const param = p.add(w.word);
      // The word as a sub-select: with a constant, the planner's estimate ran the operator on
      // every sample of search_text in the statistics (7–15 ms of planning per statement).
      where.push(`(p.search_vector @@ ${w.match} OR p.search_text %> (SELECT ${param}::text))`);
      sims.push(`word_similarity(${param}, p.search_text)`);
    }
    rank = `(ts_rank(p.search_vector, ${wordQueries.map((w) => w.tsq).join(' || ')}) + (${sims.join(' + ')}) / ${sims.length})`;
  }
  if (query.includeUnapproved && where.length === 0) where.push('true');
  // The filter tokens alone, when words narrow the match further.
  const filterMatch = wordQueries.length > 0 && mode !== 'trigram' ? filterTsq : null;
  return { where: where.join(' AND '), rank, tsq, price, filterMatch };
}

/** The sort key: ascending; relevance negated, name constant, price the lowest in the unit. */
export function sortKey(query: CatalogueQuery, p: Params, rank: string): string {
  if (query.sort === 'NAME') return '0::numeric';
  if (query.sort === 'PRICE' && query.priceUnit !== null) {
    const key = p.add(priceKey(query.priceUnit, query.serviceType));
    return `(p.min_prices->>${key})::numeric`;
  }
  if (query.words.length === 0) return '0::numeric';
  return `-round((${rank})::numeric, 6)`;
}

/**
 * The index order in which candidates are taken (CatalogueCandidates migration): the lowest
 * price in the unit (also when the price is per service type, whose keys have no index: the
 * unit's lowest price is never above it), name for an order by name or a search by filters
 * alone, else the most complete listings first. Always a unique order, so pages agree.
 */
export function candidateOrder(query: CatalogueQuery): string {
  if (query.sort === 'PRICE' && query.priceUnit !== null) {
    // A fixed unit name from the enum, inlined so that the planner matches the index's expression.
    const unit = query.priceUnit.toLowerCase();
    if (!/^[a-z]+$/.test(unit)) throw new Error(`price unit ${unit}`);
    return `(p.min_prices->>'${unit}')::int ASC NULLS LAST, p.id ASC`;
  }
  if (query.sort === 'NAME' || query.words.length === 0) return 'p.name ASC, p.id ASC';
  return 'p.listing_score DESC, p.id ASC';
}

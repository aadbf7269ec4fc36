import type { Queryable } from '@hb/kit';
import type { DataSource } from 'typeorm';
import type { CatalogueQuery } from './search-query';
import { FACET_SAMPLE, type CatalogueFacetCounts } from './catalogue-facets';
import { APPROVED_TOKEN, PRICE_BUCKETS, TAKES_NEW_TOKEN } from './search-tokens';
import {
  Params,
  candidateOrder,
  catalogueMatch,
  sortKey,
  type Mode,
} from './catalogue-match.store';
import { termConcepts, termPattern } from './search-vocabulary';

/** The sort key of a catalogue page: the order's key (ascending), then name and id. */
export type CatalogueCursor = [key: string, name: string, id: string];

export interface CataloguePage {
  rows: Array<{ id: string; key: string | null; name: string }>;
  /** Matches, counted up to {@link CANDIDATES}. */
  total: number;
  /** True when there may be more matches than `total` (as many as are ranked were found). */
  totalIsLowerBound: boolean;
}

/**
 * The most matches one search ranks, pages and counts. A broad word matches most of the
 * catalogue (at 20 000 providers, "päivätoiminta" 18 000), and ranking every match cost
 * 150–450 ms of database time per search; so a search takes at most this many matches in the
 * order of an index — the most complete listings first for relevance (`listing_score`), else
 * by name or by the lowest price in the unit — and orders those. Narrow searches (fewer
 * matches) are exact; a broader one says its count is a lower bound and the page asks the
 * visitor to narrow it. Paging reaches the first CANDIDATES in the chosen order.
 */
export const CANDIDATES = 100;

/**
 * How many rows of the ordered index a search walks first (see `pageIn`): a broad search finds
 * its CANDIDATES among them; for any other, the share that matched estimates whether walking
 * on or reading every match by the full-text index costs less. On 600 varied searches at
 * 20 000 providers (EXPLAIN, shared buffers p50/p95/p99): the planner alone 551/8 007/15 846,
 * a probe of 300 1 168/2 787/3 460, of 150 1 062/2 510/3 199.
 */
export const PROBE = 150;

/** `lower()` with ä, å, ö and é folded, as the vocabulary's terms are. */
const FOLD = (sql: string) => `translate(lower(${sql}), 'äåöé', 'aaoe')`;

/**
 * A provider's lowest price of its active offerings per price key (see `priceKey`): per unit,
 * and per service type and unit.
 */
const LOWEST_PRICES = (id: string) => `
  SELECT lower(x.price_unit) AS key, min(x.price_cents) AS cents
  FROM providers.offering x WHERE x.provider_id = ${id} AND x.active GROUP BY x.price_unit
  UNION ALL
  SELECT replace(lower(x.service_type), '_', '') || lower(x.price_unit), min(x.price_cents)
  FROM providers.offering x WHERE x.provider_id = ${id} AND x.active
  GROUP BY x.service_type, x.price_unit`;

/**
 * The search document of each provider, in one statement:
 * - its name (weight A), active offerings' titles (B) and descriptions with its own (C), by
 *   the `finnish` stemmer and the `simple` config (names, prefixes the stemmer cuts oddly),
 *   and everything by the `swedish` stemmer (D);
 * - tokens of what it declares (B): service types and price units of active offerings,
 *   accessibility features, languages, municipalities, approval and whether it takes new
 *   clients — so that every filter is part of the one GIN-indexed match, and the index on
 *   the document alone finds an approved provider of a municipality that offers sign language;
 *   each service type with each of its price units, and the bucket of the lowest price per
 *   price key (a maximum price is an OR of buckets in the same match);
 * - tokens of the vocabulary's concepts found in its texts (C), also inside compounds.
 * `search_text` keeps the lower-case text for the trigram fallback. Recomputed on every write
 * to the provider or its offerings. The token functions of search-tokens.ts build the
 * same tokens for queries; catalogue.store.test.ts checks that they agree.
 */
const REFRESH_SQL = `
  UPDATE providers.provider p SET
    search_text = lower(p.name || ' ' || o.titles || ' ' || p.description || ' ' || o.descriptions),
    search_vector =
      setweight(to_tsvector('finnish', p.name), 'A') || setweight(to_tsvector('simple', p.name), 'A') ||
      setweight(to_tsvector('finnish', o.titles), 'B') || setweight(to_tsvector('simple', o.titles), 'B') ||
      setweight(to_tsvector('finnish', p.description || ' ' || o.descriptions), 'C') ||
      setweight(to_tsvector('simple', p.description || ' ' || o.descriptions), 'C') ||
      setweight(to_tsvector('swedish', p.name || ' ' || o.titles || ' ' || p.description || ' ' || o.descriptions), 'D') ||
      setweight(array_to_tsvector(ARRAY(
        SELECT DISTINCT t FROM unnest(
          o.declared ||
          ARRAY(SELECT 'zza' || replace(lower(a), '_', '') FROM unnest(p.accessibility) a) ||
          ARRAY(SELECT 'zzl' || regexp_replace(lower(l), '[^a-z]', '', 'g') FROM unnest(p.languages) l) ||
          ARRAY(SELECT 'zzm' || m FROM unnest(p.municipalities) m) ||
          CASE WHEN p.approval_status = 'APPROVED' THEN ARRAY['${APPROVED_TOKEN}'] ELSE '{}'::text[] END ||
          CASE WHEN p.takes_new_clients THEN ARRAY['${TAKES_NEW_TOKEN}'] ELSE '{}'::text[] END
        ) t)), 'B') ||
      setweight(array_to_tsvector(ARRAY(
        SELECT DISTINCT 'zzc' || v.concept
        FROM regexp_matches(${FOLD(`p.name || ' ' || o.titles || ' ' || p.description || ' ' || o.descriptions`)}, $2, 'g') hit
        JOIN unnest($3::text[], $4::text[]) AS v(term, concept) ON v.term = hit[1])), 'C'),
    updated_at = now()
  FROM (
    SELECT q.id,
           coalesce(string_agg(f.title, ' ' ORDER BY f.id), '') AS titles,
           coalesce(string_agg(f.description, ' ' ORDER BY f.id), '') AS descriptions,
           coalesce(array_agg(DISTINCT 'zzs' || replace(lower(f.service_type), '_', ''))
                      FILTER (WHERE f.id IS NOT NULL), '{}') ||
           coalesce(array_agg(DISTINCT 'zzu' || lower(f.price_unit)) FILTER (WHERE f.id IS NOT NULL), '{}') ||
           coalesce(array_agg(DISTINCT 'zzp' || replace(lower(f.service_type), '_', '') || lower(f.price_unit))
                      FILTER (WHERE f.id IS NOT NULL), '{}') ||
           ARRAY(SELECT 'zzq' || k.key || (SELECT count(*) FROM unnest($5::int[]) b WHERE b < k.cents)
                 FROM (${LOWEST_PRICES('q.id')}) k)
             AS declared
    FROM providers.provider q
    LEFT JOIN providers.offering f ON f.provider_id = q.id AND f.active
    WHERE $1::uuid[] IS NULL OR q.id = ANY($1::uuid[])
    GROUP BY q.id
  ) o
  WHERE p.id = o.id`;

/**
 * Each provider's lowest price per price key, which filters by maximum price and orders by
 * price without reading the offerings of every match (a separate statement: the migration that
 * introduced the document runs before the column exists).
 */
const PRICES_SQL = `
  UPDATE providers.provider p
  SET min_prices = coalesce((SELECT jsonb_object_agg(k.key, k.cents) FROM (${LOWEST_PRICES('p.id')}) k), '{}'::jsonb)
  WHERE $1::uuid[] IS NULL OR p.id = ANY($1::uuid[])`;

interface Statement {
  sql: string;
  params: unknown[];
}

/** The statement and parameters that rebuild the documents of these providers (all: null). */
export function refreshStatement(ids: readonly string[] | null): Statement {
  const { terms, concepts } = termConcepts();
  return {
    sql: REFRESH_SQL,
    params: [ids ? [...ids] : null, termPattern(), terms, concepts, [...PRICE_BUCKETS]],
  };
}

/** Everything the catalogue keeps of these providers (all: null): documents and lowest prices. */
export function refreshStatements(ids: readonly string[] | null): Statement[] {
  return [refreshStatement(ids), { sql: PRICES_SQL, params: [ids ? [...ids] : null] }];
}

/** pg_trgm's default `word_similarity_threshold`, pinned per query so server settings cannot change recall. */
const WORD_SIMILARITY_THRESHOLD = 0.6;

/** SQL for the public catalogue: search, order, page and facet counts. Values only as parameters. */
export class CatalogueStore {
  /**
   * @param probe how many rows of an ordered index a search walks before it takes its
   * matches by the GIN index instead ({@link PROBE}; tests lower it to reach both ways).
   * @param facetSample how many matches the facet counts read ({@link FACET_SAMPLE}).
   */
  constructor(
    private readonly db: DataSource,
    private readonly probe = PROBE,
    private readonly facetSample = FACET_SAMPLE,
  ) {}

  /** Rebuilds the search documents of these providers (all of them: null). */
  async refresh(manager: Queryable, ids: readonly string[] | null): Promise<void> {
    for (const { sql, params } of refreshStatements(ids)) await manager.query(sql, params);
  }

  private async run<T>(mode: Mode, work: (q: Queryable) => Promise<T>): Promise<T> {
    if (mode !== 'trigram') return work(this.db);
    return this.db.transaction(async (manager) => {
      await manager.query(
        `SET LOCAL enable_seqscan = off; SET LOCAL pg_trgm.word_similarity_threshold = ${WORD_SIMILARITY_THRESHOLD}`,
      );
      return work(manager);
    });
  }

  private async pageIn(
    mode: Mode,
    query: CatalogueQuery,
    limit: number,
    after: CatalogueCursor | null,
  ): Promise<CataloguePage> {
    const p = new Params();
    const { where, rank, tsq, price, filterMatch: filters } = catalogueMatch(query, p, mode);
    const key = sortKey(query, p, rank);
    let keyset = '';
    if (after) {
      // NULLS LAST: a provider without a price in the unit has the cursor key Infinity.
      keyset = `WHERE (coalesce(m.k, 'Infinity'), m.name, m.id) > (${p.add(after[0])}::numeric, ${p.add(after[1])}::text, ${p.add(after[2])}::uuid)`;
    }
    const order = candidateOrder(query);
    const candidates = p.add(CANDIDATES);
    // The candidates first (the first CANDIDATES matches in the index's order), then the sort
    // key of those only: ts_rank reads the whole document and is the dearest part.
    let pick = `
          SELECT p.id, p.name, p.search_vector, p.search_text, p.min_prices
          FROM providers.provider p WHERE ${where}
          ORDER BY ${order} LIMIT ${candidates}`;
    let head = '';
    if (tsq && this.probe > 0) {
      // The planner cannot tell a sparse match from a broad one (it guessed 175 matches as
      // 3 803): it walked the ordered index through most of the table for a few matches, or
      // ranked every match of a broad word (18 000). So the first PROBE rows of the ordered
      // index are walked and checked: when CANDIDATES of them match (the usual broad search)
      // those are the candidates. Else their share estimates the matches: walking on costs
      // about (CANDIDATES − found) × PROBE / found rows, taking every match by the GIN index
      // alone (catalogue_matches, never a walk or a sequential scan) and ordering them about
      // found × providers / PROBE — about the same per row (EXPLAIN: 13–15 µs) — and the
      // cheaper is done. One-time filters run exactly one of the three.
      // The probe and the GIN index take the match built once (`q`): each word's
      // catalogue_word_query, an SQL function, runs while planning for every place that names
      // it (~0.25 ms each). Walking on keeps it in the statement: from its estimate the planner
      // may take the matches by the GIN index there too, which spared some wrong walks. Each
      // way yields the columns the sort key reads: the probe's rows are kept, and only relevance
      // reads the GIN index's candidates' documents again, by id (a join hashed 20 000 names).
      const probe = p.add(this.probe);
      const found = '(SELECT count(*) FROM w)';
      const walkOn = `(SELECT (${candidates} - ${found})::float8 * ${probe} < ${found}::float8 * greatest(c.reltuples, 1) / ${probe} * ${found}
        FROM pg_catalog.pg_class c WHERE c.oid = 'providers.provider'::regclass)`;
      const q = '(SELECT tq.q FROM tq)';
      const withPrice = price ? ` AND ${price}` : '';
      const ranked = key.includes('p.search_vector'); // the only sort key reading the document
      // The GIN index gathers every document of each word's prefixes before it intersects them
      // with the filters: 5–15 ms for a broad word, also when the filters match nothing (a
      // service type with a price unit nobody uses). So when nothing of the probe matched and
      // none of PROBE providers in id order — random uuids, a sample that no order of the
      // catalogue skews — passes the filters alone (then few do), their exact tokens are the
      // narrower way: catalogue_filtered takes their matches and checks the words on each.
      const narrowIf = `${found} = 0 AND NOT EXISTS (
              SELECT 1 FROM (
                SELECT p.search_vector FROM providers.provider p ORDER BY p.id LIMIT ${probe}
              ) p WHERE p.search_vector @@ (SELECT tq.f FROM tq))`;
      const narrow = filters ? '(SELECT nw.narrow FROM nw)' : 'false';
      const take = (from: string, when: string) => {
        const g = `SELECT p.id, p.name, p.min_prices FROM ${from} p
             WHERE ${when}${withPrice}
             ORDER BY ${order} LIMIT ${candidates}`;
        return ranked
          ? `(SELECT g.id, g.name, v.search_vector, g.min_prices FROM (${g}) g
             CROSS JOIN LATERAL (
               SELECT x.search_vector FROM providers.provider x WHERE x.id = g.id OFFSET 0
             ) v)`
          : `(SELECT g.id, g.name, NULL::tsvector, g.min_prices FROM (${g}) g)`;
      };
      head = `tq AS MATERIALIZED (SELECT ${tsq} AS q${filters ? `, ${filters} AS f` : ''}),
        w AS MATERIALIZED (
          SELECT p.id, p.name, p.search_vector, p.min_prices FROM (
            SELECT p.id, p.name, p.listing_score, p.search_vector, p.min_prices
            FROM providers.provider p ORDER BY ${order} LIMIT ${probe}
          ) p WHERE p.search_vector @@ ${q}${withPrice} ORDER BY ${order} LIMIT ${candidates}
        ),${
          filters
            ? `
        nw AS MATERIALIZED (SELECT ${narrowIf} AS narrow),`
            : ''
        }`;
      pick = `
          (SELECT w.id, w.name, w.search_vector, w.min_prices FROM w WHERE ${found} >= ${candidates})
          UNION ALL
          ${take(`providers.catalogue_matches(${q}, NULL)`, `${found} < ${candidates} AND NOT ${walkOn} AND NOT ${narrow}`)}
          UNION ALL${
            filters
              ? `
          ${take(`providers.catalogue_filtered((SELECT tq.f FROM tq), ${q})`, narrow)}
          UNION ALL`
              : ''
          }
          (SELECT p.id, p.name, p.search_vector, p.min_prices FROM providers.provider p
           WHERE ${found} < ${candidates} AND ${walkOn} AND ${where}
           ORDER BY ${order} LIMIT ${candidates})`;
    }
    const sql = `
      WITH ${head} m AS MATERIALIZED (
        SELECT p.id, p.name, ${key} AS k
        FROM (${pick}
        ) p
      )
      SELECT (SELECT count(*)::int FROM m) AS total, page.id, page.name, page.k::text AS key
      FROM (SELECT 1) one
      LEFT JOIN LATERAL (
        SELECT m.id, m.name, m.k FROM m ${keyset}
        ORDER BY m.k ASC NULLS LAST, m.name ASC, m.id ASC LIMIT ${p.add(limit + 1)}
      ) page ON true`;
    type Row = { total: number; id: string | null; name: string; key: string | null };
    const rows = await this.run(mode, (q) => q.query<Row[]>(sql, p.values));
    const total = rows[0]?.total ?? 0;
    return {
      total,
      totalIsLowerBound: total >= CANDIDATES,
      // The one row of an empty page has no id: it only carries the total.
      rows: rows.flatMap((r) => (r.id === null ? [] : [{ id: r.id, name: r.name, key: r.key }])),
    };
  }

  /** Whether anything matches (stops at the first match). */
  private async anyMatch(query: CatalogueQuery, mode: Mode): Promise<boolean> {
    const p = new Params();
    const { where, tsq, price } = catalogueMatch(query, p, mode);
    // As pageIn takes candidates: the first rows of the ordered index, else by the GIN index
    // alone (a sequential scan, the planner's choice, read the whole table when nothing matched).
    const sql = tsq
      ? `SELECT EXISTS (
           SELECT 1 FROM (
             SELECT p.id, p.name, p.listing_score, p.search_vector, p.min_prices
             FROM providers.provider p ORDER BY ${candidateOrder(query)} LIMIT ${p.add(this.probe)}
           ) p WHERE ${where}
         ) OR EXISTS (
           SELECT 1 FROM providers.catalogue_matches(${tsq}, ${price ? 'NULL' : '1'}) p${price ? ` WHERE ${price}` : ''}
         ) AS found`
      : `SELECT EXISTS (SELECT 1 FROM providers.provider p WHERE ${where}) AS found`;
    const [row] = await this.db.query<[{ found: boolean }]>(sql, p.values);
    return row.found;
  }

  /**
   * Which way a query matches: all words; else any word (several words); else trigrams too.
   * `firstPage`, when given, is a page of the all-words answer (its total counts matches).
   */
  private async modeOf(query: CatalogueQuery, firstPage: CataloguePage | null): Promise<Mode> {
    if (query.words.length === 0) return 'fulltext';
    const all = firstPage ? firstPage.total > 0 : await this.anyMatch(query, 'fulltext');
    if (all) return 'fulltext';
    if (query.words.length > 1 && (await this.anyMatch(query, 'any'))) return 'any';
    // Trigrams are for names and words outside the vocabulary: a search whose every word
    // the vocabulary understood has its answer already (also when that is none).
    return query.words.some((w) => w.tokens.length === 0) ? 'trigram' : 'fulltext';
  }

  /**
   * One catalogue page (plus one row to tell whether more follow) and the total count, in the
   * query's order: relevance (weighted ts_rank), name, or the lowest price in the chosen unit;
   * ties by name and id. The sort key is rounded so that the cursor compares it exactly.
   */
  async search(
    query: CatalogueQuery,
    limit: number,
    after: CatalogueCursor | null,
  ): Promise<CataloguePage> {
    const page = await this.pageIn('fulltext', query, limit, after);
    if (!after) {
      // The first page tries each mode in turn (as modeOf decides, without asking first).
      if (page.total > 0 || query.words.length === 0) return page;
      if (query.words.length > 1) {
        const any = await this.pageIn('any', query, limit, null);
        if (any.total > 0) return any;
      }
      return query.words.some((w) => w.tokens.length === 0)
        ? this.pageIn('trigram', query, limit, null)
        : page;
    }
    // A later page decides the mode the same way as its first page did. Its total counts
    // every candidate, not only those after the cursor: any all-words match makes it non-zero.
    const mode = await this.modeOf(query, page);
    return mode === 'fulltext' ? page : this.pageIn(mode, query, limit, after);
  }

  /**
   * How many matches have each service type, municipality, language, feature and price unit:
   * of at most `facetSample` matches (then lower bounds, see {@link FACET_SAMPLE}).
   */
  async facets(query: CatalogueQuery): Promise<CatalogueFacetCounts> {
    const mode = await this.modeOf(query, null);
    const p = new Params();
    const { where } = catalogueMatch(query, p, mode);
    const sql = `
      WITH m AS MATERIALIZED (
        SELECT p.id, p.municipalities, p.languages, p.accessibility, p.takes_new_clients
        FROM providers.provider p WHERE ${where} LIMIT ${p.add(this.facetSample)}
      )
      SELECT 'total' AS facet, '' AS value, count(*)::int AS n FROM m
      UNION ALL SELECT 'new', '', count(*)::int FROM m WHERE m.takes_new_clients
      UNION ALL SELECT 'municipality', x, count(*)::int FROM m, unnest(m.municipalities) x GROUP BY x
      UNION ALL SELECT 'language', x, count(*)::int FROM m, unnest(m.languages) x GROUP BY x
      UNION ALL SELECT 'accessibility', x, count(*)::int FROM m, unnest(m.accessibility) x GROUP BY x
      UNION ALL SELECT 'serviceType', o.service_type, count(DISTINCT o.provider_id)::int
        FROM providers.offering o JOIN m ON m.id = o.provider_id WHERE o.active GROUP BY o.service_type
      UNION ALL SELECT 'priceUnit', o.price_unit, count(DISTINCT o.provider_id)::int
        FROM providers.offering o JOIN m ON m.id = o.provider_id WHERE o.active GROUP BY o.price_unit`;
    type Row = { facet: string; value: string; n: number };
    const rows = await this.run(mode, (q) => q.query<Row[]>(sql, p.values));
    const of = (facet: string) =>
      rows
        .filter((r) => r.facet === facet)
        .map((r) => ({ value: r.value, count: r.n }))
        .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    const total = rows.find((r) => r.facet === 'total')?.n ?? 0;
    return {
      total,
      countsAreLowerBounds: total >= this.facetSample,
      takesNewClients: rows.find((r) => r.facet === 'new')?.n ?? 0,
      serviceTypes: of('serviceType'),
      municipalities: of('municipality'),
      languages: of('language'),
      accessibility: of('accessibility'),
      priceUnits: of('priceUnit'),
    };
  }
}

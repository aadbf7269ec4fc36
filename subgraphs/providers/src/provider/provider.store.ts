import { isUuid } from '@hb/kit';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { ApprovalEventEntity, OfferingEntity, ProviderEntity } from './provider.entity';
import type { ApprovalStatus } from './catalogue';
import type { CleanApplication, CleanOffering } from './provider.validation';
import type { CatalogueQuery } from './search-query';

/** The sort key of a catalogue page: relevance (descending), then name and id. */
export type CatalogueCursor = [rank: string, name: string, id: string];

export interface CataloguePage {
  rows: Array<{ id: string; rank: string; name: string }>;
  total: number;
}

/**
 * The search document: name (weight A), offering titles (B), descriptions (C), each with the
 * `finnish` stemmer and the `simple` config (so whole words and prefixes of words the stemmer
 * cuts oddly, Swedish words and names all match), plus lower-case text for trigrams. Only
 * active offerings count. Recomputed on every write to the provider or its offerings.
 */
const REFRESH_SEARCH_DOCUMENT = `
  UPDATE providers.provider p SET
    search_text = lower(p.name || ' ' || o.titles || ' ' || p.description || ' ' || o.descriptions),
    search_vector =
      setweight(to_tsvector('finnish', p.name), 'A') || setweight(to_tsvector('simple', p.name), 'A') ||
      setweight(to_tsvector('finnish', o.titles), 'B') || setweight(to_tsvector('simple', o.titles), 'B') ||
      setweight(to_tsvector('finnish', p.description || ' ' || o.descriptions), 'C') ||
      setweight(to_tsvector('simple', p.description || ' ' || o.descriptions), 'C'),
    updated_at = now()
  FROM (
    SELECT q.id,
           coalesce(string_agg(f.title, ' ' ORDER BY f.id), '') AS titles,
           coalesce(string_agg(f.description, ' ' ORDER BY f.id), '') AS descriptions
    FROM providers.provider q
    LEFT JOIN providers.offering f ON f.provider_id = q.id AND f.active
    WHERE $1::uuid[] IS NULL OR q.id = ANY($1::uuid[])
    GROUP BY q.id
  ) o
  WHERE p.id = o.id`;

/**
 * How many of the best matches (by the cheap rank) get the full rank with trigram similarity
 * of every word; at least the largest page size, so a first page is always fully ranked.
 */
export const RANKED_CANDIDATES = 200;

/** pg_trgm's default `word_similarity_threshold`, pinned per query so server settings cannot change recall. */
const WORD_SIMILARITY_THRESHOLD = 0.6;

/** SQL for providers, offerings, approval history and the catalogue. Values only as parameters. */
export class ProviderStore {
  constructor(private readonly db: DataSource) {}

  async providersByIds(ids: readonly string[]): Promise<ProviderEntity[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    return this.db.getRepository(ProviderEntity).findBy({ id: In(valid) });
  }

  async offeringsByIds(ids: readonly string[]): Promise<OfferingEntity[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    return this.db.getRepository(OfferingEntity).findBy({ id: In(valid) });
  }

  /** Active offerings of these providers, by service type and price. */
  async offeringsByProviderIds(ids: readonly string[]): Promise<OfferingEntity[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    return this.db.getRepository(OfferingEntity).find({
      where: { providerId: In(valid), active: true },
      order: { serviceType: 'ASC', priceCents: 'ASC', id: 'ASC' },
    });
  }

  /** Active offerings of approved providers, per service type code. */
  async approvedOfferingsByServiceTypes(codes: readonly string[]): Promise<OfferingEntity[]> {
    if (codes.length === 0) return [];
    return this.db
      .getRepository(OfferingEntity)
      .createQueryBuilder('o')
      .innerJoin(ProviderEntity, 'p', 'p.id = o.provider_id')
      .where('o.service_type IN (:...codes)', { codes: [...codes] })
      .andWhere('o.active')
      .andWhere(`p.approval_status = 'APPROVED'`)
      .orderBy('o.price_cents', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .getMany();
  }

  /** Approved providers serving any of these municipalities. */
  async approvedProvidersServing(codes: readonly string[]): Promise<ProviderEntity[]> {
    if (codes.length === 0) return [];
    return this.db
      .getRepository(ProviderEntity)
      .createQueryBuilder('p')
      .where('p.municipalities && CAST(:codes AS text[])', { codes: [...codes] })
      .andWhere(`p.approval_status = 'APPROVED'`)
      .orderBy('p.name', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .getMany();
  }

  /**
   * Applications awaiting a decision (PENDING, INFO_REQUESTED) of providers serving any of
   * these municipalities, oldest first, one row more than asked; and how many there are. The
   * cursor keeps `created_at` at full precision, as text.
   */
  async awaitingDecision(
    codes: readonly string[],
    limit: number,
    after: [string, string] | null,
  ): Promise<{ rows: Array<{ id: string; at: string }>; total: number }> {
    const where = `municipalities && $1::text[] AND approval_status IN ('PENDING', 'INFO_REQUESTED')`;
    const [{ n }] = (await this.db.query(
      `SELECT count(*)::int AS n FROM providers.provider WHERE ${where}`,
      [[...codes]],
    )) as [{ n: number }];
    const rows = (await this.db.query(
      `SELECT id, created_at::text AS at FROM providers.provider
        WHERE ${where} AND ($2::timestamptz IS NULL OR (created_at, id) > ($2::timestamptz, $3::uuid))
        ORDER BY created_at, id LIMIT $4`,
      [[...codes], after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    )) as Array<{ id: string; at: string }>;
    return { rows, total: n };
  }

  async historyByProviderIds(ids: readonly string[]): Promise<ApprovalEventEntity[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    return this.db
      .getRepository(ApprovalEventEntity)
      .find({ where: { providerId: In(valid) }, order: { seq: 'ASC' } });
  }

  async businessIdTaken(businessId: string, exceptProviderId: string | null): Promise<boolean> {
    const rows = (await this.db.query(
      `SELECT 1 FROM providers.provider WHERE business_id = $1 AND ($2::uuid IS NULL OR id <> $2::uuid)`,
      [businessId, exceptProviderId],
    )) as unknown[];
    return rows.length > 0;
  }

  /** Locks the provider row for a status change in this transaction. */
  async lockProvider(manager: EntityManager, id: string): Promise<ProviderEntity | null> {
    if (!isUuid(id)) return null;
    return manager
      .getRepository(ProviderEntity)
      .createQueryBuilder('p')
      .setLock('pessimistic_write')
      .where('p.id = :id', { id })
      .getOne();
  }

  async insertProvider(
    manager: EntityManager,
    values: CleanApplication,
    status: ApprovalStatus,
  ): Promise<string> {
    const [row] = (await manager.query(
      `INSERT INTO providers.provider (name, business_id, kind, approval_status, description, email, phone,
         website, municipalities, languages, accessibility)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        values.name,
        values.businessId,
        values.kind,
        status,
        values.description,
        values.email,
        values.phone,
        values.website,
        values.municipalities,
        values.languages,
        values.accessibility,
      ],
    )) as [{ id: string }];
    return row.id;
  }

  async updateProvider(
    manager: EntityManager,
    id: string,
    values: CleanApplication,
  ): Promise<void> {
    await manager.query(
      `UPDATE providers.provider SET name = $2, business_id = $3, kind = $4, description = $5, email = $6,
         phone = $7, website = $8, municipalities = $9, languages = $10, accessibility = $11, updated_at = now()
       WHERE id = $1`,
      [
        id,
        values.name,
        values.businessId,
        values.kind,
        values.description,
        values.email,
        values.phone,
        values.website,
        values.municipalities,
        values.languages,
        values.accessibility,
      ],
    );
  }

  async setStatus(manager: EntityManager, id: string, status: ApprovalStatus): Promise<void> {
    await manager.query(
      `UPDATE providers.provider SET approval_status = $2, updated_at = now() WHERE id = $1`,
      [id, status],
    );
  }

  async appendHistory(
    manager: EntityManager,
    event: {
      providerId: string;
      fromStatus: ApprovalStatus | null;
      toStatus: ApprovalStatus;
      actorId: string;
      actorRole: string;
      reason: string | null;
    },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO providers.approval_event (provider_id, from_status, to_status, actor_id, actor_role, reason)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        event.providerId,
        event.fromStatus,
        event.toStatus,
        event.actorId,
        event.actorRole,
        event.reason,
      ],
    );
  }

  /** Inserts or updates an offering; returns its id, or null when `id` is not this provider's. */
  async upsertOffering(
    manager: EntityManager,
    providerId: string,
    o: CleanOffering,
  ): Promise<string | null> {
    if (o.id) {
      const rows = (await manager.query(
        `UPDATE providers.offering SET service_type = $3, title = $4, description = $5, price_cents = $6,
           price_unit = $7, class_levels = $8, active = $9, updated_at = now()
         WHERE id = $1 AND provider_id = $2 RETURNING id`,
        [
          o.id,
          providerId,
          o.serviceType,
          o.title,
          o.description,
          o.priceCents,
          o.priceUnit,
          o.classLevels,
          o.active,
        ],
      )) as [Array<{ id: string }>, number] | Array<{ id: string }>;
      const list = Array.isArray(rows[0])
        ? (rows[0] as Array<{ id: string }>)
        : (rows as Array<{ id: string }>);
      return list[0]?.id ?? null;
    }
    const [row] = (await manager.query(
      `INSERT INTO providers.offering (provider_id, service_type, title, description, price_cents, price_unit,
         class_levels, active)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        providerId,
        o.serviceType,
        o.title,
        o.description,
        o.priceCents,
        o.priceUnit,
        o.classLevels,
        o.active,
      ],
    )) as [{ id: string }];
    return row.id;
  }

  async refreshSearchDocument(
    manager: EntityManager | DataSource,
    providerId: string,
  ): Promise<void> {
    await manager.query(REFRESH_SEARCH_DOCUMENT, [[providerId]]);
  }

  /** Rebuilds every provider's search document (bulk loads, benchmarks). */
  async refreshAllSearchDocuments(manager: EntityManager | DataSource): Promise<void> {
    await manager.query(REFRESH_SEARCH_DOCUMENT, [null]);
  }

  /**
   * One catalogue page (plus one row to tell whether more follow) and the total count.
   *
   * Each search word must match, either through full-text search — the word's `finnish` stem
   * as a prefix (uimassa → uima:* finds "uimahallissa"), or a leading part of the word with
   * the `simple` config (kuljetuksia → kuljetu:* finds "kuljetuspalvelu") — or through
   * trigram word similarity on the search text (typos, other inflections). Relevance is the
   * weighted ts_rank plus the words' trigram similarity, rounded so that it can be compared
   * exactly in the cursor; ties are broken by name and id.
   *
   * How it stays fast on a large catalogue (see README "Catalogue search performance"):
   * - Every word's match set comes from the GIN indexes as one BitmapOr of the tsvector
   *   index and the trigram index (`search_text %> word`, the indexable form of
   *   `word <% search_text`); the recheck tests the full-text match first, so trigram
   *   similarity is only computed for index candidates that full text did not already match.
   *   The first word drives the main scan, each further word is a materialized id set.
   *   `enable_seqscan` is off for the query so that a misestimated broad word can never turn
   *   this into a scan computing similarity on every row; the similarity threshold is pinned.
   * - Similarity is costly (tens of µs a row), so it is not computed for every match: a cheap
   *   rank — ts_rank plus the similarity of just the words that matched by trigrams only (few
   *   rows, known to be) — orders all matches, and only the best {@link RANKED_CANDIDATES} of
   *   them get the full rank. The cheap rank never exceeds the full one, so those candidates
   *   stay ahead of the other matches; both ranks are fixed per row, so pages stay stable. With
   *   at most that many matches the order is exactly the full ranking; beyond, the rest are
   *   ordered without the trigram similarity of words full text found. Recall is unchanged.
   * - totalCount counts the matched CTE that the page is cut from.
   */
  async search(
    query: CatalogueQuery,
    limit: number,
    after: CatalogueCursor | null,
  ): Promise<CataloguePage> {
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where: string[] = [];
    if (!query.includeUnapproved) where.push(`p.approval_status = 'APPROVED'`);
    if (query.municipalityCode)
      where.push(`p.municipalities @> ARRAY[${param(query.municipalityCode)}]::text[]`);
    if (query.language) where.push(`p.languages @> ARRAY[${param(query.language)}]::text[]`);
    if (query.serviceType || query.maxPriceCents !== null) {
      const conditions = ['o.provider_id = p.id', 'o.active'];
      if (query.serviceType) conditions.push(`o.service_type = ${param(query.serviceType)}`);
      if (query.maxPriceCents !== null)
        conditions.push(`o.price_cents <= ${param(query.maxPriceCents)}`);
      where.push(`EXISTS (SELECT 1 FROM providers.offering o WHERE ${conditions.join(' AND ')})`);
    }
    let keyset = '';
    const keysetOn = (table: string) => {
      if (!after) return '';
      const r = param(after[0]);
      const n = param(after[1]);
      const id = param(after[2]);
      return `WHERE ${table}.rank < ${r}::numeric OR (${table}.rank = ${r}::numeric AND (${table}.name, ${table}.id) > (${n}::text, ${id}::uuid))`;
    };
    const page = (rows: string, total: string) => `
      SELECT (SELECT count(*)::int FROM ${total}) AS total, page.id, page.name, page.rank::text AS rank
      FROM (SELECT 1) one
      LEFT JOIN LATERAL (
        SELECT r.id, r.name, r.rank FROM ${rows} r ${keyset} ORDER BY r.rank DESC, r.name ASC, r.id ASC LIMIT ${param(limit + 1)}
      ) page ON true`;
    type Row = { total: number; id: string | null; name: string; rank: string };
    let rows: Row[];
    if (query.words.length === 0) {
      keyset = keysetOn('r');
      const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
      const sql = `WITH m AS (SELECT p.id, p.name, 0::numeric AS rank FROM providers.provider p ${filter}) ${page('m', 'm')}`;
      rows = (await this.db.query(sql, params)) as Row[];
    } else {
      const n = query.words.length;
      const words = query.words.map(({ word, prefix }) => ({
        w: param(word),
        tsq: `(to_tsquery('finnish', ${param(`${word}:*`)}) || to_tsquery('simple', ${param(`${prefix}:*`)}))`,
      }));
      const matches = (t: string, { w, tsq }: { w: string; tsq: string }) =>
        `(${t}.search_vector @@ ${tsq} OR ${t}.search_text %> ${w})`;
      // One word: its BitmapOr drives the scan. More words: each word's match set on its own
      // (materialized, so the planner cannot turn a word into a per-row filter that computes
      // similarity for rows another word's index found), intersected, then fetched by id.
      const ctes =
        n === 1
          ? []
          : words.map(
              (word, i) =>
                `w${i} AS MATERIALIZED (SELECT q.id FROM providers.provider q WHERE ${matches('q', word)})`,
            );
      const conditions =
        n === 1
          ? [...where, matches('p', words[0]!)]
          : [
              ...where,
              `p.id IN (${words.map((_, i) => `SELECT w${i}.id FROM w${i}`).join(' INTERSECT ')})`,
            ];
      const sim = (t: string, w: string) => `word_similarity(${w}, ${t}.search_text)`;
      const cheapSims = words.map(
        ({ w }, i) => `CASE WHEN x.f${i} THEN 0::real ELSE ${sim('x', w)} END`,
      );
      const fullSims = words.map(({ w }) => sim('p', w));
      const sql = `
        WITH ${[...ctes, ''].join(', ')}
        m AS MATERIALIZED (
          SELECT x.id, x.name, x.tr, x.tr + (${cheapSims.join(' + ')}) / ${n} AS cheap
          FROM (
            SELECT p.id, p.name, p.search_text,
                   ts_rank(p.search_vector, ${words.map((w) => w.tsq).join(' || ')}) AS tr,
                   ${words.map(({ tsq }, i) => `p.search_vector @@ ${tsq} AS f${i}`).join(', ')}
            FROM providers.provider p
            WHERE ${conditions.join(' AND ')}
            OFFSET 0
          ) x
        ),
        top AS MATERIALIZED (
          SELECT t.id, round((t.tr + (${fullSims.join(' + ')}) / ${n})::numeric, 6) AS rank
          FROM (SELECT m.id, m.tr FROM m ORDER BY m.cheap DESC, m.name ASC, m.id ASC LIMIT ${RANKED_CANDIDATES}) t
          JOIN providers.provider p ON p.id = t.id
        ),
        ranked AS (
          SELECT m.id, m.name, coalesce(top.rank, round(m.cheap::numeric, 6)) AS rank
          FROM m LEFT JOIN top ON top.id = m.id
        )`;
      keyset = keysetOn('r');
      const full = `${sql} ${page('ranked', 'm')}`;
      rows = await this.db.transaction(async (manager) => {
        await manager.query(
          `SET LOCAL enable_seqscan = off; SET LOCAL pg_trgm.word_similarity_threshold = ${WORD_SIMILARITY_THRESHOLD}`,
        );
        return (await manager.query(full, params)) as Row[];
      });
    }
    return {
      total: rows[0]?.total ?? 0,
      rows: rows
        .filter((r) => r.id !== null)
        .map((r) => ({ id: r.id!, name: r.name, rank: r.rank })),
    };
  }
}

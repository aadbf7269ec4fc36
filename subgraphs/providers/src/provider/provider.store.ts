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
    return this.db
      .getRepository(OfferingEntity)
      .find({ where: { providerId: In(valid), active: true }, order: { serviceType: 'ASC', priceCents: 'ASC', id: 'ASC' } });
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

  async insertProvider(manager: EntityManager, values: CleanApplication, status: ApprovalStatus): Promise<string> {
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

  async updateProvider(manager: EntityManager, id: string, values: CleanApplication): Promise<void> {
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
      [event.providerId, event.fromStatus, event.toStatus, event.actorId, event.actorRole, event.reason],
    );
  }

  /** Inserts or updates an offering; returns its id, or null when `id` is not this provider's. */
  async upsertOffering(manager: EntityManager, providerId: string, o: CleanOffering): Promise<string | null> {
    if (o.id) {
      const rows = (await manager.query(
        `UPDATE providers.offering SET service_type = $3, title = $4, description = $5, price_cents = $6,
           price_unit = $7, class_levels = $8, active = $9, updated_at = now()
         WHERE id = $1 AND provider_id = $2 RETURNING id`,
        [o.id, providerId, o.serviceType, o.title, o.description, o.priceCents, o.priceUnit, o.classLevels, o.active],
      )) as [Array<{ id: string }>, number] | Array<{ id: string }>;
      const list = Array.isArray(rows[0]) ? (rows[0] as Array<{ id: string }>) : (rows as Array<{ id: string }>);
      return list[0]?.id ?? null;
    }
    const [row] = (await manager.query(
      `INSERT INTO providers.offering (provider_id, service_type, title, description, price_cents, price_unit,
         class_levels, active)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [providerId, o.serviceType, o.title, o.description, o.priceCents, o.priceUnit, o.classLevels, o.active],
    )) as [{ id: string }];
    return row.id;
  }

  async refreshSearchDocument(manager: EntityManager | DataSource, providerId: string): Promise<void> {
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
   */
  async search(query: CatalogueQuery, limit: number, after: CatalogueCursor | null): Promise<CataloguePage> {
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where: string[] = [];
    if (!query.includeUnapproved) where.push(`p.approval_status = 'APPROVED'`);
    if (query.municipalityCode) where.push(`p.municipalities @> ARRAY[${param(query.municipalityCode)}]::text[]`);
    if (query.language) where.push(`p.languages @> ARRAY[${param(query.language)}]::text[]`);
    if (query.serviceType || query.maxPriceCents !== null) {
      const conditions = ['o.provider_id = p.id', 'o.active'];
      if (query.serviceType) conditions.push(`o.service_type = ${param(query.serviceType)}`);
      if (query.maxPriceCents !== null) conditions.push(`o.price_cents <= ${param(query.maxPriceCents)}`);
      where.push(`EXISTS (SELECT 1 FROM providers.offering o WHERE ${conditions.join(' AND ')})`);
    }
    let rank = '0::numeric';
    if (query.words.length > 0) {
      const queries: string[] = [];
      const words: string[] = [];
      for (const { word, prefix } of query.words) {
        const w = param(word);
        const tsq = `(to_tsquery('finnish', ${param(`${word}:*`)}) || to_tsquery('simple', ${param(`${prefix}:*`)}))`;
        queries.push(tsq);
        words.push(w);
        where.push(`(p.search_vector @@ ${tsq} OR ${w} <% p.search_text)`);
      }
      rank = `round((ts_rank(p.search_vector, ${queries.join(' || ')})
        + (${words.map((w) => `word_similarity(${w}, p.search_text)`).join(' + ')}) / ${words.length})::numeric, 6)`;
    }
    const filter = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    let keyset = '';
    if (after) {
      const r = param(after[0]);
      const n = param(after[1]);
      const id = param(after[2]);
      keyset = `WHERE m.rank < ${r}::numeric OR (m.rank = ${r}::numeric AND (m.name, m.id) > (${n}::text, ${id}::uuid))`;
    }
    const sql = `
      WITH m AS (SELECT p.id, p.name, ${rank} AS rank FROM providers.provider p ${filter})
      SELECT (SELECT count(*)::int FROM m) AS total, page.id, page.name, page.rank::text AS rank
      FROM (SELECT 1) one
      LEFT JOIN LATERAL (
        SELECT m.id, m.name, m.rank FROM m ${keyset} ORDER BY m.rank DESC, m.name ASC, m.id ASC LIMIT ${param(limit + 1)}
      ) page ON true`;
    const rows = (await this.db.query(sql, params)) as Array<{ total: number; id: string | null; name: string; rank: string }>;
    return {
      total: rows[0]?.total ?? 0,
      rows: rows.filter((r) => r.id !== null).map((r) => ({ id: r.id!, name: r.name, rank: r.rank })),
    };
  }
}

import { isUuid, type Queryable } from '@hb/kit';
import { In, type DataSource, type EntityManager } from 'typeorm';
import {
  ApprovalEventEntity,
  ListingVersionEntity,
  OfferingEntity,
  ProviderEntity,
} from './provider.entity';
import type { ListingChange, ListingValues } from '../listing/listing';
import type { ApprovalStatus } from './catalogue';
import type { CleanApplication, CleanOffering } from './provider.validation';
import { refreshStatements } from './catalogue.store';

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
    // An approved provider waits again while one of its new service types awaits a decision.
    const where = `municipalities && $1::text[] AND (approval_status IN ('PENDING', 'INFO_REQUESTED')
      OR (approval_status = 'APPROVED' AND EXISTS (SELECT 1 FROM providers.offering o
            WHERE o.provider_id = provider.id AND o.awaiting_approval)))`;
    const [{ n }] = await this.db.query<[{ n: number }]>(
      `SELECT count(*)::int AS n FROM providers.provider WHERE ${where}`,
      [[...codes]],
    );
    const rows = await this.db.query<Array<{ id: string; at: string }>>(
      `SELECT id, created_at::text AS at FROM providers.provider
        WHERE ${where} AND ($2::timestamptz IS NULL OR (created_at, id) > ($2::timestamptz, $3::uuid))
        ORDER BY created_at, id LIMIT $4`,
      [[...codes], after?.[0] ?? null, after?.[1] ?? null, limit + 1],
    );
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
    const rows = await this.db.query<unknown[]>(
      `SELECT 1 FROM providers.provider WHERE business_id = $1 AND ($2::uuid IS NULL OR id <> $2::uuid)`,
      [businessId, exceptProviderId],
    );
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
    const [row] = await manager.query<[{ id: string }]>(
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
    );
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
    // Approval is part of the search document.
    await this.refreshSearchDocument(manager, id);
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
    awaitingApproval = false,
  ): Promise<string | null> {
    if (o.id) {
      const rows = await manager.query<[Array<{ id: string }>, number] | Array<{ id: string }>>(
        `UPDATE providers.offering SET service_type = $3, title = $4, description = $5, price_cents = $6,
           price_unit = $7, class_levels = $8, active = $9 AND NOT $10, awaiting_approval = $10,
           updated_at = now()
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
          awaitingApproval,
        ],
      );
      const list = Array.isArray(rows[0])
        ? (rows[0] as Array<{ id: string }>)
        : (rows as Array<{ id: string }>);
      return list[0]?.id ?? null;
    }
    const [row] = await manager.query<[{ id: string }]>(
      `INSERT INTO providers.offering (provider_id, service_type, title, description, price_cents, price_unit,
         class_levels, active, awaiting_approval)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8 AND NOT $9, $9) RETURNING id`,
      [
        providerId,
        o.serviceType,
        o.title,
        o.description,
        o.priceCents,
        o.priceUnit,
        o.classLevels,
        o.active,
        awaitingApproval,
      ],
    );
    return row.id;
  }

  /** Writes the fields a provider keeps itself and records the version, in the caller's transaction. */
  async updateListing(
    manager: EntityManager,
    providerId: string,
    values: ListingValues,
    version: { actorId: string; actorRole: string; changes: ListingChange[] },
  ): Promise<void> {
    await manager.query(
      `UPDATE providers.provider SET description = $2, phone = $3, email = $4, website = $5, address = $6,
         languages = $7, accessibility = $8, takes_new_clients = $9, updated_at = now()
       WHERE id = $1`,
      [
        providerId,
        values.description,
        values.phone,
        values.email,
        values.website,
        values.address,
        values.languages,
        values.accessibility,
        values.takesNewClients,
      ],
    );
    await manager.query(
      `INSERT INTO providers.listing_version (provider_id, actor_id, actor_role, changes)
       VALUES ($1, $2, $3, $4::jsonb)`,
      [providerId, version.actorId, version.actorRole, JSON.stringify(version.changes)],
    );
  }

  async listingVersionsByProviderIds(ids: readonly string[]): Promise<ListingVersionEntity[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    return this.db
      .getRepository(ListingVersionEntity)
      .find({ where: { providerId: In(valid) }, order: { seq: 'ASC' } });
  }

  /**
   * Service types the provider has been approved for: those of offerings not awaiting approval
   * (or, with `awaiting`, the ones that are waiting for the organiser).
   */
  async approvedServiceTypes(
    manager: EntityManager,
    providerId: string,
    awaiting = false,
  ): Promise<string[]> {
    const rows = await manager.query<Array<{ service_type: string }>>(
      `SELECT DISTINCT service_type FROM providers.offering
        WHERE provider_id = $1 AND awaiting_approval = $2`,
      [providerId, awaiting],
    );
    return rows.map((r) => r.service_type);
  }

  /** Decides every offering awaiting approval: shown when approved, kept inactive otherwise. */
  async decideAwaitingOfferings(
    manager: EntityManager,
    providerId: string,
    approve: boolean,
  ): Promise<string[]> {
    const rows = await manager.query<
      [Array<{ service_type: string }>, number] | Array<{ service_type: string }>
    >(
      `UPDATE providers.offering SET active = $2, awaiting_approval = false, updated_at = now()
        WHERE provider_id = $1 AND awaiting_approval RETURNING service_type`,
      [providerId, approve],
    );
    const list = Array.isArray(rows[0])
      ? (rows[0] as Array<{ service_type: string }>)
      : (rows as Array<{ service_type: string }>);
    return [...new Set(list.map((r) => r.service_type))].sort();
  }

  /** Offerings of these providers waiting for the organiser (the provider's and staff's view). */
  async awaitingOfferingsByProviderIds(ids: readonly string[]): Promise<OfferingEntity[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    return this.db.getRepository(OfferingEntity).find({
      where: { providerId: In(valid), awaitingApproval: true },
      order: { serviceType: 'ASC', id: 'ASC' },
    });
  }

  async refreshSearchDocument(manager: Queryable, providerId: string): Promise<void> {
    for (const { sql, params } of refreshStatements([providerId])) await manager.query(sql, params);
  }

  /** Rebuilds every provider's search document (bulk loads, benchmarks). */
  async refreshAllSearchDocuments(manager: Queryable): Promise<void> {
    for (const { sql, params } of refreshStatements(null)) await manager.query(sql, params);
  }
}

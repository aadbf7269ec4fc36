import { isUuid } from '@hb/kit';
import type { PricingBasis } from '../domain';
import { num, numOrNull, type Queryable } from '../shared/sql';

export interface ServiceTypeRow {
  code: string;
  name: string;
  nameSv: string | null;
  unitLabel: string;
}

/**
 * An HB class with its value for one year (null: no value yet). Each municipality has its own
 * copy of a class (budgets point at it), but the value is the organiser's: one value per
 * organiser, service type and level applies in all its municipalities.
 */
export interface HbClassRow {
  id: string;
  serviceTypeCode: string;
  municipalityCode: string;
  /** The organiser of the municipality; null where none is known (the class keeps its own value). */
  organiserId: string | null;
  level: number | null;
  individual: boolean;
  pricingBasis: PricingBasis;
  criteria: string[];
  minAge: number | null;
  maxAge: number | null;
  minKilometres: number | null;
  maxKilometres: number | null;
  unitPriceCents: number | null;
  /** The year the value was looked up for. */
  priceYear: number;
}

const CLASS_COLUMNS = `
  c.id, c.service_type AS "serviceTypeCode", c.municipality_code AS "municipalityCode", c.level,
  c.individual, c.pricing_basis AS "pricingBasis", c.criteria, c.min_age AS "minAge",
  c.max_age AS "maxAge", c.min_kilometres AS "minKilometres", c.max_kilometres AS "maxKilometres",
  CASE WHEN om.organiser_id IS NOT NULL THEN
    (SELECT v.unit_price_cents FROM budgets.organiser_class_value v
      WHERE v.organiser_id = om.organiser_id AND v.service_type = c.service_type
        AND v.level = c.level AND v.year <= y.year ORDER BY v.year DESC LIMIT 1)
  ELSE
    (SELECT p.unit_price_cents FROM budgets.hb_class_price p
      WHERE p.hb_class_id = c.id AND p.year <= y.year ORDER BY p.year DESC LIMIT 1)
  END AS "unitPriceCents",
  om.organiser_id AS "organiserId",
  y.year AS "priceYear"`;

function toClass(row: Record<string, unknown>): HbClassRow {
  return {
    ...(row as unknown as HbClassRow),
    unitPriceCents: numOrNull(row.unitPriceCents),
    priceYear: num(row.priceYear),
  };
}

/** SQL for service types, HB classes and class values. */
export class CatalogStore {
  constructor(private readonly db: Queryable) {}

  async serviceTypes(
    codes?: readonly string[],
    db: Queryable = this.db,
  ): Promise<ServiceTypeRow[]> {
    return db.query(
      `SELECT code, name, name_sv AS "nameSv", unit_label AS "unitLabel" FROM budgets.service_type
       WHERE $1::text[] IS NULL OR code = ANY($1) ORDER BY sort_order, code`,
      [codes ? [...codes] : null],
    );
  }

  /** Classes by `id|year` keys, each valued for its year. */
  async classesByIdAndYear(
    keys: ReadonlyArray<{ id: string; year: number }>,
    db: Queryable = this.db,
  ) {
    const valid = keys.filter((k) => isUuid(k.id));
    if (valid.length === 0) return [];
    const rows: Array<Record<string, unknown>> = await db.query(
      `SELECT ${CLASS_COLUMNS}
       FROM unnest($1::uuid[], $2::int[]) AS y(id, year) JOIN budgets.hb_class c ON c.id = y.id
       LEFT JOIN budgets.organiser_municipality om ON om.municipality_code = c.municipality_code`,
      [valid.map((k) => k.id), valid.map((k) => k.year)],
    );
    return rows.map(toClass);
  }

  /** Classes of service types in a municipality, valued for a year. */
  async classesOf(
    keys: ReadonlyArray<{ serviceType: string; municipalityCode: string; year: number }>,
  ) {
    if (keys.length === 0) return [];
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT ${CLASS_COLUMNS}
       FROM unnest($1::text[], $2::text[], $3::int[]) AS y(service_type, municipality_code, year)
       JOIN budgets.hb_class c ON c.service_type = y.service_type AND c.municipality_code = y.municipality_code
       LEFT JOIN budgets.organiser_municipality om ON om.municipality_code = c.municipality_code
       ORDER BY c.individual, c.level`,
      [
        keys.map((k) => k.serviceType),
        keys.map((k) => k.municipalityCode),
        keys.map((k) => k.year),
      ],
    );
    return rows.map(toClass);
  }

  /** Sets the organiser's value of a class level from a year on, for all its municipalities. */
  async setOrganiserValue(
    db: Queryable,
    cls: { organiserId: string; serviceTypeCode: string; level: number },
    year: number,
    cents: number,
    by: string,
  ): Promise<void> {
    await db.query(
      `INSERT INTO budgets.organiser_class_value (organiser_id, service_type, level, year, unit_price_cents, set_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (organiser_id, service_type, level, year) DO UPDATE
         SET unit_price_cents = EXCLUDED.unit_price_cents, set_by = EXCLUDED.set_by, set_at = now()`,
      [cls.organiserId, cls.serviceTypeCode, cls.level, year, cents, by],
    );
  }

  /** The value of one municipality's class, where no organiser is known for it. */
  async setPrice(
    db: Queryable,
    hbClassId: string,
    year: number,
    cents: number,
    by: string,
  ): Promise<void> {
    await db.query(
      `INSERT INTO budgets.hb_class_price (hb_class_id, year, unit_price_cents, set_by)
       VALUES ($1, $2, $3, $4)
       ON CONFLICT (hb_class_id, year) DO UPDATE
         SET unit_price_cents = EXCLUDED.unit_price_cents, set_by = EXCLUDED.set_by, set_at = now()`,
      [hbClassId, year, cents, by],
    );
  }
}

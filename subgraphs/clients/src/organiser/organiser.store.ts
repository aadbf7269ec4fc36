import type { DataSource } from 'typeorm';
import type { OrganiserKind } from '@hb/kit';

export interface OrganiserRow {
  id: string;
  name: string;
  nameSv: string | null;
  kind: OrganiserKind;
}

export interface OrganiserMunicipalityRow {
  code: string;
  name: string;
  nameSv: string | null;
  organiserId: string;
}

const COLUMNS = `id, name, name_sv AS "nameSv", kind`;

/** SQL for organisers and the municipalities linked to them. */
export class OrganiserStore {
  constructor(private readonly db: DataSource) {}

  all(): Promise<OrganiserRow[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM clients.organiser ORDER BY name`);
  }

  byIds(ids: readonly string[]): Promise<OrganiserRow[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM clients.organiser WHERE id = ANY($1)`, [[...ids]]);
  }

  municipalitiesOf(ids: readonly string[]): Promise<OrganiserMunicipalityRow[]> {
    return this.db.query(
      `SELECT code, name, name_sv AS "nameSv", organiser_id AS "organiserId"
         FROM clients.municipality WHERE organiser_id = ANY($1) ORDER BY name`,
      [[...ids]],
    );
  }
}

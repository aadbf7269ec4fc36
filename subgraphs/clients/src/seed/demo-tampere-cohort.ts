import type { EntityManager } from 'typeorm';
import { DEMO, TAMPERE_COHORT } from '@hb/kit';

/**
 * The Tampere cohort's clients (see TAMPERE_COHORT): in implementation, with the demo own
 * worker and HB adviser, so that the organiser's report has groups large enough to show.
 */
export async function seedTampereCohortClients(m: EntityManager): Promise<void> {
  for (const c of TAMPERE_COHORT) {
    await m.query(
      `INSERT INTO clients.client (id, first_name, last_name, date_of_birth, municipality_code,
         own_worker_id, adviser_id, process_phase)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'IMPLEMENTATION')`,
      [c.id, c.firstName, c.lastName, c.dateOfBirth, DEMO.tampere, DEMO.workerId, DEMO.adviserId],
    );
  }
}

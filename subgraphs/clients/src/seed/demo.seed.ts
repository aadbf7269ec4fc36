import type { DataSource } from 'typeorm';
import { DEMO, PIRKANMAA_ORGANISER_ID, type Logger } from '@hb/kit';
import { seedTampereCohortClients } from './demo-tampere-cohort';

/** Pirkanmaa's municipalities with their official codes and Swedish names. */
export const PIRKANMAA_MUNICIPALITIES: Array<[code: string, name: string, nameSv: string | null]> =
  [
    ['020', 'Akaa', null],
    ['108', 'Hämeenkyrö', 'Tavastkyro'],
    ['143', 'Ikaalinen', 'Ikalis'],
    ['177', 'Juupajoki', null],
    ['211', 'Kangasala', null],
    ['250', 'Kihniö', null],
    ['291', 'Kuhmoinen', null],
    ['418', 'Lempäälä', null],
    ['508', 'Mänttä-Vilppula', null],
    ['536', 'Nokia', null],
    ['562', 'Orivesi', null],
    ['581', 'Parkano', null],
    ['604', 'Pirkkala', 'Birkala'],
    ['619', 'Punkalaidun', null],
    ['635', 'Pälkäne', null],
    ['702', 'Ruovesi', null],
    ['790', 'Sastamala', null],
    ['837', 'Tampere', 'Tammerfors'],
    ['887', 'Urjala', null],
    ['908', 'Valkeakoski', null],
    ['922', 'Vesilahti', null],
    ['936', 'Virrat', 'Virdois'],
    ['980', 'Ylöjärvi', null],
  ];

/**
 * The demo world of `pnpm start`: Pirkanmaa's municipalities, an HB adviser, an own worker,
 * organiser staff, Essi (20, Tampere) with her team, and a few other clients. Runs only on an
 * empty database.
 */
export async function seedClientsDemo(db: DataSource, logger: Logger): Promise<void> {
  const [{ count }] = await db.query<[{ count: number }]>(
    `SELECT count(*)::int AS count FROM clients.municipality`,
  );
  if (count > 0) return;
  await db.transaction(async (m) => {
    for (const [code, name, nameSv] of PIRKANMAA_MUNICIPALITIES) {
      // Every demo municipality is Pirkanmaan hyvinvointialue's (the organiser row comes from
      // the migration 1796300000120-Organisers).
      await m.query(
        `INSERT INTO clients.municipality (code, name, name_sv, organiser_id) VALUES ($1, $2, $3, $4)`,
        [code, name, nameSv, PIRKANMAA_ORGANISER_ID],
      );
    }
    const staff: Array<[string, string, string, string, string]> = [
      [DEMO.adviserId, 'Hanna Neuvonen', 'HB_ADVISER', '837', 'hanna.neuvonen@hb-keskus.example'],
      [DEMO.workerId, 'Olli Omatyö', 'OWN_WORKER', '837', 'olli.omatyo@tampere.example'],
      [DEMO.organiserId, 'Jaana Järjestäjä', 'ORGANISER', '837', 'jaana.jarjestaja@pirha.example'],
    ];
    for (const row of staff) {
      await m.query(
        `INSERT INTO clients.staff_member (id, name, role, municipality_code, email) VALUES ($1, $2, $3, $4, $5)`,
        row,
      );
    }
    const clients: Array<[string | null, string, string, string, string, string]> = [
      [DEMO.essiClientId, 'Essi', 'Esimerkki', '2002-03-14', '837', 'IMPLEMENTATION'],
      [null, 'Matti', 'Mäkinen', '1988-11-02', '837', 'PLANNING'],
      [null, 'Aino', 'Virtanen', '2009-05-21', '536', 'ASSESSMENT'],
      [null, 'Juha', 'Korhonen', '1975-01-30', '980', 'BUDGET_DEFINITION'],
      [null, 'Liisa', 'Nieminen', '1999-08-08', '211', 'DECISIONS'],
      [null, 'Pekka', 'Laine', '1962-12-12', '418', 'NEEDS_IDENTIFIED'],
    ];
    for (const [id, first, last, born, municipality, phase] of clients) {
      await m.query(
        `INSERT INTO clients.client (id, first_name, last_name, date_of_birth, municipality_code,
           own_worker_id, adviser_id, process_phase)
         VALUES (coalesce($1::uuid, gen_random_uuid()), $2, $3, $4, $5, $6, $7, $8)`,
        [id, first, last, born, municipality, DEMO.workerId, DEMO.adviserId, phase],
      );
    }
    await seedTampereCohortClients(m);
    await m.query(
      `INSERT INTO clients.team_member (id, client_id, name, role, relation, email, phone) VALUES
       ($1, $2, 'Marja Esimerkki', 'RELATIVE', 'äiti', 'marja@example.fi', '+358 40 123 4567'),
       (gen_random_uuid(), $2, 'Timo Tukena', 'SUPPORT_PERSON', 'tukihenkilö', NULL, NULL),
       (gen_random_uuid(), $2, 'Hanna Neuvonen', 'HB_ADVISER', NULL, 'hanna.neuvonen@hb-keskus.example', NULL)`,
      [DEMO.essiTeamMemberId, DEMO.essiClientId],
    );
    await m.query(
      `INSERT INTO clients.consent (client_id, team_member_id, scopes, valid_from, granted_by)
       VALUES ($1, $2, ARRAY['BUDGET', 'PLAN'], date_trunc('year', now())::date, $3)`,
      [DEMO.essiClientId, DEMO.essiTeamMemberId, DEMO.essiClientId],
    );
  });
  logger.info('seeded demo clients');
}

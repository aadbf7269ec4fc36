import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The process phase with its history (issue 17 item 2): who moved a client to which phase and
 * when. Existing clients get their current phase as the first entry, dated when they were
 * created and attributed to the system (who set it then was not recorded).
 */
export class ProcessPhaseHistory1796100000110 implements MigrationInterface {
  name = 'ProcessPhaseHistory1796100000110';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE clients.process_phase_change (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        client_id uuid NOT NULL REFERENCES clients.client(id) ON DELETE CASCADE,
        from_phase text,
        to_phase text NOT NULL,
        actor_id text NOT NULL,
        actor_role text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX process_phase_change_client_idx ON clients.process_phase_change (client_id, at DESC, id DESC)`,
    );
    await q.query(`
      INSERT INTO clients.process_phase_change (client_id, from_phase, to_phase, actor_id, actor_role, at)
      SELECT id, NULL, process_phase, 'system', 'SYSTEM', created_at FROM clients.client`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE clients.process_phase_change`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The plan from proposal to acceptance (issue 17 item 3, issue 16 item 3).
 * - A draft is sent to the client (`sent_at`); staff who record the acceptance on her behalf
 *   give the reason (`accepted_reason`); a plan started from the client's proposal names it.
 * - The client's own proposal (oma ehdotus) with her self-assessment: one per client, written
 *   by her (or her team member with plan consent), seen by staff once she submits it.
 */
export class PlanWorkflow1796100000400 implements MigrationInterface {
  name = 'PlanWorkflow1796100000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE plans.proposal (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        client_id uuid NOT NULL UNIQUE,
        wishes text NOT NULL DEFAULT '',
        needs text NOT NULL DEFAULT '',
        goals text NOT NULL DEFAULT '',
        self_assessment jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(self_assessment) = 'array'),
        choices jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(choices) = 'array'),
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'SUBMITTED')),
        submitted_at timestamptz,
        updated_by_role text NOT NULL CHECK (updated_by_role IN ('CLIENT', 'TEAM_MEMBER')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'SUBMITTED') = (submitted_at IS NOT NULL))
      )`);
    await q.query(`
      ALTER TABLE plans.implementation_plan
        ADD COLUMN sent_at timestamptz,
        ADD COLUMN sent_by text,
        ADD COLUMN accepted_reason text,
        ADD COLUMN proposal_id uuid REFERENCES plans.proposal(id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE plans.implementation_plan
        DROP COLUMN proposal_id, DROP COLUMN accepted_reason, DROP COLUMN sent_by,
        DROP COLUMN sent_at`);
    await q.query(`DROP TABLE plans.proposal`);
  }
}

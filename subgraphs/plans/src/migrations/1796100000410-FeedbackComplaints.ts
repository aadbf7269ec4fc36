import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Feedback and complaints handled by the HB centre (issue 17 item 5). Feedback gets the
 * author's wish to stay anonymous (then staff see no author fields) and the centre's answer.
 * A complaint (reklamaatio) is a case: RECEIVED → IN_PROGRESS → ANSWERED → CLOSED, with the
 * response of the provider it concerns.
 */
export class FeedbackComplaints1796100000410 implements MigrationInterface {
  name = 'FeedbackComplaints1796100000410';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE plans.feedback
        ADD COLUMN anonymous boolean NOT NULL DEFAULT false,
        ADD COLUMN answer text,
        ADD COLUMN answered_at timestamptz,
        ADD COLUMN answered_by text,
        ADD CONSTRAINT feedback_answer_ck CHECK ((answer IS NULL) = (answered_at IS NULL))`);
    await q.query(
      `CREATE INDEX feedback_municipality_idx ON plans.feedback (municipality_code, at DESC, id DESC)`,
    );
    await q.query(`
      CREATE TABLE plans.complaint (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        client_id uuid NOT NULL,
        municipality_code varchar(3) NOT NULL CHECK (municipality_code ~ '^[0-9]{3}$'),
        provider_id uuid,
        text text NOT NULL CHECK (length(trim(text)) > 0),
        author_role text NOT NULL CHECK (author_role IN ('CLIENT', 'TEAM_MEMBER')),
        status text NOT NULL DEFAULT 'RECEIVED'
          CHECK (status IN ('RECEIVED', 'IN_PROGRESS', 'ANSWERED', 'CLOSED')),
        provider_response text,
        provider_responded_at timestamptz,
        answer text,
        answered_at timestamptz,
        answered_by text,
        closed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((provider_response IS NULL) = (provider_responded_at IS NULL)),
        CHECK ((answer IS NULL) = (answered_at IS NULL)),
        CHECK (status NOT IN ('ANSWERED', 'CLOSED') OR answer IS NOT NULL),
        CHECK ((status = 'CLOSED') = (closed_at IS NOT NULL))
      )`);
    await q.query(
      `CREATE INDEX complaint_municipality_idx ON plans.complaint (municipality_code, created_at DESC, id DESC)`,
    );
    await q.query(
      `CREATE INDEX complaint_provider_idx ON plans.complaint (provider_id, created_at DESC, id DESC)`,
    );
    await q.query(`CREATE INDEX complaint_client_idx ON plans.complaint (client_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE plans.complaint`);
    await q.query(`DROP INDEX plans.feedback_municipality_idx`);
    await q.query(`
      ALTER TABLE plans.feedback DROP CONSTRAINT feedback_answer_ck,
        DROP COLUMN answered_by, DROP COLUMN answered_at, DROP COLUMN answer,
        DROP COLUMN anonymous`);
  }
}

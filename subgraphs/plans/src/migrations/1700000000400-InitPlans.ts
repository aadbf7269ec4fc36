import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Implementation plans (toteutussuunnitelma) and what hangs off them. Every version of a plan
 * is its own row; goals, participants and allocations belong to one version and are copied
 * into the next. `lineage_id` ties a goal (or allocation) to its copies in other versions, so
 * that goal reviews and provider switches follow it across versions.
 * Clients, budgets and providers live in other services: their ids are plain uuids here.
 */
export class InitPlans1700000000400 implements MigrationInterface {
  name = 'InitPlans1700000000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE plans.implementation_plan (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        client_id uuid NOT NULL,
        municipality_code varchar(3) NOT NULL CHECK (municipality_code ~ '^[0-9]{3}$'),
        year int NOT NULL CHECK (year BETWEEN 2000 AND 2100),
        version int NOT NULL CHECK (version >= 1),
        status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'ACCEPTED', 'SUPERSEDED')),
        support_needs text NOT NULL DEFAULT '',
        practical_plan text NOT NULL DEFAULT '',
        accepted_at timestamptz,
        accepted_by text,
        accepted_by_role text,
        accepted_on_behalf boolean,
        previous_version_id uuid REFERENCES plans.implementation_plan(id),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (client_id, year, version),
        CHECK ((status = 'DRAFT') = (accepted_at IS NULL)),
        CHECK ((accepted_at IS NULL) = (accepted_by IS NULL))
      )`);
    // At most one draft and one plan in force per client and year.
    await q.query(
      `CREATE UNIQUE INDEX plan_one_draft_idx ON plans.implementation_plan (client_id, year) WHERE status = 'DRAFT'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX plan_one_accepted_idx ON plans.implementation_plan (client_id, year) WHERE status = 'ACCEPTED'`,
    );
    await q.query(
      `CREATE INDEX plan_client_idx ON plans.implementation_plan (client_id, year, version)`,
    );
    await q.query(
      `CREATE INDEX plan_municipality_idx ON plans.implementation_plan (municipality_code, year)`,
    );

    await q.query(`
      CREATE TABLE plans.goal (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plans.implementation_plan(id) ON DELETE CASCADE,
        lineage_id uuid NOT NULL,
        position int NOT NULL,
        description text NOT NULL CHECK (length(trim(description)) > 0),
        indicator text,
        review_dates date[] NOT NULL DEFAULT '{}',
        UNIQUE (plan_id, lineage_id)
      )`);
    await q.query(`CREATE INDEX goal_plan_idx ON plans.goal (plan_id, position)`);
    await q.query(`CREATE INDEX goal_lineage_idx ON plans.goal (lineage_id)`);

    await q.query(`
      CREATE TABLE plans.goal_review (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        goal_id uuid NOT NULL REFERENCES plans.goal(id),
        reviewed_at date NOT NULL,
        attainment int NOT NULL CHECK (attainment BETWEEN 0 AND 100),
        note text,
        reviewer text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX goal_review_goal_idx ON plans.goal_review (goal_id)`);

    await q.query(`
      CREATE TABLE plans.participant (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plans.implementation_plan(id) ON DELETE CASCADE,
        position int NOT NULL,
        name text NOT NULL CHECK (length(trim(name)) > 0),
        role text NOT NULL CHECK (role IN ('CLIENT', 'OWN_WORKER', 'HB_ADVISER', 'TEAM_MEMBER', 'OTHER')),
        responsibility text
      )`);
    await q.query(`CREATE INDEX participant_plan_idx ON plans.participant (plan_id, position)`);

    await q.query(`
      CREATE TABLE plans.allocation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        plan_id uuid NOT NULL REFERENCES plans.implementation_plan(id) ON DELETE CASCADE,
        lineage_id uuid NOT NULL,
        position int NOT NULL,
        budget_id uuid NOT NULL,
        service_type text NOT NULL,
        provider_id uuid,
        offering_id uuid,
        amount_cents bigint NOT NULL CHECK (amount_cents > 0),
        description text NOT NULL DEFAULT '',
        discretionary_reason text,
        CHECK (offering_id IS NULL OR provider_id IS NOT NULL),
        UNIQUE (plan_id, lineage_id)
      )`);
    await q.query(`CREATE INDEX allocation_plan_idx ON plans.allocation (plan_id, position)`);
    await q.query(`CREATE INDEX allocation_budget_idx ON plans.allocation (budget_id)`);
    await q.query(`CREATE INDEX allocation_provider_idx ON plans.allocation (provider_id)`);
    await q.query(`CREATE INDEX allocation_lineage_idx ON plans.allocation (lineage_id)`);

    await q.query(`
      CREATE TABLE plans.provider_switch (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        allocation_lineage_id uuid NOT NULL,
        plan_id uuid NOT NULL REFERENCES plans.implementation_plan(id),
        municipality_code varchar(3) NOT NULL,
        service_type text NOT NULL,
        from_provider uuid,
        to_provider uuid NOT NULL,
        reason text NOT NULL CHECK (length(trim(reason)) > 0),
        discretionary_reason text,
        actor text NOT NULL,
        actor_role text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX provider_switch_lineage_idx ON plans.provider_switch (allocation_lineage_id, at)`,
    );
    await q.query(
      `CREATE INDEX provider_switch_report_idx ON plans.provider_switch (municipality_code, at)`,
    );

    // Feedback is anonymous: only the author's role is kept, never who they are.
    await q.query(`
      CREATE TABLE plans.feedback (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        client_id uuid NOT NULL,
        municipality_code varchar(3),
        plan_id uuid REFERENCES plans.implementation_plan(id),
        provider_id uuid,
        rating int NOT NULL CHECK (rating BETWEEN 1 AND 5),
        text text NOT NULL DEFAULT '',
        author_role text NOT NULL CHECK (author_role IN ('CLIENT', 'TEAM_MEMBER')),
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX feedback_provider_idx ON plans.feedback (provider_id, at)`);
    await q.query(`CREATE INDEX feedback_client_idx ON plans.feedback (client_id, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'feedback',
      'provider_switch',
      'allocation',
      'participant',
      'goal_review',
      'goal',
      'implementation_plan',
    ]) {
      await q.query(`DROP TABLE IF EXISTS plans.${table}`);
    }
  }
}

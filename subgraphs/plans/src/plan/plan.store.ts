import { returnedRow, isUuid, type Queryable } from '@hb/kit';
import type { DataSource, EntityManager } from 'typeorm';
import type {
  AllocationRow,
  FeedbackRow,
  GoalReviewRow,
  GoalRow,
  ParticipantRow,
  PlanContents,
  PlanRow,
  PlanStatus,
  ProviderSwitchRow,
} from './plan.model';

/** A data source or a transaction: anything that runs SQL (typed rows, see the kit). */
type Db = Queryable;

const PLAN_COLUMNS = `
  p.id, p.client_id AS "clientId", p.municipality_code AS "municipalityCode", p.year, p.version,
  p.status, p.support_needs AS "supportNeeds", p.practical_plan AS "practicalPlan",
  p.accepted_at AS "acceptedAt", p.accepted_by AS "acceptedBy", p.accepted_by_role AS "acceptedByRole",
  p.accepted_on_behalf AS "acceptedOnBehalf", p.previous_version_id AS "previousVersionId",
  p.sent_at AS "sentAt", p.sent_by AS "sentBy", p.accepted_reason AS "acceptedReason",
  p.proposal_id AS "proposalId",
  p.created_by AS "createdBy", p.created_at AS "createdAt", p.updated_at AS "updatedAt"`;

const GOAL_COLUMNS = `
  g.id, g.plan_id AS "planId", g.lineage_id AS "lineageId", g.position, g.description, g.indicator,
  g.review_dates::text[] AS "reviewDates"`;

const PARTICIPANT_COLUMNS = `
  x.id, x.plan_id AS "planId", x.position, x.name, x.role, x.responsibility`;

const ALLOCATION_COLUMNS = `
  a.id, a.plan_id AS "planId", a.lineage_id AS "lineageId", a.position, a.budget_id AS "budgetId",
  a.service_type AS "serviceType", a.provider_id AS "providerId", a.offering_id AS "offeringId",
  a.amount_cents::text AS "amountCents", a.description, a.discretionary_reason AS "discretionaryReason"`;

const SWITCH_COLUMNS = `
  s.id, s.allocation_lineage_id AS "allocationLineageId", s.plan_id AS "planId",
  s.municipality_code AS "municipalityCode", s.service_type AS "serviceType",
  s.from_provider AS "fromProvider", s.to_provider AS "toProvider", s.reason,
  s.discretionary_reason AS "discretionaryReason", s.actor, s.actor_role AS "actorRole", s.at`;

const FEEDBACK_COLUMNS = `
  f.id, f.client_id AS "clientId", f.municipality_code AS "municipalityCode", f.plan_id AS "planId",
  f.provider_id AS "providerId", f.rating, f.text, f.author_role AS "authorRole", f.at`;

const toAllocation = (
  row: Omit<AllocationRow, 'amountCents'> & { amountCents: unknown },
): AllocationRow => ({
  ...row,
  amountCents: Number(row.amountCents),
});

const uuids = (ids: readonly string[]) => [...new Set(ids.filter(isUuid))];

/** SQL for plans, their versions and contents. Every batch read is one statement. */
export class PlanStore {
  constructor(readonly db: DataSource) {}

  async plansByIds(ids: readonly string[], db: Db = this.db): Promise<PlanRow[]> {
    const valid = uuids(ids);
    if (valid.length === 0) return [];
    return db.query(
      `SELECT ${PLAN_COLUMNS} FROM plans.implementation_plan p WHERE p.id = ANY($1::uuid[])`,
      [valid],
    );
  }

  /** Every version of the clients' plans, by year and version. */
  async plansByClientIds(ids: readonly string[]): Promise<PlanRow[]> {
    const valid = uuids(ids);
    if (valid.length === 0) return [];
    return this.db.query(
      `SELECT ${PLAN_COLUMNS} FROM plans.implementation_plan p
       WHERE p.client_id = ANY($1::uuid[]) ORDER BY p.year DESC, p.version DESC`,
      [valid],
    );
  }

  async goalsByPlanIds(ids: readonly string[], db: Db = this.db): Promise<GoalRow[]> {
    return db.query(
      `SELECT ${GOAL_COLUMNS} FROM plans.goal g WHERE g.plan_id = ANY($1::uuid[]) ORDER BY g.position`,
      [uuids(ids)],
    );
  }

  async goalsByIds(ids: readonly string[]): Promise<GoalRow[]> {
    return this.db.query(`SELECT ${GOAL_COLUMNS} FROM plans.goal g WHERE g.id = ANY($1::uuid[])`, [
      uuids(ids),
    ]);
  }

  async participantsByPlanIds(ids: readonly string[], db: Db = this.db): Promise<ParticipantRow[]> {
    return db.query(
      `SELECT ${PARTICIPANT_COLUMNS} FROM plans.participant x WHERE x.plan_id = ANY($1::uuid[]) ORDER BY x.position`,
      [uuids(ids)],
    );
  }

  async allocationsByPlanIds(ids: readonly string[], db: Db = this.db): Promise<AllocationRow[]> {
    const rows: AllocationRow[] = await db.query(
      `SELECT ${ALLOCATION_COLUMNS} FROM plans.allocation a WHERE a.plan_id = ANY($1::uuid[]) ORDER BY a.position`,
      [uuids(ids)],
    );
    return rows.map(toAllocation);
  }

  async allocationsByIds(ids: readonly string[]): Promise<AllocationRow[]> {
    const rows: AllocationRow[] = await this.db.query(
      `SELECT ${ALLOCATION_COLUMNS} FROM plans.allocation a WHERE a.id = ANY($1::uuid[])`,
      [uuids(ids)],
    );
    return rows.map(toAllocation);
  }

  /** Allocations of the plans in force (ACCEPTED) to these budgets. */
  async acceptedAllocationsByBudgetIds(ids: readonly string[]): Promise<AllocationRow[]> {
    const rows: AllocationRow[] = await this.db.query(
      `SELECT ${ALLOCATION_COLUMNS} FROM plans.allocation a
       JOIN plans.implementation_plan p ON p.id = a.plan_id AND p.status = 'ACCEPTED'
       WHERE a.budget_id = ANY($1::uuid[]) ORDER BY a.position`,
      [uuids(ids)],
    );
    return rows.map(toAllocation);
  }

  /** Reviews of goals by lineage: a goal shows the reviews of all its versions. */
  async reviewsByLineageIds(ids: readonly string[]): Promise<GoalReviewRow[]> {
    return this.db.query(
      `SELECT r.id, r.goal_id AS "goalId", g.lineage_id AS "lineageId", r.reviewed_at::text AS "reviewedAt",
              r.attainment, r.note, r.reviewer
       FROM plans.goal_review r JOIN plans.goal g ON g.id = r.goal_id
       WHERE g.lineage_id = ANY($1::uuid[]) ORDER BY r.reviewed_at, r.recorded_at`,
      [uuids(ids)],
    );
  }

  async switchesByLineageIds(ids: readonly string[]): Promise<ProviderSwitchRow[]> {
    return this.db.query(
      `SELECT ${SWITCH_COLUMNS} FROM plans.provider_switch s
       WHERE s.allocation_lineage_id = ANY($1::uuid[]) ORDER BY s.at`,
      [uuids(ids)],
    );
  }

  /** Locks a plan for a change; concurrent changes of the same plan wait here. */
  async lockPlan(m: EntityManager, id: string): Promise<PlanRow | null> {
    if (!isUuid(id)) return null;
    const rows: PlanRow[] = await m.query(
      `SELECT ${PLAN_COLUMNS} FROM plans.implementation_plan p WHERE p.id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** The newest version of a client's plan for a year. */
  async latestVersion(db: Db, clientId: string, year: number): Promise<PlanRow | null> {
    const rows: PlanRow[] = await db.query(
      `SELECT ${PLAN_COLUMNS} FROM plans.implementation_plan p
       WHERE p.client_id = $1 AND p.year = $2 ORDER BY p.version DESC LIMIT 1`,
      [clientId, year],
    );
    return rows[0] ?? null;
  }

  async insertPlan(
    m: EntityManager,
    v: Pick<
      PlanRow,
      | 'clientId'
      | 'municipalityCode'
      | 'year'
      | 'version'
      | 'supportNeeds'
      | 'practicalPlan'
      | 'previousVersionId'
      | 'createdBy'
    > & { proposalId?: string | null },
  ): Promise<string> {
    const rows: Array<{ id: string }> = await m.query(
      `INSERT INTO plans.implementation_plan
         (client_id, municipality_code, year, version, support_needs, practical_plan, previous_version_id, created_by, proposal_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        v.clientId,
        v.municipalityCode,
        v.year,
        v.version,
        v.supportNeeds,
        v.practicalPlan,
        v.previousVersionId,
        v.createdBy,
        v.proposalId ?? null,
      ],
    );
    return returnedRow(rows).id;
  }

  async updateTexts(
    m: EntityManager,
    id: string,
    v: { supportNeeds: string; practicalPlan: string },
  ): Promise<void> {
    await m.query(
      `UPDATE plans.implementation_plan SET support_needs = $2, practical_plan = $3, updated_at = now() WHERE id = $1`,
      [id, v.supportNeeds, v.practicalPlan],
    );
  }

  async touch(m: EntityManager, id: string): Promise<void> {
    await m.query(`UPDATE plans.implementation_plan SET updated_at = now() WHERE id = $1`, [id]);
  }

  async replaceGoals(
    m: EntityManager,
    planId: string,
    goals: PlanContents['goals'],
  ): Promise<void> {
    await m.query(`DELETE FROM plans.goal WHERE plan_id = $1`, [planId]);
    if (goals.length === 0) return;
    await m.query(
      `INSERT INTO plans.goal (plan_id, lineage_id, position, description, indicator, review_dates)
       SELECT $1, x."lineageId", x.position, x.description, x.indicator, x."reviewDates"
       FROM jsonb_to_recordset($2::jsonb) AS x("lineageId" uuid, position int, description text, indicator text, "reviewDates" date[])`,
      [planId, JSON.stringify(goals)],
    );
  }

  async replaceParticipants(
    m: EntityManager,
    planId: string,
    participants: PlanContents['participants'],
  ): Promise<void> {
    await m.query(`DELETE FROM plans.participant WHERE plan_id = $1`, [planId]);
    if (participants.length === 0) return;
    await m.query(
      `INSERT INTO plans.participant (plan_id, position, name, role, responsibility)
       SELECT $1, x.position, x.name, x.role, x.responsibility
       FROM jsonb_to_recordset($2::jsonb) AS x(position int, name text, role text, responsibility text)`,
      [planId, JSON.stringify(participants)],
    );
  }

  async replaceAllocations(
    m: EntityManager,
    planId: string,
    allocations: PlanContents['allocations'],
  ): Promise<void> {
    await m.query(`DELETE FROM plans.allocation WHERE plan_id = $1`, [planId]);
    if (allocations.length === 0) return;
    await m.query(
      `INSERT INTO plans.allocation (plan_id, lineage_id, position, budget_id, service_type, provider_id,
         offering_id, amount_cents, description, discretionary_reason)
       SELECT $1, x."lineageId", x.position, x."budgetId", x."serviceType", x."providerId", x."offeringId",
         x."amountCents", x.description, x."discretionaryReason"
       FROM jsonb_to_recordset($2::jsonb) AS x("lineageId" uuid, position int, "budgetId" uuid, "serviceType" text,
         "providerId" uuid, "offeringId" uuid, "amountCents" bigint, description text, "discretionaryReason" text)`,
      [planId, JSON.stringify(allocations)],
    );
  }

  /** Marks a draft as sent to the client (again: the newest sending counts). */
  async markSent(m: EntityManager, id: string, by: string): Promise<void> {
    await m.query(
      `UPDATE plans.implementation_plan SET sent_at = now(), sent_by = $2, updated_at = now() WHERE id = $1`,
      [id, by],
    );
  }

  async setStatus(m: EntityManager, id: string, status: PlanStatus): Promise<void> {
    await m.query(
      `UPDATE plans.implementation_plan SET status = $2, updated_at = now() WHERE id = $1`,
      [id, status],
    );
  }

  /** Supersedes the plan in force (if any), then accepts this version. */
  async accept(
    m: EntityManager,
    plan: Pick<PlanRow, 'id' | 'clientId' | 'year'>,
    actor: { id: string; role: string; onBehalf: boolean; reason: string | null },
  ): Promise<void> {
    await m.query(
      `UPDATE plans.implementation_plan SET status = 'SUPERSEDED', updated_at = now()
       WHERE client_id = $1 AND year = $2 AND status = 'ACCEPTED'`,
      [plan.clientId, plan.year],
    );
    await m.query(
      `UPDATE plans.implementation_plan SET status = 'ACCEPTED', accepted_at = now(), accepted_by = $2,
         accepted_by_role = $3, accepted_on_behalf = $4, accepted_reason = $5, updated_at = now()
       WHERE id = $1`,
      [plan.id, actor.id, actor.role, actor.onBehalf, actor.reason],
    );
  }

  async insertReview(
    m: EntityManager,
    v: {
      goalId: string;
      reviewedAt: string;
      attainment: number;
      note: string | null;
      reviewer: string;
    },
  ): Promise<void> {
    await m.query(
      `INSERT INTO plans.goal_review (goal_id, reviewed_at, attainment, note, reviewer) VALUES ($1, $2, $3, $4, $5)`,
      [v.goalId, v.reviewedAt, v.attainment, v.note, v.reviewer],
    );
  }

  /** Moves the allocation (and its copy in an open draft) to another provider. */
  async moveAllocation(
    m: EntityManager,
    allocation: Pick<AllocationRow, 'lineageId'>,
    clientPlanIds: string[],
    v: { providerId: string; offeringId: string | null; discretionaryReason: string | null },
  ): Promise<void> {
    await m.query(
      `UPDATE plans.allocation SET provider_id = $2, offering_id = $3, discretionary_reason = $4
       WHERE lineage_id = $1 AND plan_id = ANY($5::uuid[])`,
      [allocation.lineageId, v.providerId, v.offeringId, v.discretionaryReason, clientPlanIds],
    );
  }

  async insertSwitch(m: EntityManager, v: Omit<ProviderSwitchRow, 'id' | 'at'>): Promise<void> {
    await m.query(
      `INSERT INTO plans.provider_switch (allocation_lineage_id, plan_id, municipality_code, service_type,
         from_provider, to_provider, reason, discretionary_reason, actor, actor_role)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        v.allocationLineageId,
        v.planId,
        v.municipalityCode,
        v.serviceType,
        v.fromProvider,
        v.toProvider,
        v.reason,
        v.discretionaryReason,
        v.actor,
        v.actorRole,
      ],
    );
  }

  /** Switches in a municipality and year, for the organiser's report (no client ids). */
  async insertFeedback(
    m: EntityManager,
    v: Omit<FeedbackRow, 'id' | 'at'> & { anonymous?: boolean },
  ): Promise<FeedbackRow> {
    const rows: FeedbackRow[] = await m.query(
      `INSERT INTO plans.feedback AS f (client_id, municipality_code, plan_id, provider_id, rating, text, author_role, anonymous)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING ${FEEDBACK_COLUMNS}`,
      [
        v.clientId,
        v.municipalityCode,
        v.planId,
        v.providerId,
        v.rating,
        v.text,
        v.authorRole,
        v.anonymous ?? false,
      ],
    );
    return returnedRow(rows);
  }
}

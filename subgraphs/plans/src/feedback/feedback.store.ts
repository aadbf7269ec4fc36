import { returnedRow, isUuid, type Queryable } from '@hb/kit';
import type { DataSource, EntityManager } from 'typeorm';
import type { ComplaintStatus } from './complaint.rules';
import type { ComplaintRow, FeedbackEntryRow, Position } from './feedback.model';

const FEEDBACK = `
  f.id, f.client_id AS "clientId", f.municipality_code AS "municipalityCode", f.plan_id AS "planId",
  f.provider_id AS "providerId", f.rating, f.text, f.author_role AS "authorRole", f.anonymous,
  f.answer, f.answered_at AS "answeredAt", f.at`;

const COMPLAINT = `
  c.id, c.client_id AS "clientId", c.municipality_code AS "municipalityCode",
  c.provider_id AS "providerId", c.text, c.author_role AS "authorRole", c.status,
  c.provider_response AS "providerResponse", c.provider_responded_at AS "providerRespondedAt",
  c.answer, c.answered_at AS "answeredAt", c.closed_at AS "closedAt",
  c.created_at AS "createdAt", c.updated_at AS "updatedAt"`;

/** One page, newest first: `limit + 1` rows tell whether there is a next page. */
export interface PageQuery {
  after: Position | null;
  limit: number;
}

/** SQL for reading and answering feedback and for complaints. */
export class FeedbackStore {
  constructor(readonly db: DataSource) {}

  async feedbackPage(
    filter: { municipalities: string[]; providerId: string | null; answered: boolean | null },
    page: PageQuery,
  ): Promise<{ rows: FeedbackEntryRow[]; total: number }> {
    const counted: Array<{ n: string }> = await this.db.query(
      `SELECT count(*) AS n FROM plans.feedback f
        WHERE f.municipality_code = ANY($1::text[])
          AND ($2::uuid IS NULL OR f.provider_id = $2)
          AND ($3::boolean IS NULL OR (f.answer IS NOT NULL) = $3)`,
      [filter.municipalities, filter.providerId, filter.answered],
    );
    const rows: FeedbackEntryRow[] = await this.db.query(
      `SELECT ${FEEDBACK} FROM plans.feedback f
        WHERE f.municipality_code = ANY($1::text[])
          AND ($2::uuid IS NULL OR f.provider_id = $2)
          AND ($3::boolean IS NULL OR (f.answer IS NOT NULL) = $3)
          AND ($4::timestamptz IS NULL OR (f.at, f.id) < ($4, $5::uuid))
        ORDER BY f.at DESC, f.id DESC LIMIT $6`,
      [
        filter.municipalities,
        filter.providerId,
        filter.answered,
        page.after?.at ?? null,
        page.after?.id ?? null,
        page.limit + 1,
      ],
    );
    return { rows, total: Number(counted[0]?.n ?? 0) };
  }

  async lockFeedback(m: EntityManager, id: string): Promise<FeedbackEntryRow | null> {
    if (!isUuid(id)) return null;
    const rows: FeedbackEntryRow[] = await m.query(
      `SELECT ${FEEDBACK} FROM plans.feedback f WHERE f.id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }

  async answerFeedback(m: EntityManager, id: string, answer: string, by: string): Promise<void> {
    await m.query(
      `UPDATE plans.feedback SET answer = $2, answered_at = now(), answered_by = $3 WHERE id = $1`,
      [id, answer, by],
    );
  }

  async insertComplaint(
    m: EntityManager,
    v: Pick<ComplaintRow, 'clientId' | 'municipalityCode' | 'providerId' | 'text' | 'authorRole'>,
  ): Promise<string> {
    const rows: Array<{ id: string }> = await m.query(
      `INSERT INTO plans.complaint (client_id, municipality_code, provider_id, text, author_role)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [v.clientId, v.municipalityCode, v.providerId, v.text, v.authorRole],
    );
    return returnedRow(rows).id;
  }

  async complaintsByIds(ids: readonly string[], db: Queryable = this.db) {
    const valid = [...new Set(ids.filter(isUuid))];
    if (valid.length === 0) return [] as ComplaintRow[];
    return db.query<ComplaintRow[]>(
      `SELECT ${COMPLAINT} FROM plans.complaint c WHERE c.id = ANY($1::uuid[])`,
      [valid],
    );
  }

  async lockComplaint(m: EntityManager, id: string): Promise<ComplaintRow | null> {
    if (!isUuid(id)) return null;
    const rows: ComplaintRow[] = await m.query(
      `SELECT ${COMPLAINT} FROM plans.complaint c WHERE c.id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Complaints the caller may see: by municipality (staff), provider or client. */
  async complaintPage(
    scope: { municipalities: string[] | null; providerId: string | null; clientId: string | null },
    filter: { status: ComplaintStatus | null; providerId: string | null },
    page: PageQuery,
  ): Promise<{ rows: ComplaintRow[]; total: number }> {
    const counted: Array<{ n: string }> = await this.db.query(
      `SELECT count(*) AS n FROM plans.complaint c
        WHERE ($1::text[] IS NULL OR c.municipality_code = ANY($1::text[]))
          AND ($2::uuid IS NULL OR c.provider_id = $2)
          AND ($3::uuid IS NULL OR c.client_id = $3)
          AND ($4::text IS NULL OR c.status = $4)
          AND ($5::uuid IS NULL OR c.provider_id = $5)`,
      [scope.municipalities, scope.providerId, scope.clientId, filter.status, filter.providerId],
    );
    const rows: ComplaintRow[] = await this.db.query(
      `SELECT ${COMPLAINT} FROM plans.complaint c
        WHERE ($1::text[] IS NULL OR c.municipality_code = ANY($1::text[]))
          AND ($2::uuid IS NULL OR c.provider_id = $2)
          AND ($3::uuid IS NULL OR c.client_id = $3)
          AND ($4::text IS NULL OR c.status = $4)
          AND ($5::uuid IS NULL OR c.provider_id = $5)
          AND ($6::timestamptz IS NULL OR (c.created_at, c.id) < ($6, $7::uuid))
        ORDER BY c.created_at DESC, c.id DESC LIMIT $8`,
      [
        scope.municipalities,
        scope.providerId,
        scope.clientId,
        filter.status,
        filter.providerId,
        page.after?.at ?? null,
        page.after?.id ?? null,
        page.limit + 1,
      ],
    );
    return { rows, total: Number(counted[0]?.n ?? 0) };
  }

  async updateComplaint(
    m: EntityManager,
    id: string,
    v: {
      status: ComplaintStatus;
      providerResponse?: string;
      answer?: string;
      answeredBy?: string;
    },
  ): Promise<void> {
    await m.query(
      `UPDATE plans.complaint SET status = $2,
         provider_response = COALESCE($3, provider_response),
         provider_responded_at = CASE WHEN $3::text IS NULL THEN provider_responded_at ELSE now() END,
         answer = COALESCE($4, answer),
         answered_at = CASE WHEN $4::text IS NULL THEN answered_at ELSE now() END,
         answered_by = COALESCE($5, answered_by),
         closed_at = CASE WHEN $2 = 'CLOSED' THEN now() ELSE closed_at END,
         updated_at = now()
       WHERE id = $1`,
      [id, v.status, v.providerResponse ?? null, v.answer ?? null, v.answeredBy ?? null],
    );
  }
}

import {
  requirePrincipal,
  returnedRow,
  UserError,
  badInput,
  forbidden,
  isUuid,
  notFound,
  type RequestContext,
} from '@hb/kit';
import type { PlansLoaders } from '../shared/loaders';
import type { PlansStores } from '../shared/stores';
import type { Directories } from '../directory/directories';
import { planAccess } from '../plan/plan-access.policy';
import { complaintStep, type ComplaintStatus, type ComplaintStep } from './complaint.rules';
import { keysetPage, decodeCursor, type ComplaintRow } from './feedback.model';
import { feedbackAccess } from './feedback.policy';
import type { FeedbackStore } from './feedback.store';

export interface ComplaintResult {
  complaint: ComplaintRow | null;
  errors: UserError[];
}

const MAX_TEXT = 4000;

/**
 * Complaints (reklamaatiot) as cases: the client (or her team member with a consent in force)
 * files one about a provider or the HB centre; staff of her municipality take it up, answer
 * and close it; the provider it concerns responds. A case the caller may not see answers as a
 * missing one, so nobody learns that it exists.
 */
export class ComplaintService {
  constructor(
    private readonly stores: PlansStores,
    private readonly store: FeedbackStore,
    private readonly ctx: RequestContext,
    private readonly loaders: PlansLoaders,
    private readonly directories: Directories,
  ) {}

  async file(input: {
    clientId: string;
    providerId?: string | null;
    text: string;
  }): Promise<ComplaintResult> {
    const p = requirePrincipal(this.ctx);
    const scopes = planAccess.needsConsent(p, { clientId: input.clientId })
      ? await this.loaders.consentScopes.load(input.clientId)
      : [];
    if (!planAccess.canGiveFeedback(p, input.clientId, scopes))
      throw forbidden('Only the client and her team file a complaint.');
    const errors: UserError[] = [];
    const text = input.text.trim();
    if (!text || text.length > MAX_TEXT)
      errors.push(
        UserError.of(
          'VALIDATION',
          `Describe the complaint in at most ${MAX_TEXT} characters.`,
          'input.text',
        ),
      );
    if (input.providerId) {
      const provider = isUuid(input.providerId)
        ? await this.directories.providers.provider(input.providerId, this.ctx)
        : null;
      if (!provider)
        errors.push(UserError.of('UNKNOWN_PROVIDER', 'No such provider.', 'input.providerId'));
    }
    const client = await this.directories.clients.client(input.clientId, this.ctx);
    if (!client) errors.push(UserError.of('UNKNOWN_CLIENT', 'No such client.', 'input.clientId'));
    if (errors.length > 0 || !client) return { complaint: null, errors };
    const id = await this.stores.db.transaction(async (m) => {
      const created = await this.store.insertComplaint(m, {
        clientId: input.clientId,
        municipalityCode: client.municipalityCode,
        providerId: input.providerId ?? null,
        text,
        authorRole: p.role as 'CLIENT' | 'TEAM_MEMBER',
      });
      await this.ctx.accessLog.writeNow(m, [
        { clientId: input.clientId, action: 'CHANGE', subject: 'Complaint.filed' },
      ]);
      return created;
    });
    return { complaint: returnedRow(await this.store.complaintsByIds([id])), errors: [] };
  }

  /** One complaint under the reading rules (also `_entities`); null when not visible. */
  async get(id: string): Promise<ComplaintRow | null> {
    const p = requirePrincipal(this.ctx);
    const [row] = await this.store.complaintsByIds([id]);
    if (!row || !feedbackAccess.canReadComplaint(p, row)) throw notFound('No such complaint.');
    // Also the provider's read: the client sees that her complaint was read by it.
    this.ctx.accessLog.read('Complaint', [row.clientId]);
    return row;
  }

  async list(
    filter: { status?: ComplaintStatus | null; providerId?: string | null },
    first: number | null | undefined,
    after: string | null | undefined,
  ) {
    const p = requirePrincipal(this.ctx);
    let scope: {
      municipalities: string[] | null;
      providerId: string | null;
      clientId: string | null;
    };
    if (feedbackAccess.isStaff(p))
      scope = { municipalities: p.municipalities, providerId: null, clientId: null };
    else if (p.role === 'PROVIDER' && p.providerId)
      scope = { municipalities: null, providerId: p.providerId, clientId: null };
    else if (p.role === 'CLIENT' && p.clientId)
      scope = { municipalities: null, providerId: null, clientId: p.clientId };
    else throw forbidden('You may not read complaints.');
    const position = decodeCursor(after);
    if (position === 'invalid') throw badInput('Invalid cursor.');
    const limit = Math.min(Math.max(first ?? 20, 1), 100);
    const providerId = filter.providerId && isUuid(filter.providerId) ? filter.providerId : null;
    const { rows, total } =
      filter.providerId && !providerId
        ? { rows: [] as ComplaintRow[], total: 0 }
        : await this.store.complaintPage(
            scope,
            { status: filter.status ?? null, providerId },
            { after: position, limit },
          );
    const pageRows = rows.slice(0, limit);
    if (pageRows.length)
      this.ctx.accessLog.read('Complaint', [...new Set(pageRows.map((r) => r.clientId))]);
    return keysetPage(rows, limit, total, position, (r) => r.createdAt);
  }

  start(id: string) {
    return this.step(id, 'START', null);
  }

  answer(id: string, answer: string) {
    return this.step(id, 'ANSWER', answer);
  }

  close(id: string) {
    return this.step(id, 'CLOSE', null);
  }

  respond(id: string, response: string) {
    return this.step(id, 'PROVIDER_RESPONSE', response);
  }

  private async step(
    id: string,
    step: ComplaintStep,
    text: string | null,
  ): Promise<ComplaintResult> {
    const p = requirePrincipal(this.ctx);
    const byProvider = step === 'PROVIDER_RESPONSE';
    if (byProvider ? p.role !== 'PROVIDER' : !feedbackAccess.isStaff(p))
      throw forbidden(
        byProvider ? 'Only the provider responds.' : 'Only the HB centre handles complaints.',
      );
    const needsText = step === 'ANSWER' || byProvider;
    const trimmed = text?.trim() ?? '';
    if (needsText && (!trimmed || trimmed.length > MAX_TEXT)) {
      return {
        complaint: null,
        errors: [
          UserError.of(
            'VALIDATION',
            `Write at most ${MAX_TEXT} characters.`,
            byProvider ? 'response' : 'answer',
          ),
        ],
      };
    }
    return this.stores.db.transaction(async (m) => {
      const row = await this.store.lockComplaint(m, id);
      const allowed =
        !!row &&
        (byProvider
          ? feedbackAccess.canRespond(p, row)
          : feedbackAccess.canHandle(p, row.municipalityCode));
      if (!row || !allowed) throw notFound('No such complaint.');
      const next = complaintStep(row.status, step);
      if (!next) {
        return {
          complaint: row,
          errors: [
            UserError.of(
              'WRONG_STATUS',
              `This step does not fit a complaint that is ${row.status}.`,
              null,
            ),
          ],
        };
      }
      await this.store.updateComplaint(m, row.id, {
        status: next,
        ...(byProvider ? { providerResponse: trimmed } : {}),
        ...(step === 'ANSWER' ? { answer: trimmed, answeredBy: p.sub } : {}),
      });
      if (!byProvider)
        await this.ctx.accessLog.writeNow(m, [
          { clientId: row.clientId, action: 'CHANGE', subject: `Complaint.${step.toLowerCase()}` },
        ]);
      return { complaint: returnedRow(await this.store.complaintsByIds([row.id], m)), errors: [] };
    });
  }
}

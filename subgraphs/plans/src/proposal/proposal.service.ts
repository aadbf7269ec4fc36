import {
  UserError,
  forbidden,
  isUuid,
  requirePrincipal,
  type Principal,
  type RequestContext,
} from '@hb/kit';
import type { PlansLoaders } from '../shared/loaders';
import type { PlansStores } from '../shared/stores';
import type { Directories } from '../directory/directories';
import { toUserErrors } from '../plan/plan-change';
import type { ProposalDraft, ProposalRow } from './proposal.model';
import { proposalAccess } from './proposal.policy';
import { checkProposal, isEmptyProposal } from './proposal.rules';

export interface ProposalResult {
  proposal: ProposalRow | null;
  errors: UserError[];
}

/**
 * The client's own proposal (oma ehdotus) with her self-assessment. She (or a team member
 * with plan consent) writes it and submits it; staff of her municipality then read it and
 * start the plan from it. Every read is access-logged.
 */
export class ProposalService {
  constructor(
    private readonly stores: PlansStores,
    private readonly ctx: RequestContext,
    private readonly loaders: PlansLoaders,
    private readonly directories: Directories,
  ) {}

  private async hasPlanConsent(p: Principal, clientId: string): Promise<boolean> {
    if (p.role !== 'TEAM_MEMBER' || p.clientId !== clientId) return false;
    return (await this.loaders.consentScopes.load(clientId)).includes('PLAN');
  }

  /** Staff need the client's municipality, which only the clients subgraph knows. */
  private async municipalityOf(p: Principal, clientId: string): Promise<string | null> {
    if (p.role !== 'ADVISER' && p.role !== 'WORKER') return null;
    const client = isUuid(clientId) ? await this.loaders.client.load(clientId) : null;
    return client instanceof Error || !client ? null : client.municipalityCode;
  }

  private async assertReadable(p: Principal, row: ProposalRow): Promise<ProposalRow> {
    const ok = proposalAccess.canRead(
      p,
      { clientId: row.clientId, submitted: row.status === 'SUBMITTED' },
      await this.municipalityOf(p, row.clientId),
      await this.hasPlanConsent(p, row.clientId),
    );
    if (!ok) throw forbidden('You may not see this proposal.');
    this.ctx.accessLog.read('Proposal', [row.clientId]);
    return row;
  }

  /** The caller's own proposal (the client's, or the supported client's for a team member). */
  async mine(): Promise<ProposalRow | null> {
    const p = requirePrincipal(this.ctx);
    const clientId = p.clientId;
    if (!clientId || !proposalAccess.canWrite(p, clientId, await this.hasPlanConsent(p, clientId)))
      throw forbidden('Only the client and her team write a proposal.');
    const row = await this.loaders.proposalOfClient.load(clientId);
    if (!row) return null;
    this.ctx.accessLog.read('Proposal', [clientId]);
    return row;
  }

  /**
   * `Client.proposal`: the writers see it always, staff of her municipality once submitted
   * (null before that, so a draft stays hers). Others are refused whether or not one exists.
   */
  async ofClient(clientId: string): Promise<ProposalRow | null> {
    const p = requirePrincipal(this.ctx);
    const staff = p.role === 'ADVISER' || p.role === 'WORKER';
    const municipality = await this.municipalityOf(p, clientId);
    const mayAsk = staff
      ? !!municipality && p.municipalities.includes(municipality)
      : proposalAccess.canWrite(p, clientId, await this.hasPlanConsent(p, clientId));
    if (!mayAsk) throw forbidden("You may not see this client's proposal.");
    const row = await this.loaders.proposalOfClient.load(clientId);
    if (!row || (staff && row.status !== 'SUBMITTED')) return null;
    return this.assertReadable(p, row);
  }

  /** `_entities`: the same rules as the fields that lead to it. */
  async get(id: string): Promise<ProposalRow | null> {
    const p = requirePrincipal(this.ctx);
    const row = isUuid(id) ? await this.loaders.proposal.load(id) : null;
    if (!row) throw forbidden('You may not see this proposal.');
    return this.assertReadable(p, row);
  }

  async save(input: ProposalDraft): Promise<ProposalResult> {
    const p = requirePrincipal(this.ctx);
    const clientId = p.clientId;
    if (!clientId || !proposalAccess.canWrite(p, clientId, await this.hasPlanConsent(p, clientId)))
      throw forbidden('Only the client and her team write a proposal.');
    const { errors, clean } = checkProposal(input);
    // A chosen provider must exist and offer the chosen service.
    const providerIds = [
      ...new Set(
        clean.choices.map((c) => c.providerId).filter((x): x is string => !!x && isUuid(x)),
      ),
    ];
    const providers = new Map(
      await Promise.all(
        providerIds.map(
          async (id) => [id, await this.directories.providers.provider(id, this.ctx)] as const,
        ),
      ),
    );
    clean.choices.forEach((c, i) => {
      if (!c.providerId || !isUuid(c.providerId)) return;
      const provider = providers.get(c.providerId);
      if (!provider)
        errors.push({
          code: 'UNKNOWN_PROVIDER',
          message: 'No such provider.',
          field: `input.choices[${i}].providerId`,
        });
      else if (!provider.offerings.some((o) => o.serviceTypeCode === c.serviceTypeCode))
        errors.push({
          code: 'SERVICE_NOT_OFFERED',
          message: 'The provider does not offer this service.',
          field: `input.choices[${i}].serviceTypeCode`,
        });
    });
    if (errors.length > 0) {
      return {
        proposal: await this.loaders.proposalOfClient.load(clientId),
        errors: toUserErrors(errors),
      };
    }
    await this.stores.db.transaction(async (m) => {
      await this.stores.proposals.upsert(m, clientId, {
        ...clean,
        updatedByRole: p.role,
      });
      await this.ctx.accessLog.writeNow(m, [
        { clientId, action: 'CHANGE', subject: 'Proposal.saved' },
      ]);
    });
    return { proposal: await this.fresh(clientId), errors: [] };
  }

  async submit(): Promise<ProposalResult> {
    const p = requirePrincipal(this.ctx);
    const clientId = p.clientId;
    if (!clientId || !proposalAccess.canWrite(p, clientId, await this.hasPlanConsent(p, clientId)))
      throw forbidden('Only the client and her team write a proposal.');
    const refused = await this.stores.db.transaction(async (m) => {
      const row = await this.stores.proposals.lockByClient(m, clientId);
      if (!row) return UserError.of('NO_PROPOSAL', 'Write the proposal first.', null);
      if (isEmptyProposal(row))
        return UserError.of('PROPOSAL_EMPTY', 'The proposal says nothing yet.', null);
      await this.stores.proposals.submit(m, row.id);
      await this.ctx.accessLog.writeNow(m, [
        { clientId, action: 'CHANGE', subject: 'Proposal.submitted' },
      ]);
      return null;
    });
    const proposal = await this.fresh(clientId);
    return { proposal, errors: refused ? [refused] : [] };
  }

  private async fresh(clientId: string): Promise<ProposalRow | null> {
    this.loaders.proposalOfClient.clear(clientId);
    const row = await this.loaders.proposalOfClient.load(clientId);
    if (row) this.ctx.accessLog.read('Proposal', [clientId]);
    return row;
  }
}

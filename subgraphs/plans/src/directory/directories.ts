import type { RequestContext } from '@hb/kit';

/**
 * What this service needs to know from other services at write time. Injected, so that the
 * rules can be tested without the other services running; the real implementations ask the
 * other subgraphs' public GraphQL under the caller's token (see `graph-directories.ts`).
 */
export type CallerContext = Pick<RequestContext, 'authorization' | 'requestId' | 'principal'>;

/** A budget as the budgets subgraph decided it. */
export interface BudgetInfo {
  id: string;
  clientId: string;
  year: number;
  grantedCents: number;
  serviceTypeCode: string;
}

export interface BudgetDirectory {
  /** The budget, or null when it does not exist (or the caller may not see it). */
  budget(id: string, ctx: CallerContext): Promise<BudgetInfo | null>;
}

export type ProviderKind = 'COMPANY' | 'NGO' | 'COMMUNITY' | 'ORGANISER_OWN';
export type ApprovalStatus = 'PENDING' | 'INFO_REQUESTED' | 'APPROVED' | 'REJECTED' | 'SUSPENDED';

export interface ProviderInfo {
  id: string;
  kind: ProviderKind;
  approvalStatus: ApprovalStatus;
  offerings: Array<{ id: string; serviceTypeCode: string }>;
}

export interface ProviderDirectory {
  provider(id: string, ctx: CallerContext): Promise<ProviderInfo | null>;
}

export interface ClientInfo {
  id: string;
  municipalityCode: string;
}

export interface ClientDirectory {
  /** The client and their municipality, or null when unknown. */
  client(id: string, ctx: CallerContext): Promise<ClientInfo | null>;
  /**
   * Several clients in one request, each with exactly the answer or error {@link client} gives
   * it alone (an Error in its place): a page of clients without plans asked once per client.
   */
  clients?(ids: readonly string[], ctx: CallerContext): Promise<Array<ClientInfo | null | Error>>;
  /** What the calling team member may see of this client today (`PLAN`, `BUDGET`, …). */
  consentScopes(clientId: string, ctx: CallerContext): Promise<string[]>;
}

export interface Directories {
  budgets: BudgetDirectory;
  providers: ProviderDirectory;
  clients: ClientDirectory;
}

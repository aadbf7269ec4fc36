import { queryService, type Config, type RequestContext } from '@hb/kit';

/**
 * Tells the subgraphs that address work to a client's named own worker and HB adviser (the
 * budgets subgraph's inbox) that they changed. The message carries only the client's id: the
 * receiver reads who they are back from this subgraph under the same caller's rights, so it
 * trusts nothing but the owner of the data.
 */
export type StaffChanged = (ctx: RequestContext, clientId: string) => Promise<void>;

/** No one to tell (unit tests of this subgraph alone). */
export const NO_STAFF_SYNC: StaffChanged = () => Promise.resolve();

/** The real one: `syncClientStaff` of the budgets subgraph (`BUDGETS_URL`). */
export function staffSyncOverGraph(config: Pick<Config, 'BUDGETS_URL'>): StaffChanged {
  return async (ctx, clientId) => {
    await queryService<{ syncClientStaff: boolean }>({
      url: config.BUDGETS_URL,
      query: 'mutation($c: ID!){ syncClientStaff(clientId: $c) }',
      variables: { c: clientId },
      ctx,
    });
  };
}

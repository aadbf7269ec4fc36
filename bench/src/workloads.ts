import { DEMO, signDevToken } from '@hb/kit';
import { variedSearches } from './catalogue-varied';
import { gql, log, verifyBody, withClient } from './harness';
import type { RequestKind } from './load';
import { must } from './must';

/**
 * What the benchmark sends: the identical requests of the first benchmarks (they show what
 * sharing identical work buys) and varied traffic like real users' (many searches, advisers,
 * municipalities, cursors, providers and budgets), from which the headline figures come.
 */

export const CLIENT_PAGE = (first: number, after?: string, municipalityCode?: string) =>
  `{ clients(first: ${first}${after ? `, after: "${after}"` : ''}${municipalityCode ? `, municipalityCode: "${municipalityCode}"` : ''}) {
  pageInfo { endCursor hasNextPage }
  edges { node { id firstName
    budgets { remaining { amount } transactions(first: 5) { edges { node { amount { amount } provider { name } } } } }
    plans { id status } } } } }`;
export const CATALOGUE = `{ providers(search: { text: "päivätoiminta" }, first: 20) { edges { node { id name } } } }`;
/** A cheap single-subgraph read: isolates what a gateway adds (the search above is database-bound). */
export const PROVIDER_LIST = `{ providers(first: 20) { edges { node { id name } } } }`;
export const RECORD_CHARGE = `mutation($input: RecordChargeInput!) { recordCharge(input: $input) { transaction { id } errors { code message } } }`;
/**
 * The public catalogue page's own query (web-admin), less the municipalities' names (the
 * clients subgraph's): so the providers subgraph alone can answer it, for the direct rows.
 */
const SEARCH = `query($search: ProviderSearchInput, $after: String) {
  providers(search: $search, first: 20, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id name kind description phone languages accessibility
      municipalitiesServed { code }
      offerings { id title price { amount currency } priceUnit serviceType { code } } } } } }`;
/** The caseload as the adviser's landing page asks for it (budgets only: one subgraph). */
export const CASELOAD = `query($first: Int, $after: String, $orderBy: CaseloadOrder, $filter: CaseloadFilter) {
  caseload(first: $first, after: $after, orderBy: $orderBy, filter: $filter) {
    totalCount counts { clients waitingConfirmation withOpenAlerts useAhead useBehind }
    pageInfo { endCursor hasNextPage }
    edges { node { municipalityCode openAlertCount waitingCharges oldestWaitingSince
      granted { amount } used { amount } usedShare elapsedShare } } } }`;

export type Body = { body: string; authorization?: string };

/** The varied workloads, built once against the loaded data set. */
export interface VariedWorkloads {
  /** ≥ 300 distinct catalogue searches (public: no token), no two consecutive alike. */
  catalogue: Body[];
  /** Second pages turned into first ones because the catalogue refused the first page's cursor. */
  refusedCursors: number;
  /** Client pages of 20 advisers over varied municipalities and cursors. */
  clientPages: Body[];
  /** Caseload pages of the same advisers, varied municipality, order, filters and cursors. */
  caseload: Body[];
  /** Charges by 500 providers (their own tokens) on 3 000 budgets, each with a commitment. */
  charge: Omit<NonNullable<RequestKind['charge']>, 'keyPrefix'>;
}

const ORDERS = ['WAITING_CHARGES', 'OPEN_ALERTS', 'USE_AHEAD', 'USE_BEHIND'];

/** A small deterministic generator, so that every run sends the same traffic. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Shuffles so that requests of one municipality or adviser do not come in runs. */
function shuffled<T>(xs: T[], seed: number): T[] {
  const r = random(seed);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [must(out[j], 'item to swap'), must(out[i], 'item to swap')];
  }
  return out;
}

/**
 * Builds the varied traffic. Cursors of later pages are read once through `gatewayUrl` with
 * `token` (an adviser of every municipality of the data set).
 */
/** `fn` over `items`, at most `concurrency` at a time; the results in the order of `items`. */
async function inBatches<T, R>(
  items: T[],
  concurrency: number,
  fn: (item: T) => Promise<R>,
): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(must(items[i], 'item'));
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return out;
}

export async function buildVaried(
  gatewayUrl: string,
  token: string,
  dataDir: string,
  databaseUrl: string,
  year: number,
  searches: number,
): Promise<VariedWorkloads> {
  // Catalogue: the providers engineer's realistic searches (inflections, Swedish, typos,
  // filters, sorts); a second page continues from the first page's cursor.
  // The second pages' cursors are fetched a few searches at a time (setup only; the order of
  // the workload stays that of variedSearches).
  const built = await inBatches(variedSearches(searches, 23), 4, async ({ search, page }) => {
    let after: string | null = null;
    let refused = false;
    if (page === 2) {
      const first = await gql(gatewayUrl, '', SEARCH, { search, after: null });
      // An answer with errors may have no data.
      const data = first.json.data as {
        providers?: { pageInfo: { endCursor: string | null } };
      } | null;
      after = data?.providers?.pageInfo.endCursor ?? null;
      // A cursor the catalogue refuses to take back would make this a benchmark of errors.
      if (after && (await gql(gatewayUrl, '', SEARCH, { search, after })).json.errors) {
        refused = true;
        after = null;
      }
    }
    // No token: the public catalogue is read by people who have not signed in.
    const body: Body = {
      body: JSON.stringify({ query: SEARCH, variables: { search, after } }),
      authorization: '',
    };
    return { body, refused: refused ? JSON.stringify(search) : null };
  });
  const catalogue = built.map((b) => b.body);
  const refusedCursors = built.flatMap((b) => (b.refused === null ? [] : [b.refused]));

  if (refusedCursors.length)
    log(
      `  ${refusedCursors.length} second pages dropped: the catalogue refused its own cursor (e.g. ${refusedCursors[0]})`,
    );

  // Advisers: 20 of them, each for a handful of municipalities of the data set.
  const municipalities = await withClient(databaseUrl, async (c) =>
    (
      await c.query<{ code: string }>(
        `SELECT municipality_code AS code FROM clients.client GROUP BY 1 HAVING count(*) >= 20 ORDER BY count(*) DESC LIMIT 12`,
      )
    ).rows.map((r) => r.code),
  );
  const advisers = await Promise.all(
    Array.from({ length: 20 }, async (_, i) => {
      const own = municipalities.filter((_m, k) => (k + i) % 3 !== 0);
      const authorization = `Bearer ${await signDevToken(dataDir, {
        sub: i === 0 ? DEMO.adviserId : `bench-adviser-${i}`,
        role: 'ADVISER',
        municipalities: own,
        expiresIn: '1h',
      })}`;
      return { own, authorization };
    }),
  );
  // Cursors: pages 1 to 4 of every municipality's client list and caseload.
  const pageCursors = async (
    query: (after: string | undefined) => { query: string; variables?: object },
    pick: (data: Record<string, unknown>) => string | null,
  ) => {
    const cursors: Array<string | undefined> = [undefined];
    for (let p = 1; p < 4; p++) {
      const q = query(cursors.at(-1));
      const res = await gql(gatewayUrl, token, q.query, q.variables as Record<string, unknown>);
      const next = res.json.data ? pick(res.json.data) : null;
      if (!next) break;
      cursors.push(next);
    }
    return cursors;
  };
  const clientPages: Body[] = [];
  const caseload: Body[] = [];
  const r = random(29);
  // Each municipality's cursors, a few municipalities at a time (setup only).
  const cursorsOf = await inBatches(municipalities, 4, async (code) => {
    const order = must(ORDERS[municipalities.indexOf(code) % ORDERS.length], 'caseload order');
    const clientCursors = await pageCursors(
      (after) => ({ query: CLIENT_PAGE(20, after, code) }),
      (d) => (d.clients as { pageInfo: { endCursor: string | null } }).pageInfo.endCursor,
    );
    const caseloadCursors = await pageCursors(
      (after) => ({
        query: CASELOAD,
        variables: {
          first: 20,
          after: after ?? null,
          orderBy: order,
          filter: { municipalityCode: code, year },
        },
      }),
      (d) => (d.caseload as { pageInfo: { endCursor: string | null } }).pageInfo.endCursor,
    );
    return { code, order, clientCursors, caseloadCursors };
  });
  for (const { code, order, clientCursors, caseloadCursors } of cursorsOf) {
    const readers = advisers.filter((a) => a.own.includes(code));
    for (const after of clientCursors) {
      for (const reader of readers.slice(0, 3)) {
        clientPages.push({
          body: JSON.stringify({ query: CLIENT_PAGE(20, after, code) }),
          authorization: reader.authorization,
        });
      }
    }
    for (const after of caseloadCursors) {
      for (const reader of readers.slice(0, 3)) {
        const filter: Record<string, unknown> = { municipalityCode: code, year };
        if (r() < 0.3) filter.hasWaitingCharges = true;
        else if (r() < 0.2) filter.hasOpenAlerts = true;
        caseload.push({
          body: JSON.stringify({
            query: CASELOAD,
            variables: { first: 20, after: after ?? null, orderBy: order, filter },
          }),
          authorization: reader.authorization,
        });
      }
    }
  }

  const { budgetIds, providerIds } = await chargeIds(databaseUrl, year);
  const tokenOf = new Map<string, string>();
  for (const id of new Set(providerIds)) {
    tokenOf.set(
      id,
      `Bearer ${await signDevToken(dataDir, { sub: `bench-provider-${id}`, role: 'PROVIDER', providerId: id, expiresIn: '1h' })}`,
    );
  }
  // A sample of every kind answers without errors (a benchmark of refusals measures nothing).
  const samples = [catalogue, clientPages, caseload].flatMap((list) =>
    list.filter((_b, i) => i % Math.max(1, Math.floor(list.length / 15)) === 0),
  );
  await inBatches(samples, 4, (body) => verifyBody(gatewayUrl, body, token));
  return {
    catalogue,
    refusedCursors: refusedCursors.length,
    clientPages: shuffled(clientPages, 31),
    caseload: shuffled(caseload, 37),
    charge: {
      budgetIds,
      providerIds,
      authorizations: providerIds.map((id) => must(tokenOf.get(id), `token of provider ${id}`)),
      serviceDate: `${year}-03-15`,
      query: RECORD_CHARGE,
    },
  };
}

/**
 * The budgets the charge benchmark charges, cycling through them, each with the provider that
 * charges it (`providerIds[i]` charges `budgetIds[i]`; 500 providers over 3 000 budgets). A
 * charge draws on a payment commitment, so each pair gets one (issued once, straight in SQL
 * like the rest of the bench data).
 */
export function chargeIds(databaseUrl: string, year: number) {
  return withClient(databaseUrl, async (c) => {
    const budgetIds = (
      await c.query<{ id: string }>(
        `SELECT b.id FROM budgets.budget b WHERE b.year = $1 AND b.status = 'ACTIVE' AND b.decided_by = 'bench' ORDER BY b.id LIMIT 3000`,
        [year],
      )
    ).rows.map((r) => r.id);
    const providers = (
      await c.query<{ id: string }>(
        `SELECT id FROM providers.provider WHERE approval_status = 'APPROVED' AND kind <> 'ORGANISER_OWN' AND name LIKE 'Palvelu %' ORDER BY id LIMIT 500`,
      )
    ).rows.map((r) => r.id);
    const providerIds = budgetIds.map((_, i) =>
      must(providers[i % providers.length], 'approved provider to charge'),
    );
    await c.query(
      `INSERT INTO budgets.payment_commitment (budget_id, payee_kind, provider_id, service_type,
         client_first_name, amount_cents, valid_from, valid_to, status, reason, issued_by)
       SELECT b.id, 'PROVIDER', x.provider_id, b.service_type, 'Penkki', 10000000,
              make_date(b.year, 1, 1), make_date(b.year, 12, 31), 'ACTIVE', 'Benchmark commitment', 'bench'
       FROM unnest($1::uuid[], $2::uuid[]) AS x(budget_id, provider_id)
       JOIN budgets.budget b ON b.id = x.budget_id
       WHERE NOT EXISTS (SELECT 1 FROM budgets.payment_commitment c
                         WHERE c.budget_id = b.id AND c.provider_id = x.provider_id)`,
      [budgetIds, providerIds],
    );
    return { budgetIds, providerIds };
  });
}

/** The workloads' request kinds, as the load generator takes them. */
export const kinds = {
  catalogue: (v: VariedWorkloads): RequestKind[] => [
    { weight: 1, bodies: v.catalogue, cacheable: true },
  ],
  clientPages: (v: VariedWorkloads): RequestKind[] => [{ weight: 1, bodies: v.clientPages }],
  caseload: (v: VariedWorkloads): RequestKind[] => [{ weight: 1, bodies: v.caseload }],
  charges: (v: VariedWorkloads, keyPrefix: string): RequestKind[] => [
    { weight: 1, charge: { ...v.charge, keyPrefix } },
  ],
  /** 70 % catalogue searches, 25 % client pages, 5 % charges. */
  mixed: (v: VariedWorkloads, keyPrefix: string): RequestKind[] => [
    { weight: 70, bodies: v.catalogue, cacheable: true },
    { weight: 25, bodies: v.clientPages },
    { weight: 5, charge: { ...v.charge, keyPrefix } },
  ],
  /** One request repeated; `catalogue` counts it for the answer-cache estimate. */
  identical: (query: string, catalogue = false): RequestKind[] => [
    { weight: 1, bodies: [{ body: JSON.stringify({ query }) }], cacheable: catalogue },
  ],
};

import crypto from 'node:crypto';
import { PDFParse } from 'pdf-parse';
import { DEMO } from '@hb/kit';
import {
  addTeamMember,
  createClient,
  grantConsent,
  hbClassId,
  moreTokens,
  must as mustOn,
  tokens,
  usePlatform,
} from './testkit';

/**
 * Decisions as documents through the gateway (issue 18): deciding, re-assessing and ending a
 * budget each make a decision whose PDF, downloaded from /decisions/{id}/document.pdf and read
 * with pdf-parse, says the amount, the class, the restrictions and the appeal instructions in
 * the client's language; an appeal is filed and decided; an ended budget's remainder lapses
 * once; every other role gets what a random id gets.
 */
const platform = usePlatform();

const base = () => platform.gatewayUrl.replace(/\/graphql$/, '');
const year = new Date().getFullYear();

/** testkit's must on this file's platform. */
const must = <T>(field: string, query: string, variables: Record<string, unknown>, token: string) =>
  mustOn<T>(platform, field, query, variables, token);

const DECIDE = `mutation($i: DecideBudgetInput!) { decideBudget(input: $i) {
  budget { id granted { amount } }
  decision { id kind version language document amount { amount } restrictions { excludedUses organiserOwnServicesExcluded other } }
  errors { code message field } } }`;

type Decided = {
  budget: { id: string; granted: { amount: string } };
  decision: { id: string; kind: string; version: number; language: string; document: string };
};

const download = (path: string, token?: string) =>
  fetch(`${base()}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

async function pdfText(path: string, token: string): Promise<string> {
  const res = await download(path, token);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/pdf');
  expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="paatos-/);
  const bytes = new Uint8Array(await res.arrayBuffer());
  const parser = new PDFParse({ data: bytes });
  try {
    return (await parser.getText()).text.replace(/\u00a0/g, ' ').replace(/[ \t]+/g, ' ');
  } finally {
    await parser.destroy();
  }
}

/** "1234.50" → "1 234,50 €", as the document writes it. */
const fi = (amount: string) => {
  const [e, c = '00'] = amount.split('.');
  return `${e!.replace(/\B(?=(\d{3})+(?!\d))/g, ' ')},${c.padEnd(2, '0')} €`;
};

describe('decisions through the gateway', () => {
  let worker: string;
  let clientId: string;
  let clientToken: string;
  let budgetId: string;
  const ids: string[] = [];

  beforeAll(async () => {
    worker = await tokens(platform).worker(DEMO.tampere);
    clientId = (await createClient(platform, worker, { firstName: 'Åsa' })).id;
    clientToken = await tokens(platform).client(clientId);
  });

  it('decides, re-assesses and ends a budget, each with a decision document in the client’s language', async () => {
    const input = {
      clientId,
      year,
      serviceType: 'DAY_ACTIVITIES',
      hbClassId: await hbClassId(platform, worker, DEMO.tampere),
      weeklyUnits: 2,
      weeks: 40,
      paymentIntervalMonths: 3,
      instrument: 'VOUCHER',
      decision: {
        language: 'SV',
        ordinaryPart: '3 dagar i veckan i sedvanlig dagverksamhet',
        otherRestrictions: 'Inte för resor utomlands',
      },
    };
    const first = await must<Decided>('decideBudget', DECIDE, { i: input }, worker);
    budgetId = first.budget.id;
    expect(first.decision).toMatchObject({ kind: 'GRANT', version: 1, language: 'SV' });
    expect(first.decision.document).toBe(`/decisions/${first.decision.id}/document.pdf`);
    ids.push(first.decision.id);
    const text1 = await pdfText(first.decision.document, worker);
    for (const s of [
      'Beslut om personlig budget',
      fi(first.budget.granted.amount),
      'HB-klass 5',
      'Budgeten får inte användas för brottslig verksamhet.',
      'hasardspel',
      'anordnarens egna tjänster',
      'Inte för resor utomlands',
      '3 dagar i veckan i sedvanlig dagverksamhet',
      'Anvisning om begäran om omprövning',
      'inom 30 dagar',
    ]) {
      expect(text1).toContain(s);
    }

    const second = await must<Decided>(
      'decideBudget',
      DECIDE,
      { i: { ...input, weeklyUnits: 3, decision: { clientFees: 'Måltidsavgift 5,00 € per dag' } } },
      worker,
    );
    expect(second.decision).toMatchObject({ kind: 'REASSESSMENT', version: 2, language: 'SV' });
    ids.push(second.decision.id);
    const text2 = await pdfText(second.decision.document, clientToken);
    expect(text2).toContain('ny bedömning');
    expect(text2).toContain(fi(second.budget.granted.amount));
    expect(text2).toContain('Måltidsavgift 5,00 € per dag');
    expect(text2).toContain('Inte för resor utomlands');
    expect(text2).toContain('Anvisning om begäran om omprövning');

    const END = `mutation($b: ID!, $i: EndBudgetInput!) { endBudget(budgetId: $b, input: $i) {
      budget { id status lapsed { amount } remaining { amount } }
      decision { id kind version previous { id } ending { endDate lapsed { amount } } document }
      lapsed { amount } cancelledCommitments errors { code message field } } }`;
    const endInput = {
      endDate: `${year}-01-31`,
      reason: 'Klienten återgår till sedvanlig service.',
    };
    const ended = await must<{
      budget: { status: string; lapsed: { amount: string }; remaining: { amount: string } };
      decision: {
        id: string;
        kind: string;
        version: number;
        previous: { id: string };
        document: string;
      };
      lapsed: { amount: string };
    }>('endBudget', END, { b: budgetId, i: endInput }, worker);
    expect(ended.budget.status).toBe('ENDED');
    expect(ended.budget.remaining.amount).toBe('0.00');
    expect(ended.lapsed.amount).toBe(second.budget.granted.amount);
    expect(ended.decision).toMatchObject({ kind: 'ENDING', version: 3, previous: { id: ids[1] } });
    ids.push(ended.decision.id);
    const text3 = await pdfText(ended.decision.document, worker);
    expect(text3).toContain('Beslut om att avsluta den personliga budgeten');
    expect(text3).toContain(`Den oanvända delen ${fi(ended.lapsed.amount)} förfaller`);
    expect(text3).toContain('HB-klass 5');
    expect(text3).toContain('hasardspel');
    expect(text3).toContain('Anvisning om begäran om omprövning');

    // Once: a second ending changes nothing and says so.
    const again = await platform.gql<{
      endBudget: { errors: Array<{ code: string }>; decision: unknown };
    }>(END, { b: budgetId, i: endInput }, { token: worker });
    expect(again.data?.endBudget.errors.map((e) => e.code)).toEqual(['ALREADY_ENDED']);
    expect(again.data?.endBudget.decision).toBeNull();
    const budget = await platform.gql<{
      budget: {
        lapsed: { amount: string };
        decisions: Array<{ version: number; kind: string }>;
        transactions: { edges: Array<{ node: { kind: string } }> };
      };
    }>(
      `query($id: ID!) { budget(id: $id) { lapsed { amount } decisions { version kind }
        transactions(first: 50) { edges { node { kind } } } } }`,
      { id: budgetId },
      { token: clientToken },
    );
    expect(budget.data?.budget.lapsed.amount).toBe(ended.lapsed.amount);
    expect(budget.data?.budget.decisions).toEqual([
      { version: 1, kind: 'GRANT' },
      { version: 2, kind: 'REASSESSMENT' },
      { version: 3, kind: 'ENDING' },
    ]);
    expect(
      budget.data?.budget.transactions.edges.filter((e) => e.node.kind === 'LAPSE'),
    ).toHaveLength(1);
  });

  it('the client files an appeal and her worker decides it', async () => {
    const filed = await must<{ appeal: { id: string; status: string; inTime: boolean } }>(
      'fileAppeal',
      `mutation($d: ID!, $i: FileAppealInput!) { fileAppeal(decisionId: $d, input: $i) {
        appeal { id status inTime } errors { code field } } }`,
      { d: ids[1], i: { demand: 'Fyra dagar i veckan.', reasons: 'Jag behöver mer stöd.' } },
      clientToken,
    );
    expect(filed.appeal).toMatchObject({ status: 'FILED', inTime: true });
    const decided = await must<{ appeal: { status: string; outcome: string } }>(
      'decideAppeal',
      `mutation($a: ID!, $i: DecideAppealInput!) { decideAppeal(appealId: $a, input: $i) {
        appeal { status outcome } errors { code field } } }`,
      { a: filed.appeal.id, i: { outcome: 'REJECTED', reasoning: 'Behovet bedömdes rätt.' } },
      worker,
    );
    expect(decided.appeal).toEqual({ status: 'DECIDED', outcome: 'REJECTED' });
    const seen = await platform.gql<{
      decision: { appeals: Array<{ status: string; outcome: string }> };
    }>(
      `query($id: ID!) { decision(id: $id) { appeals { status outcome } } }`,
      { id: ids[1] },
      { token: clientToken },
    );
    expect(seen.data?.decision.appeals).toEqual([{ status: 'DECIDED', outcome: 'REJECTED' }]);
  });

  it('refuses every other role alike, at the route, in the graph and at _entities', async () => {
    const id = ids[0]!;
    const random = crypto.randomUUID();
    const t = tokens(platform);
    const more = moreTokens(platform);
    const memberWithout = await addTeamMember(platform, worker, clientId);
    const memberWith = await addTeamMember(platform, worker, clientId);
    await grantConsent(platform, worker, clientId, memberWith.id, ['BUDGET']);
    const refused: Array<[string, string]> = [
      ['another client', await t.client(DEMO.essiClientId)],
      ['a team member without consent', await t.teamMember(memberWithout.id, clientId)],
      ['a provider', await t.provider(DEMO.providerId)],
      ['organiser staff', await t.organiser(DEMO.tampere)],
      ['a municipal system without scope', await more.municipalSystem(DEMO.tampere)],
      ['a worker of another municipality', await t.worker('536')],
    ];
    const randomAnswer = await download(`/decisions/${random}/document.pdf`, worker);
    expect(randomAnswer.status).toBe(404);
    const randomBody = await randomAnswer.text();
    expect((await download(`/decisions/${id}/document.pdf`)).status).toBe(401);
    const budgetsUrl = platform.services.find((s) => s.name === 'budgets')!.url;
    const open = await must<{ appeal: { id: string } }>(
      'fileAppeal',
      `mutation($d: ID!) { fileAppeal(decisionId: $d, input: { demand: "Muutos", reasons: "Syy" }) {
        appeal { id } errors { code } } }`,
      { d: id },
      clientToken,
    );
    const appealAnswer = async (query: string, token: string) =>
      platform.gql<Record<string, { appeal: unknown; errors: Array<{ code: string }> } | null>>(
        query,
        { a: open.appeal.id },
        { token },
      );
    const HANDLE = `mutation($a: ID!) { startAppealHandling(appealId: $a, note: "Otan") { appeal { id status } errors { code } } }`;
    const DECIDE_APPEAL = `mutation($a: ID!) { decideAppeal(appealId: $a, input: { outcome: UPHELD, reasoning: "x" }) { appeal { id status } errors { code } } }`;
    const randomAppeal = async (query: string, token: string) =>
      platform.gql<Record<string, unknown>>(query, { a: crypto.randomUUID() }, { token });
    for (const [who, token] of refused) {
      for (const [field, query] of [
        ['startAppealHandling', HANDLE],
        ['decideAppeal', DECIDE_APPEAL],
      ] as const) {
        const res = await appealAnswer(query, token);
        expect([who, field, res.data?.[field]?.appeal ?? null]).toEqual([who, field, null]);
        // The same answer as for an appeal that does not exist.
        expect(JSON.stringify(res.data ?? null)).toBe(
          JSON.stringify((await randomAppeal(query, token)).data ?? null),
        );
      }
      const res = await download(`/decisions/${id}/document.pdf`, token);
      expect([who, res.status]).toEqual([who, 404]);
      expect([who, await res.text()]).toEqual([who, randomBody]);
      const graph = await platform.gql<{ decision: unknown }>(
        `query($id: ID!) { decision(id: $id) { id deciderName } }`,
        { id },
        { token },
      );
      expect([who, graph.data?.decision ?? null]).toEqual([who, null]);
      const appeal = await platform.gql<{ fileAppeal: { errors: Array<{ code: string }> } | null }>(
        `mutation($d: ID!) { fileAppeal(decisionId: $d, input: { demand: "x", reasons: "y" }) { errors { code } } }`,
        { d: id },
        { token },
      );
      expect(JSON.stringify(appeal)).not.toContain('"appeal":{');
      const entities = await fetch(budgetsUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on Decision { id deciderName calculation } } }`,
          variables: { r: [{ __typename: 'Decision', id }] },
        }),
      });
      const text = await entities.text();
      expect(text).not.toContain('deciderName":"');
      expect(text).not.toContain(id);
      const end = await platform.gql<{ endBudget: { errors: Array<{ code: string }> } | null }>(
        `mutation($b: ID!) { endBudget(budgetId: $b, input: { endDate: "${year}-01-31", reason: "x" }) { errors { code } } }`,
        { b: budgetId },
        { token },
      );
      expect(JSON.stringify(end)).not.toContain('"budget":{');
    }
    const status = await platform.gql<{
      decision: { appeals: Array<{ id: string; status: string }> };
    }>(
      `query($id: ID!) { decision(id: $id) { appeals { id status } } }`,
      { id },
      { token: worker },
    );
    expect(status.data?.decision.appeals).toEqual([{ id: open.appeal.id, status: 'FILED' }]);
    // Who may: the client, a team member with consent, her worker, a system with the scope.
    for (const token of [
      clientToken,
      await t.teamMember(memberWith.id, clientId),
      worker,
      await more.municipalSystem(DEMO.tampere, ['budgets:read']),
    ]) {
      expect((await download(`/decisions/${id}/document.pdf`, token)).status).toBe(200);
    }
  });
});

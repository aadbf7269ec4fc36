/**
 * Refusals through the real platform for the names added by issue 17 items 2, 3, 5 and issue 16
 * item 3: every role that must not use them is refused (or sees nothing), through the gateway and
 * with `_entities` straight at the plans subgraph, and nothing changes. The service tests cover
 * each rule in detail; this checks that the wiring (gateway, tokens, directories) keeps them.
 */
import { DEMO } from '@hb/kit';
import { createClient, startTestPlatform, tokens, type TestPlatform } from '../testkit';

let platform: TestPlatform;
let client: { id: string };
let other: { id: string };
let proposalId: string;
let complaintId: string;
let planId: string;
const SECRET = `Salainen toive ${Date.now()}`;
const COMPLAINT = `Salainen reklamaatio ${Date.now()}`;

type Who =
  | 'client'
  | 'otherClient'
  | 'stranger'
  | 'provider'
  | 'otherProvider'
  | 'organiser'
  | 'nokiaWorker'
  | 'adviser';
const token = async (who: Who): Promise<string> => {
  const t = tokens(platform);
  switch (who) {
    case 'client':
      return t.client(client.id);
    case 'otherClient':
      return t.client(other.id);
    case 'stranger':
      return t.teamMember(crypto.randomUUID(), client.id);
    case 'provider':
      return t.provider(DEMO.providerId);
    case 'otherProvider':
      return t.provider(crypto.randomUUID());
    case 'organiser':
      return t.organiser();
    case 'nokiaWorker':
      return t.worker('536');
    case 'adviser':
      return t.adviser();
  }
};

const gql = async (who: Who, query: string, variables: Record<string, unknown> = {}) =>
  platform.gql<Record<string, unknown>>(query, variables, { token: await token(who) });

const codes = (res: { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }) =>
  (res.errors ?? []).map((e) => e.extensions?.code);

beforeAll(async () => {
  platform = await startTestPlatform();
  const adviser = await tokens(platform).adviser();
  client = await createClient(platform, adviser, { firstName: 'Salla', lastName: 'Salainen' });
  other = await createClient(platform, adviser, { firstName: 'Toinen', lastName: 'Asiakas' });
  const saved = await gql(
    'client',
    `mutation($w: String!) { saveProposal(input: { wishes: $w, goals: "Tavoite" }) { proposal { id } errors { code } } }`,
    { w: SECRET },
  );
  proposalId = (saved.data!.saveProposal as { proposal: { id: string } }).proposal.id;
  await gql('client', `mutation { submitProposal { errors { code } } }`);
  const filed = await gql(
    'client',
    `mutation($c: ID!, $p: ID!, $t: String!) { fileComplaint(input: { clientId: $c, providerId: $p, text: $t }) { complaint { id } errors { code } } }`,
    { c: client.id, p: DEMO.providerId, t: COMPLAINT },
  );
  complaintId = (filed.data!.fileComplaint as { complaint: { id: string } }).complaint.id;
  const created = await gql(
    'adviser',
    `mutation($c: ID!, $y: Int!) { createPlan(input: { clientId: $c, municipalityCode: "837", year: $y, fromProposal: true }) { plan { id } errors { code } } }`,
    { c: client.id, y: new Date().getFullYear() },
  );
  planId = (created.data!.createPlan as { plan: { id: string } }).plan.id;
}, 240_000);

afterAll(async () => {
  await platform?.stop();
}, 60_000);

describe('refusals through the gateway', () => {
  it.each<Who>(['otherClient', 'stranger', 'provider', 'organiser', 'nokiaWorker'])(
    '%s reads neither her proposal nor her phase history',
    async (who) => {
      const res = await gql(
        who,
        `query($id: ID!) { client(id: $id) { id proposal { wishes } phaseHistory { toPhase } } }`,
        { id: client.id },
      );
      expect(JSON.stringify(res.data ?? {})).not.toContain(SECRET);
      expect(codes(res).length).toBeGreaterThan(0);
    },
  );

  it.each<Who>(['client', 'stranger', 'provider', 'organiser', 'nokiaWorker'])(
    '%s may not send her plan or reassign her staff, and nothing changes',
    async (who) => {
      const sent = await gql(
        who,
        `mutation($p: ID!) { sendPlan(planId: $p) { plan { sentAt } errors { code } } }`,
        {
          p: planId,
        },
      );
      expect(codes(sent)).toEqual([expect.stringMatching(/^(FORBIDDEN|NOT_FOUND)$/)]);
      const assigned = await gql(
        who,
        `mutation($c: ID!, $w: ID) { assignClientStaff(clientId: $c, input: { ownWorkerId: $w }) { errors { code } } }`,
        { c: client.id, w: DEMO.workerId },
      );
      expect(codes(assigned)).toEqual([expect.stringMatching(/^(FORBIDDEN|NOT_FOUND)$/)]);
      const plan = await gql('adviser', `query($p: ID!) { plan(id: $p) { sentAt } }`, {
        p: planId,
      });
      expect(plan.data!.plan).toEqual({ sentAt: null });
    },
  );

  it.each<Who>(['client', 'stranger', 'provider', 'organiser'])(
    '%s reads no feedback and answers none',
    async (who) => {
      expect(codes(await gql(who, `{ feedback(first: 5) { totalCount } }`))).toEqual(['FORBIDDEN']);
      const answered = await gql(
        who,
        `mutation($id: ID!) { answerFeedback(feedbackId: $id, answer: "x") { errors { code } } }`,
        { id: crypto.randomUUID() },
      );
      expect(codes(answered)).toEqual(['FORBIDDEN']);
    },
  );

  it.each<Who>(['otherClient', 'otherProvider', 'nokiaWorker'])(
    '%s does not see her complaint and cannot move it',
    async (who) => {
      const list = await gql(who, `{ complaints(first: 50) { edges { node { id text } } } }`);
      expect(JSON.stringify(list.data ?? {})).not.toContain(COMPLAINT);
      for (const m of [
        `mutation($id: ID!) { startComplaintHandling(complaintId: $id) { errors { code } } }`,
        `mutation($id: ID!) { respondToComplaint(complaintId: $id, response: "x") { errors { code } } }`,
      ]) {
        expect(codes(await gql(who, m, { id: complaintId }))).toEqual([
          expect.stringMatching(/^(FORBIDDEN|NOT_FOUND)$/),
        ]);
      }
      const seen = await gql(
        'adviser',
        `query($id: ID!) { complaint(id: $id) { status providerResponse } }`,
        {
          id: complaintId,
        },
      );
      expect(seen.data!.complaint).toEqual({ status: 'RECEIVED', providerResponse: null });
    },
  );

  it('the provider it concerns sees the complaint but not who made it', async () => {
    const res = await gql(
      'provider',
      `query($id: ID!) { complaint(id: $id) { text client { id firstName } } }`,
      { id: complaintId },
    );
    expect(res.data!.complaint).toEqual({ text: COMPLAINT, client: null });
  });
});

describe('_entities straight at the plans subgraph', () => {
  const direct = async (query: string, variables: Record<string, unknown>, who: Who) => {
    const url = platform.services.find((s) => s.name === 'plans')!.url;
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token(who)}` },
      body: JSON.stringify({ query, variables }),
    });
    return res.text();
  };

  it.each<Who>(['otherClient', 'stranger', 'provider', 'organiser', 'nokiaWorker'])(
    '%s gets no Proposal',
    async (who) => {
      const text = await direct(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Proposal { wishes } } }`,
        { r: [{ __typename: 'Proposal', id: proposalId }] },
        who,
      );
      expect(text).not.toContain(SECRET);
      expect(text).toMatch(/FORBIDDEN/);
    },
  );

  it.each<Who>(['otherClient', 'stranger', 'otherProvider', 'organiser', 'nokiaWorker'])(
    '%s gets no Complaint',
    async (who) => {
      const text = await direct(
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Complaint { text } } }`,
        { r: [{ __typename: 'Complaint', id: complaintId }] },
        who,
      );
      expect(text).not.toContain(COMPLAINT);
      expect(text).toMatch(/NOT_FOUND/);
    },
  );
});

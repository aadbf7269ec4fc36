import crypto from 'node:crypto';
import { DEMO } from '@hb/kit';
import { createClient, decideBudget, issueCommitment, tokens, usePlatform } from './testkit';

/**
 * Inbox items go to the client's named own worker (issue 17 item 4), through the real clients,
 * budgets and plans services: assignClientStaff in the clients subgraph passes the named staff
 * on to the budgets subgraph (syncClientStaff, which reads them back), so a provider's concern
 * reaches the named worker and not a colleague of the same municipality; after the worker is
 * unassigned, the next concern reaches every own worker of the municipality, and the earlier
 * one stays where it was.
 */
const platform = usePlatform();

const INBOX = `{ inbox(first: 100) { edges { node { body client { id } } } } }`;

it('a concern reaches the named own worker only, and after unassigning, every own worker', async () => {
  const adviser = await tokens(platform).adviser();
  const named = await tokens(platform).worker();
  const colleague = await platform.token({
    sub: crypto.randomUUID(),
    role: 'WORKER',
    municipalities: [DEMO.tampere],
  });
  const client = await createClient(platform, adviser);
  const assign = async (ownWorkerId: string | null) => {
    const res = await platform.gql<{ assignClientStaff: { errors: unknown[] } }>(
      `mutation($c: ID!, $w: ID, $a: ID) {
        assignClientStaff(clientId: $c, input: { ownWorkerId: $w, adviserId: $a }) { errors { code } } }`,
      { c: client.id, w: ownWorkerId, a: DEMO.adviserId },
      { token: adviser },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.assignClientStaff.errors).toEqual([]);
  };
  await assign(DEMO.workerId);
  const budget = await decideBudget(platform, adviser, client.id);
  const commitment = await issueCommitment(platform, adviser, {
    budgetId: budget.id,
    providerId: DEMO.providerId,
  });
  const provider = await tokens(platform).provider(DEMO.providerId);
  const raise = async (message: string) => {
    const res = await platform.gql<{ raiseConcern: { errors: unknown[] } }>(
      `mutation($i: RaiseConcernInput!) { raiseConcern(input: $i) { errors { code } } }`,
      { i: { commitmentId: commitment.id, kind: 'NEED_NOT_MET', message } },
      { token: provider },
    );
    expect(res.data?.raiseConcern.errors).toEqual([]);
  };
  const concerns = async (token: string) => {
    const res = await platform.gql<{
      inbox: { edges: Array<{ node: { body: string; client: { id: string } } }> };
    }>(INBOX, {}, { token });
    expect(res.errors).toBeUndefined();
    return res
      .data!.inbox.edges.filter((e) => e.node.client.id === client.id)
      .map((e) => e.node.body)
      .filter((b) => b.startsWith('Huoli '));
  };

  await raise('Huoli 1: nimetylle omatyöntekijälle.');
  expect(await concerns(named)).toEqual(['Huoli 1: nimetylle omatyöntekijälle.']);
  expect(await concerns(colleague)).toEqual([]);

  await assign(null);
  await raise('Huoli 2: ei nimettyä omatyöntekijää.');
  expect(await concerns(colleague)).toEqual(['Huoli 2: ei nimettyä omatyöntekijää.']);
  expect(await concerns(named)).toEqual([
    'Huoli 2: ei nimettyä omatyöntekijää.',
    'Huoli 1: nimetylle omatyöntekijälle.',
  ]);
}, 180_000);

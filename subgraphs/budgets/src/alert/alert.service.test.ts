import crypto from 'node:crypto';
import { graphql } from 'graphql';
import { DEMO, createLogger, type Principal } from '@hb/kit';
import { principal, queryDatabase } from '@hb/kit/testing';
import { createStores } from '../shared/stores';
import { runDailyBudgetJob } from '../budget/daily-job';
import {
  approvedProvider,
  budgetWithCommitments,
  budgetsFixture,
  fakeRemote,
} from '../testing/budgets-fixture';

/**
 * Alerts on a real PostgreSQL: re-evaluated on every change and daily, resolving themselves,
 * acknowledged by staff; everyone else refused. The other subgraphs are the remote ports.
 */
const year = new Date().getFullYear();
const TODAY = `${year}-08-08`;
const approved = crypto.randomUUID();
const {
  remote,
  clients: clientsById,
  providers,
} = fakeRemote({ consents: { myConsentScopes: async () => ['BUDGET'] } });
providers.set(approved, approvedProvider(approved));
const f = budgetsFixture({ seed: 'demo', schema: true, remote, today: TODAY });
const { as, q } = f;

const worker = principal('WORKER', { sub: DEMO.workerId, municipalities: ['837'] });
const provider = principal('PROVIDER', { providerId: approved });

/** A 10 000 € budget of a new client in `municipality`, committed whole to the provider. */
async function budgetOf(municipality = '837') {
  const clientId = crypto.randomUUID();
  clientsById.set(clientId, municipality);
  const staff = principal('WORKER', { sub: DEMO.workerId, municipalities: [municipality] });
  const b = await budgetWithCommitments(f, staff, year, {
    clientId,
    municipality,
    commitments: [{ providerId: approved, amount: '10000.00' }],
  });
  return { budget: b.budget, clientId, commitmentId: b.commitments.get(approved)! };
}

const alertsOf = (budgetId: string) =>
  q<{ id: string; key: string; status: string; message: string }>(
    `SELECT id, key, status, message FROM budgets.budget_alert WHERE budget_id = $1 ORDER BY key`,
    [budgetId],
  );

async function charge(commitmentId: string, amount: string) {
  const result = await as(provider).ledger.recordCharge({
    commitmentId,
    amount,
    serviceDate: `${year}-08-01`,
    description: 'Ohjaus',
    idempotencyKey: crypto.randomUUID(),
  });
  expect(result.errors).toEqual([]);
  return result.transaction!;
}

describe('alerts re-evaluated on every change', () => {
  it('an under-use alert refreshes its numbers, then resolves itself after the charge that fixes it', async () => {
    const { budget, commitmentId } = await budgetOf();
    // Decided in August with nothing used: 0 % against 60 % of the year.
    const [raised] = await alertsOf(budget.id);
    expect(raised).toMatchObject({ key: `UNDERUSE:${year}-08`, status: 'OPEN' });
    expect(raised!.message).toContain('käytetty 0\u00a0%');

    const eventsAfter = async (sequence: string) =>
      q<{ sequence: string; change: string; kind: string | null; tx: boolean }>(
        `SELECT sequence::text AS sequence, change, kind, transaction_id IS NOT NULL AS tx
         FROM budgets.budget_event WHERE budget_id = $1 AND sequence > $2::bigint ORDER BY sequence`,
        [budget.id, sequence],
      );
    const [last] = await q<{ s: string }>(
      `SELECT coalesce(max(sequence), 0)::text AS s FROM budgets.budget_event WHERE budget_id = $1`,
      [budget.id],
    );
    await charge(commitmentId, '500.00');
    const [refreshed] = await alertsOf(budget.id);
    expect(refreshed).toMatchObject({ id: raised!.id, status: 'OPEN' });
    expect(refreshed!.message).toContain('500,00\u00a0€');
    // Only the alert's figures changed: one event for the charge, none with kind null beside it.
    expect((await eventsAfter(last!.s)).map((e) => [e.change, e.kind, e.tx])).toEqual([
      ['CHARGE_RECORDED', 'CHARGE', true],
    ]);

    const fixing = await charge(commitmentId, '4000.00');
    const [resolved] = await alertsOf(budget.id);
    expect(resolved).toMatchObject({ id: raised!.id, status: 'RESOLVED' });
    expect(await as(worker).budgets.alerts(budget)).toEqual([]);
    expect((await as(worker).budgets.alerts(budget, true)).map((a) => a.status)).toEqual([
      'RESOLVED',
    ]);
    const events = await q<{ change: string }>(
      `SELECT change FROM budgets.budget_event WHERE budget_id = $1 ORDER BY sequence`,
      [budget.id],
    );
    expect(events.map((e) => e.change).slice(-2)).toEqual(['CHARGE_RECORDED', 'ALERT_RESOLVED']);

    // The client rejects the charge: the condition holds again and the same alert reopens.
    const client = principal('CLIENT', { clientId: budget.clientId });
    expect((await as(client).ledger.reject(fixing.id, 'Ei toteutunut')).errors).toEqual([]);
    const [reopened] = await alertsOf(budget.id);
    expect(reopened).toMatchObject({ id: raised!.id, status: 'OPEN' });
  });

  it("the daily job resolves an alert whose month has passed and raises the new month's", async () => {
    const { budget } = await budgetOf();
    const logger = createLogger('test', 'silent');
    await runDailyBudgetJob(
      createStores(f.database.dataSource),
      { remote, today: () => `${year}-09-10` },
      logger,
    );
    const after = (await alertsOf(budget.id)).map((a) => [a.key, a.status]);
    expect(after).toEqual([
      [`UNDERUSE:${year}-08`, 'RESOLVED'],
      [`UNDERUSE:${year}-09`, 'OPEN'],
    ]);
    // Run again the same day: nothing changes.
    await runDailyBudgetJob(
      createStores(f.database.dataSource),
      { remote, today: () => `${year}-09-10` },
      logger,
    );
    expect((await alertsOf(budget.id)).map((a) => [a.key, a.status])).toEqual(after);
  });
});

describe('acknowledgeAlert', () => {
  it('staff of the municipality acknowledge an open alert once, with a note', async () => {
    const { budget } = await budgetOf();
    const [alert] = await alertsOf(budget.id);
    const empty = await as(worker).alerts.acknowledge(alert!.id, '   ');
    expect(empty.errors.map((e) => [e.code, e.field])).toEqual([['VALIDATION', 'note']]);
    const adviser = principal('ADVISER', { sub: DEMO.adviserId, municipalities: ['837'] });
    const done = await as(adviser).alerts.acknowledge(
      alert!.id,
      ' Soitettu, käyttö alkaa syyskuussa. ',
    );
    expect(done.errors).toEqual([]);
    expect(done.alert).toMatchObject({
      status: 'ACKNOWLEDGED',
      acknowledgedBy: DEMO.adviserId,
      acknowledgementNote: 'Soitettu, käyttö alkaa syyskuussa.',
    });
    const again = await as(worker).alerts.acknowledge(alert!.id, 'Toinen');
    expect(again.errors.map((e) => e.code)).toEqual(['ALREADY_ACKNOWLEDGED']);
    // Acknowledged alerts still show: the condition has not passed.
    expect((await as(worker).budgets.alerts(budget)).map((a) => a.status)).toEqual([
      'ACKNOWLEDGED',
    ]);
    const logged = await queryDatabase<{ n: number }>(
      f.url,
      `SELECT count(*)::int AS n FROM audit.access_log WHERE subject = 'BudgetAlert.acknowledged' AND client_id = $1`,
      [budget.clientId],
    );
    expect(logged[0]!.n).toBe(1);
  });

  const refused: Array<[string, (clientId: string) => Principal | null, string]> = [
    ['no token', () => null, 'UNAUTHENTICATED'],
    ['the client herself', (id) => principal('CLIENT', { clientId: id }), 'FORBIDDEN'],
    ['her team member', (id) => principal('TEAM_MEMBER', { clientId: id }), 'FORBIDDEN'],
    ['a provider', () => provider, 'FORBIDDEN'],
    ['organiser staff', () => principal('ORGANISER', { municipalities: ['837'] }), 'FORBIDDEN'],
    [
      'a municipal system',
      () => principal('MUNICIPAL_SYSTEM', { municipalities: ['837'], scopes: ['budgets:read'] }),
      'FORBIDDEN',
    ],
  ];

  it.each(refused)('refuses %s and changes nothing', async (_, who, code) => {
    const { budget, clientId } = await budgetOf();
    const [alert] = await alertsOf(budget.id);
    await expect(as(who(clientId)).alerts.acknowledge(alert!.id, 'Ei')).rejects.toMatchObject({
      extensions: { code },
    });
    expect((await alertsOf(budget.id))[0]!.status).toBe('OPEN');
  });

  it('answers staff of another municipality exactly as for an alert that does not exist', async () => {
    const { budget } = await budgetOf('536');
    const [alert] = await alertsOf(budget.id);
    const foreign = await as(worker).alerts.acknowledge(alert!.id, 'Ei');
    const missing = await as(worker).alerts.acknowledge(crypto.randomUUID(), 'Ei');
    const junk = await as(worker).alerts.acknowledge('not-a-uuid', 'Ei');
    expect(foreign).toEqual(missing);
    expect(junk).toEqual(missing);
    expect(missing.errors.map((e) => e.code)).toEqual(['NOT_FOUND']);
    expect((await alertsOf(budget.id))[0]!.status).toBe('OPEN');
  });

  it('through _entities and the graph: a client sees the alert addressed to her, not the staff note', async () => {
    const { budget, clientId } = await budgetOf();
    const [alert] = await alertsOf(budget.id);
    await as(worker).alerts.acknowledge(alert!.id, 'Sisäinen muistiinpano');
    const read = async (who: Principal) =>
      graphql({
        schema: f.schema,
        source: `query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Budget {
          alerts { id status acknowledgementNote addressedTo plainMessage } } } }`,
        variableValues: { reps: [{ __typename: 'Budget', id: budget.id }] },
        contextValue: as(who),
      });
    const mine = await read(principal('CLIENT', { clientId }));
    expect(mine.errors).toBeUndefined();
    expect(JSON.stringify(mine.data)).not.toContain('Sisäinen');
    expect(mine.data).toMatchObject({
      _entities: [
        {
          alerts: [
            {
              status: 'ACKNOWLEDGED',
              acknowledgementNote: null,
              addressedTo: ['OWN_WORKER', 'ADVISER', 'CLIENT', 'TEAM'],
            },
          ],
        },
      ],
    });
    const staff = await read(worker);
    expect(JSON.stringify(staff.data)).toContain('Sisäinen muistiinpano');
  });
});

import crypto from 'node:crypto';
import { DEMO, todayInFinland } from '@hb/kit';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { TestPlatform } from './platform';

/**
 * Decides a day-activities budget (2 days × 48 weeks × 160 € = 15 360 €) for a client and
 * commits all of it to `commitTo` (the demo provider unless null), so that it can charge.
 */
export async function decideDayActivities(
  platform: TestPlatform,
  adviserToken: string,
  clientId: string,
  municipalityCode: string = DEMO.tampere,
  commitTo: string | null = DEMO.providerId,
): Promise<{ id: string; commitmentId: string | null }> {
  const classes = await platform.gql<{
    serviceTypes: Array<{ code: string; classes: Array<{ id: string; individual: boolean }> }>;
  }>(
    `query($m: ID!) { serviceTypes { code classes(municipalityCode: $m) { id individual } } }`,
    { m: municipalityCode },
    { token: adviserToken },
  );
  const individual = classes.data?.serviceTypes
    .find((s) => s.code === 'DAY_ACTIVITIES')
    ?.classes.find((c) => c.individual);
  if (!individual) throw new Error(`No individual class: ${JSON.stringify(classes)}`);
  const res = await platform.gql<{
    decideBudget: { budget: { id: string } | null; errors: unknown[] };
  }>(
    `mutation($input: DecideBudgetInput!) {
      decideBudget(input: $input) { budget { id } errors { code message field } }
    }`,
    {
      input: {
        clientId,
        year: new Date().getFullYear(),
        serviceType: 'DAY_ACTIVITIES',
        hbClassId: individual.id,
        unitPrice: '160.00',
        weeklyUnits: 2,
        weeks: 48,
        paymentIntervalMonths: 3,
        instrument: 'VOUCHER',
      },
    },
    { token: adviserToken },
  );
  const budget = res.data?.decideBudget.budget;
  if (!budget) throw new Error(`decideBudget failed: ${JSON.stringify(res)}`);
  if (!commitTo) return { id: budget.id, commitmentId: null };
  const issued = await platform.gql<{
    issueCommitment: { commitment: { id: string } | null; errors: unknown[] };
  }>(
    `mutation($i: IssueCommitmentInput!) {
      issueCommitment(input: $i) { commitment { id } errors { code message field } }
    }`,
    {
      i: {
        budgetId: budget.id,
        providerId: commitTo,
        amount: '15360.00',
        reason: 'Henkilökohtainen ohjaus (testi)',
        discretionaryReason: 'Asiakkaan valinta (testi)',
      },
    },
    { token: adviserToken },
  );
  const commitment = issued.data?.issueCommitment.commitment;
  if (!commitment) throw new Error(`issueCommitment failed: ${JSON.stringify(issued)}`);
  return { id: budget.id, commitmentId: commitment.id };
}

/** Records a provider's charge on its only active commitment on a budget; returns the transaction id. */
export async function recordCharge(
  platform: TestPlatform,
  token: string,
  budgetId: string,
  amount: string,
  providerId: string = DEMO.providerId,
): Promise<string> {
  const res = await platform.gql<{
    recordCharge: { transaction: { id: string } | null; errors: unknown[] };
  }>(
    `mutation($input: RecordChargeInput!) {
      recordCharge(input: $input) { transaction { id } errors { code message field } }
    }`,
    {
      input: {
        budgetId,
        providerId,
        amount,
        serviceDate: todayInFinland(),
        description: 'Henkilökohtainen ohjaus',
        idempotencyKey: crypto.randomUUID(),
      },
    },
    { token },
  );
  const tx = res.data?.recordCharge.transaction;
  if (!tx) throw new Error(`recordCharge failed: ${JSON.stringify(res)}`);
  return tx.id;
}

/** A graphql-ws client of a gateway, collecting what one subscription receives. */
export interface LiveSubscription<T> {
  events: T[];
  errors: unknown[];
  completed: boolean;
  /** Resolves when at least `n` events have arrived (or rejects after `timeoutMs`). */
  waitFor(n: number, timeoutMs?: number): Promise<T[]>;
  /** Resolves when the subscription ended with an error or completed. */
  ended(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export function subscribe<T>(
  gatewayUrl: string,
  token: string | null,
  query: string,
  variables: Record<string, unknown>,
): LiveSubscription<T> {
  const client: WsClient = createWsClient({
    url: gatewayUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
  });
  const live: LiveSubscription<T> = {
    events: [],
    errors: [],
    completed: false,
    async waitFor(n, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (live.events.length < n) {
        if (Date.now() > deadline) {
          throw new Error(
            `Got ${live.events.length}/${n} events; errors: ${JSON.stringify(live.errors)}`,
          );
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      return live.events;
    },
    async ended(timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!live.completed && live.errors.length === 0) {
        if (Date.now() > deadline) throw new Error('Subscription did not end.');
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: async () => {
      await client.dispose();
    },
  };
  client.subscribe<T>(
    { query, variables },
    {
      next: (result) => {
        if (result.errors) live.errors.push(...result.errors);
        if (result.data) live.events.push(result.data as T);
      },
      error: (error) => {
        live.errors.push(error);
      },
      complete: () => {
        live.completed = true;
      },
    },
  );
  return live;
}

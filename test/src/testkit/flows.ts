import crypto from 'node:crypto';
import { DEMO, todayInFinland } from '@hb/kit';
import { must } from './must';
import type { TestPlatform } from './platform';

/** Tokens of the demo world's people, for a test platform. */
export function tokens(platform: TestPlatform) {
  return {
    adviser: () =>
      platform.token({ sub: DEMO.adviserId, role: 'ADVISER', municipalities: [...DEMO.pirkanmaa] }),
    worker: (municipality: string = DEMO.tampere) =>
      platform.token({ sub: DEMO.workerId, role: 'WORKER', municipalities: [municipality] }),
    client: (clientId: string) => platform.token({ sub: clientId, role: 'CLIENT', clientId }),
    teamMember: (memberId: string, clientId: string) =>
      platform.token({ sub: memberId, role: 'TEAM_MEMBER', clientId }),
    organiser: (municipality: string = DEMO.tampere) =>
      platform.token({ sub: DEMO.organiserId, role: 'ORGANISER', municipalities: [municipality] }),
    provider: (providerId: string) =>
      platform.token({ sub: `user-${providerId}`, role: 'PROVIDER', providerId }),
  };
}

/** Creates a client of its own for one test, through the gateway. */
export async function createClient(
  platform: TestPlatform,
  token: string,
  input: Partial<{
    firstName: string;
    lastName: string;
    municipalityCode: string;
    dateOfBirth: string;
  }> = {},
): Promise<{ id: string; firstName: string; lastName: string }> {
  const res = await platform.gql<{
    createClient: {
      client: { id: string; firstName: string; lastName: string } | null;
      errors: unknown[];
    };
  }>(
    `mutation($input: CreateClientInput!) {
      createClient(input: $input) { client { id firstName lastName } errors { code message field } }
    }`,
    {
      input: {
        firstName: 'Testi',
        lastName: `Asiakas-${crypto.randomBytes(3).toString('hex')}`,
        municipalityCode: DEMO.tampere,
        ...input,
      },
    },
    { token },
  );
  const payload = res.data?.createClient;
  if (!payload?.client) throw new Error(`createClient failed: ${JSON.stringify(res)}`);
  return payload.client;
}

// ---------------------------------------------------------------------------------------------
// Reusable flows for the security tests: every step goes through the gateway like a real caller.
// ---------------------------------------------------------------------------------------------

/** A unique, recognisable marker: if it appears in a refused response, data has leaked. */
export const marker = (prefix: string) => `${prefix}${crypto.randomBytes(4).toString('hex')}`;

/** Tokens of further roles (municipal systems, staff of other municipalities). */
export function moreTokens(platform: TestPlatform) {
  return {
    municipalSystem: (municipality: string = DEMO.tampere, scopes: string[] = []) =>
      platform.token({
        sub: `${DEMO.municipalSystemId}-${municipality}`,
        role: 'MUNICIPAL_SYSTEM',
        municipalities: [municipality],
        scopes,
      }),
    adviserOf: (municipalities: string[]) =>
      platform.token({ sub: DEMO.adviserId, role: 'ADVISER', municipalities }),
  };
}

/** The id of an HB class of a municipality (DAY_ACTIVITIES level 5 unless told). */
export async function hbClassId(
  platform: TestPlatform,
  token: string,
  municipalityCode: string = DEMO.tampere,
  serviceType = 'DAY_ACTIVITIES',
  level = 5,
): Promise<string> {
  const res = await platform.gql<{
    serviceTypes: Array<{ code: string; classes: Array<{ id: string; level: number | null }> }>;
  }>(
    `query($m: ID!) { serviceTypes { code classes(municipalityCode: $m) { id level } } }`,
    { m: municipalityCode },
    { token },
  );
  const cls = res.data?.serviceTypes
    .find((s) => s.code === serviceType)
    ?.classes.find((c) => c.level === level);
  if (!cls) throw new Error(`no HB class: ${JSON.stringify(res)}`);
  return cls.id;
}

export interface DecidedBudget {
  id: string;
  granted: string;
}

/** Decides a day-activities budget for this year (as an adviser or the client's own worker). */
export async function decideBudget(
  platform: TestPlatform,
  token: string,
  clientId: string,
  options: { municipalityCode?: string; weeklyUnits?: number; weeks?: number; year?: number } = {},
): Promise<DecidedBudget> {
  const hbClass = await hbClassId(platform, token, options.municipalityCode ?? DEMO.tampere);
  const payload = await must<{ budget: { id: string; granted: { amount: string } } }>(
    platform,
    'decideBudget',
    `mutation($i: DecideBudgetInput!) { decideBudget(input: $i) {
      budget { id granted { amount } } errors { code message field } } }`,
    {
      i: {
        clientId,
        year: options.year ?? new Date().getFullYear(),
        serviceType: 'DAY_ACTIVITIES',
        hbClassId: hbClass,
        weeklyUnits: options.weeklyUnits ?? 3,
        weeks: options.weeks ?? 41,
        paymentIntervalMonths: 3,
        instrument: 'VOUCHER',
      },
    },
    token,
  );
  return { id: payload.budget.id, granted: payload.budget.granted.amount };
}

/**
 * Issues a payment commitment (maksusitoumus) to a provider on a budget, as the client's own
 * worker or HB adviser; the whole budget unless an amount is given. A discretionary reason is
 * always sent: it is kept only where the provider needs one (not approved, or not serving the
 * municipality).
 */
export async function issueCommitment(
  platform: TestPlatform,
  token: string,
  input: {
    budgetId: string;
    providerId: string;
    amount?: string;
    validFrom?: string;
    validTo?: string;
  },
): Promise<{ id: string }> {
  let amount = input.amount;
  if (!amount) {
    const res = await platform.gql<{ budget: { uncommitted: { amount: string } } | null }>(
      `query($id: ID!) { budget(id: $id) { uncommitted { amount } } }`,
      { id: input.budgetId },
      { token },
    );
    amount = res.data?.budget?.uncommitted.amount;
    if (!amount) throw new Error(`budget not readable: ${JSON.stringify(res)}`);
  }
  const payload = await must<{ commitment: { id: string } }>(
    platform,
    'issueCommitment',
    `mutation($i: IssueCommitmentInput!) { issueCommitment(input: $i) {
      commitment { id } errors { code message field } } }`,
    {
      i: {
        budgetId: input.budgetId,
        providerId: input.providerId,
        amount,
        validFrom: input.validFrom ?? null,
        validTo: input.validTo ?? null,
        reason: 'Toteutussuunnitelman mukaan (testi)',
        discretionaryReason: 'Asiakkaan valinta (testi)',
      },
    },
    token,
  );
  return { id: payload.commitment.id };
}

/**
 * Records a pending charge (as the provider itself, or staff on its behalf) on the provider's
 * commitment: the one named, or its only active commitment on the budget.
 */
export async function recordCharge(
  platform: TestPlatform,
  token: string,
  input: {
    budgetId: string;
    providerId: string;
    commitmentId?: string;
    amount?: string;
    description?: string;
    serviceDate?: string;
  },
): Promise<{ id: string; description: string }> {
  const description = input.description ?? marker('Veloitus ');
  const payload = await must<{ transaction: { id: string } }>(
    platform,
    'recordCharge',
    `mutation($i: RecordChargeInput!) { recordCharge(input: $i) {
      transaction { id } errors { code message field } } }`,
    {
      i: {
        budgetId: input.budgetId,
        providerId: input.providerId,
        commitmentId: input.commitmentId ?? null,
        amount: input.amount ?? '123.45',
        serviceDate: input.serviceDate ?? todayInFinland(),
        description,
        idempotencyKey: crypto.randomUUID(),
      },
    },
    token,
  );
  return { id: payload.transaction.id, description };
}

export interface CreatedPlan {
  id: string;
  supportNeeds: string;
  goalIds: string[];
}

/** Drafts an implementation plan with one goal (as staff of the client's municipality). */
export async function createPlan(
  platform: TestPlatform,
  token: string,
  clientId: string,
  options: { municipalityCode?: string; year?: number; supportNeeds?: string } = {},
): Promise<CreatedPlan> {
  const supportNeeds = options.supportNeeds ?? marker('Tuen tarve ');
  const payload = await must<{ plan: { id: string; goals: Array<{ id: string }> } }>(
    platform,
    'createPlan',
    `mutation($i: CreatePlanInput!) { createPlan(input: $i) {
      plan { id goals { id } } errors { code message field } } }`,
    {
      i: {
        clientId,
        municipalityCode: options.municipalityCode ?? DEMO.tampere,
        year: options.year ?? new Date().getFullYear(),
        supportNeeds,
        practicalPlan: 'Käytännön toteutus',
        goals: [{ description: 'Itsenäinen asiointi', indicator: 'Kerrat kuukaudessa' }],
      },
    },
    token,
  );
  return { id: payload.plan.id, supportNeeds, goalIds: payload.plan.goals.map((g) => g.id) };
}

/** Replaces a plan's allocations: one allocation of a budget to a provider. */
export async function setAllocation(
  platform: TestPlatform,
  token: string,
  planId: string,
  allocation: { budgetId: string; providerId: string; amount?: string; description?: string },
): Promise<{ allocationIds: string[] }> {
  const payload = await must<{ plan: { allocations: Array<{ id: string }> } }>(
    platform,
    'setAllocations',
    `mutation($p: ID!, $a: [AllocationInput!]!) { setAllocations(planId: $p, allocations: $a) {
      plan { allocations { id } } errors { code message field } } }`,
    {
      p: planId,
      a: [
        {
          budgetId: allocation.budgetId,
          providerId: allocation.providerId,
          amount: allocation.amount ?? '1000.00',
          description: allocation.description ?? 'Päivätoiminta',
        },
      ],
    },
    token,
  );
  return { allocationIds: payload.plan.allocations.map((a) => a.id) };
}

/** Reads a client's own access log (as the client). */
export async function accessLogOf(
  platform: TestPlatform,
  clientId: string,
): Promise<
  Array<{ actorId: string; actorRole: string; action: string; subject: string; requestId: string }>
> {
  const res = await platform.gql<{
    client: {
      accessLog: {
        edges: Array<{
          node: {
            actorId: string;
            actorRole: string;
            action: string;
            subject: string;
            requestId: string;
          };
        }>;
      };
    };
  }>(
    `query($id: ID!) { client(id: $id) { accessLog(first: 100) { edges { node { actorId actorRole action subject requestId } } } } }`,
    { id: clientId },
    { token: await platform.token({ sub: clientId, role: 'CLIENT', clientId }) },
  );
  if (!res.data?.client) throw new Error(`accessLog failed: ${JSON.stringify(res)}`);
  return res.data.client.accessLog.edges.map((e) => e.node);
}

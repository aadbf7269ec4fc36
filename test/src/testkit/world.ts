import { DEMO } from '@hb/kit';
import type { TestPlatform } from './platform';
import {
  createClient,
  createPlan,
  decideBudget,
  issueCommitment,
  marker,
  recordCharge,
  setAllocation,
  type CreatedPlan,
  type DecidedBudget,
} from './flows';
import { addTeamMember, grantConsent } from './team-flows';

/** A client made for one test, with its data and recognisable markers. */
export interface WorldClient {
  id: string;
  firstName: string;
  lastName: string;
  municipalityCode: string;
  budget: DecidedBudget;
  /** The whole budget committed to the world's provider. */
  commitment: { id: string };
  charge: { id: string; description: string };
  plan: CreatedPlan;
  allocationIds: string[];
  /** A team member with BUDGET, PLAN and DOCUMENTS consent, and one without any consent. */
  memberWithConsent: { id: string; name: string };
  memberWithoutConsent: { id: string; name: string };
}

/**
 * Makes a client with a decided budget committed to `providerId`, a pending charge of it, a draft plan with an
 * allocation to that provider, and two team members (one with consent), all through the gateway.
 */
export async function makeWorldClient(
  platform: TestPlatform,
  adviser: string,
  options: { municipalityCode?: string; providerId?: string } = {},
): Promise<WorldClient> {
  const municipalityCode = options.municipalityCode ?? DEMO.tampere;
  const providerId = options.providerId ?? DEMO.providerId;
  const client = await createClient(platform, adviser, {
    firstName: marker('Etu'),
    lastName: marker('Suku'),
    municipalityCode,
  });
  const memberWithConsent = await addTeamMember(platform, adviser, client.id);
  const memberWithoutConsent = await addTeamMember(platform, adviser, client.id);
  await grantConsent(platform, adviser, client.id, memberWithConsent.id);
  const budget = await decideBudget(platform, adviser, client.id, { municipalityCode });
  const commitment = await issueCommitment(platform, adviser, { budgetId: budget.id, providerId });
  const charge = await recordCharge(platform, adviser, { budgetId: budget.id, providerId });
  const plan = await createPlan(platform, adviser, client.id, { municipalityCode });
  const { allocationIds } = await setAllocation(platform, adviser, plan.id, {
    budgetId: budget.id,
    providerId,
  });
  return {
    ...client,
    municipalityCode,
    budget,
    commitment,
    charge,
    plan,
    allocationIds,
    memberWithConsent,
    memberWithoutConsent,
  };
}

/**
 * An approved provider of the demo world other than `not` (public catalogue) that offers day
 * activities in Tampere and Nokia.
 */
export async function otherProviderId(
  platform: TestPlatform,
  not: string = DEMO.providerId,
): Promise<string> {
  const res = await platform.gql<{ providers: { edges: Array<{ node: { id: string } }> } }>(
    `{ providers(first: 20, search: { serviceType: "DAY_ACTIVITIES", municipalityCode: "536" }) { edges { node { id } } } }`,
  );
  const id = res.data?.providers.edges.map((e) => e.node.id).find((x) => x !== not);
  if (!id) throw new Error(`no other provider: ${JSON.stringify(res)}`);
  return id;
}

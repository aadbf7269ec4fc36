import { DEMO } from '@hb/kit';
import {
  createClient,
  createPlan,
  decideBudget,
  setAllocation,
  tokens,
  usePlatform,
} from './testkit';

/**
 * A re-assessment below a plan's allocations marks the plan for revision (issue 15 item 7),
 * through the real budgets and plans services: `Plan.needsRevision` is derived when read from
 * the budgets as they are now, so no event or flag can be missed or left stale; raising the
 * budget again clears it.
 */
const platform = usePlatform();

const READ = `query($id: ID!) { plan(id: $id) { needsRevision revisionFindings { reason subjectId } } }`;

it('a re-assessment below the allocations flags the plan; one back above clears it', async () => {
  const adviser = await tokens(platform).adviser();
  const client = await createClient(platform, adviser, { firstName: 'Tarkistus' });
  // Next year's budget: nothing of it is paid out yet, so it may be re-assessed lower.
  const year = new Date().getFullYear() + 1;
  const budget = await decideBudget(platform, adviser, client.id, {
    weeklyUnits: 2,
    weeks: 48,
    year,
  });
  const plan = await createPlan(platform, adviser, client.id, { year });
  await setAllocation(platform, adviser, plan.id, {
    budgetId: budget.id,
    providerId: DEMO.providerId,
    amount: '10000.00',
  });
  const read = async () => {
    const res = await platform.gql<{
      plan: {
        needsRevision: boolean;
        revisionFindings: Array<{ reason: string; subjectId: string }>;
      };
    }>(READ, { id: plan.id }, { token: adviser });
    expect(res.errors).toBeUndefined();
    return res.data!.plan;
  };
  expect(await read()).toEqual({ needsRevision: false, revisionFindings: [] });
  await decideBudget(platform, adviser, client.id, { weeklyUnits: 1, weeks: 48, year });
  expect(await read()).toEqual({
    needsRevision: true,
    revisionFindings: [{ reason: 'OVER_BUDGET', subjectId: budget.id }],
  });
  await decideBudget(platform, adviser, client.id, { weeklyUnits: 2, weeks: 48, year });
  expect(await read()).toEqual({ needsRevision: false, revisionFindings: [] });
}, 120_000);

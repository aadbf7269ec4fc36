/**
 * The GraphQL over HTTP compliance audit of `graphql-http` (`auditServer`) against the
 * gateway and each subgraph, real processes: every MUST audit passes (issue 14). Two of the
 * audits ask `__type`, which production refuses on purpose (no introspection): a production
 * gateway passes every other MUST audit and fails those two only for that reason.
 */
import { auditServer, type AuditResult } from 'graphql-http';
import { startTestPlatform, type TestPlatform } from '../testkit';

let platform: TestPlatform;

beforeAll(async () => {
  platform = await startTestPlatform();
}, 180_000);

afterAll(async () => {
  await platform?.stop();
}, 60_000);

describe('graphql-http audit', () => {
  it.each(['gateway', 'clients', 'budgets', 'providers', 'plans'])(
    '%s passes every MUST audit',
    async (name) => {
      const url = platform.services.find((s) => s.name === name)!.url;
      expect(await failedMustAudits(url)).toEqual([]);
    },
  );

  it('a production gateway passes every MUST audit that does not introspect', async () => {
    const gateway = await platform.startGateway({ NODE_ENV: 'production' });
    try {
      const failed = await failedMustAudits(gateway.url);
      expect(failed.map((f) => f.name).sort()).toEqual([
        'MUST accept utf-8 encoded request',
        'MUST allow map {variables} parameter when accepting application/json',
      ]);
      for (const f of failed) expect(f.body).toMatch(/introspection is not allowed/);
    } finally {
      gateway.child.kill('SIGTERM');
    }
  });
});

async function failedMustAudits(
  url: string,
): Promise<Array<{ name: string; reason: string; status: number; body: string }>> {
  const results: AuditResult[] = await auditServer({ url });
  const must = results.filter((r) => r.name.startsWith('MUST'));
  expect(must.length).toBeGreaterThan(10);
  return Promise.all(
    must
      .filter((r) => r.status !== 'ok')
      .map(async (r) => ({
        name: r.name,
        reason: 'reason' in r ? r.reason : '',
        status: 'response' in r ? r.response.status : 0,
        body: 'response' in r ? (await r.response.text()).slice(0, 300) : '',
      })),
  );
}

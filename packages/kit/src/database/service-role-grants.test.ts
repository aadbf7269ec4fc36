import { serviceRoleGrants, serviceRoleRevokes } from './service-role-grants';

const oneLine = (sql: string) => sql.replace(/\s+/g, ' ').trim();

describe('service role grants', () => {
  // The statements the budgets DatabaseRole migration ran before the four were folded into
  // this helper: an already migrated database must be in the state a new one gets.
  it('are the statements the migrations ran', () => {
    expect(serviceRoleGrants('budgets').map(oneLine)).toEqual([
      'REVOKE ALL ON SCHEMA budgets FROM PUBLIC',
      'GRANT USAGE ON SCHEMA budgets TO hb_budgets',
      'GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA budgets TO hb_budgets',
      'GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA budgets TO hb_budgets',
      'REVOKE ALL ON budgets.migrations FROM hb_budgets',
      'ALTER DEFAULT PRIVILEGES FOR ROLE hb_owner IN SCHEMA budgets GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO hb_budgets',
      'ALTER DEFAULT PRIVILEGES FOR ROLE hb_owner IN SCHEMA budgets GRANT USAGE, SELECT ON SEQUENCES TO hb_budgets',
    ]);
    expect(serviceRoleRevokes('plans').map(oneLine)).toEqual([
      'ALTER DEFAULT PRIVILEGES FOR ROLE hb_owner IN SCHEMA plans REVOKE ALL ON TABLES FROM hb_plans',
      'ALTER DEFAULT PRIVILEGES FOR ROLE hb_owner IN SCHEMA plans REVOKE ALL ON SEQUENCES FROM hb_plans',
      'REVOKE ALL ON ALL TABLES IN SCHEMA plans FROM hb_plans',
      'REVOKE ALL ON ALL SEQUENCES IN SCHEMA plans FROM hb_plans',
      'REVOKE ALL ON SCHEMA plans FROM hb_plans',
    ]);
  });

  it.each(['Budgets', 'plans; DROP TABLE x', ''])('refuses %j as a schema name', (schema) => {
    expect(() => serviceRoleGrants(schema)).toThrow('Not a plain schema name');
  });
});

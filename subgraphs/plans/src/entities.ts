import type { DatabaseOptions } from '@hb/kit';
import { InitPlans1700000000400 } from './migrations/1700000000400-InitPlans';
import { PlansDatabaseRole1796040000400 } from './migrations/1796040000400-DatabaseRole';
import { PlanWorkflow1796100000400 } from './migrations/1796100000400-PlanWorkflow';
import { FeedbackComplaints1796100000410 } from './migrations/1796100000410-FeedbackComplaints';
import { PlanChangeRequest1796200000400 } from './migrations/1796200000400-PlanChangeRequest';

/**
 * What {@link openDatabase} needs to know about this subgraph's tables. The plans stores use
 * hand-written SQL (batch reads of whole versions, `jsonb_to_recordset` bulk inserts, date
 * arrays), so there are no TypeORM entity classes; the schema is the migrations.
 */
export const plansDatabase: DatabaseOptions = {
  schema: 'plans',
  entities: [],
  migrations: [
    InitPlans1700000000400,
    PlansDatabaseRole1796040000400,
    PlanWorkflow1796100000400,
    FeedbackComplaints1796100000410,
    PlanChangeRequest1796200000400,
  ],
};

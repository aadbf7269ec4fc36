import { InitBudgets1700000000200 } from './migrations/1700000000200-InitBudgets';
import { ServiceTypes1700000000210 } from './migrations/1700000000210-ServiceTypes';
import { Commitments1700000000220 } from './migrations/1700000000220-Commitments';
import { ProviderIdempotency1700000000221 } from './migrations/1700000000221-ProviderIdempotency';
import { Settlement1700000000230 } from './migrations/1700000000230-Settlement';
import { BudgetsDatabaseRole1796040000200 } from './migrations/1796040000200-DatabaseRole';
import { AlertLifecycle1796070000240 } from './migrations/1796070000240-AlertLifecycle';
import { InboxAndConcerns1796070000250 } from './migrations/1796070000250-InboxAndConcerns';
import { NotificationSettings1796070000270 } from './migrations/1796070000270-NotificationSettings';
import { Decisions1796080000250 } from './migrations/1796080000250-Decisions';
import { Expenses1796090000260 } from './migrations/1796090000260-Expenses';
import { NamedStaff1796110000280 } from './migrations/1796110000280-NamedStaff';
import { OrganiserClassValues1796300000290 } from './migrations/1796300000290-OrganiserClassValues';
import { OrganiserSettlement1796300000300 } from './migrations/1796300000300-OrganiserSettlement';

/**
 * What {@link openDatabase} needs to know about this subgraph's tables. The budgets stores are
 * SQL-first (row locks, bigint cents, the generated balance column), so no TypeORM entities are
 * mapped: the typed rows live in each `*.store.ts`.
 */
export const budgetsDatabase = {
  schema: 'budgets',
  entities: [],
  migrations: [
    InitBudgets1700000000200,
    ServiceTypes1700000000210,
    Commitments1700000000220,
    ProviderIdempotency1700000000221,
    Settlement1700000000230,
    BudgetsDatabaseRole1796040000200,
    AlertLifecycle1796070000240,
    InboxAndConcerns1796070000250,
    NotificationSettings1796070000270,
    Decisions1796080000250,
    Expenses1796090000260,
    NamedStaff1796110000280,
    OrganiserClassValues1796300000290,
    OrganiserSettlement1796300000300,
  ],
};

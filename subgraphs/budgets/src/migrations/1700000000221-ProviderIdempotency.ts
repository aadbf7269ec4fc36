import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys belong to the provider (`ledger_provider_idempotency_idx`, Commitments): the
 * old per-budget uniqueness would refuse two providers that happen to pick the same key for one
 * budget, so it goes.
 */
export class ProviderIdempotency1700000000221 implements MigrationInterface {
  name = 'ProviderIdempotency1700000000221';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE budgets.ledger_transaction DROP CONSTRAINT ledger_transaction_budget_id_idempotency_key_key`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE budgets.ledger_transaction ADD CONSTRAINT ledger_transaction_budget_id_idempotency_key_key
         UNIQUE (budget_id, idempotency_key)`,
    );
  }
}

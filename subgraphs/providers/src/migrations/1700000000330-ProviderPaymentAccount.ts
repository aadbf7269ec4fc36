import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A provider's bank account (tilinumero) for the organiser's payments. Kept apart from the
 * provider row: the catalogue never reads it, and only a few callers may. Every change is also
 * appended to a history, because a changed account number is how invoice fraud usually starts
 * and the organiser must be able to tell which account a payment went to at the time.
 */
export class ProviderPaymentAccount1700000000330 implements MigrationInterface {
  name = 'ProviderPaymentAccount1700000000330';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE providers.payment_account (
        provider_id uuid PRIMARY KEY REFERENCES providers.provider(id),
        iban text NOT NULL CHECK (iban ~ '^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$'),
        bic text CHECK (bic ~ '^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$'),
        set_by text NOT NULL,
        set_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE providers.payment_account_history (
        id bigserial PRIMARY KEY,
        provider_id uuid NOT NULL REFERENCES providers.provider(id),
        iban text NOT NULL,
        bic text,
        set_by text NOT NULL,
        set_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE INDEX payment_account_history_provider_idx ON providers.payment_account_history (provider_id, id)`,
    );
    await q.query(`
      CREATE OR REPLACE FUNCTION providers.payment_account_history_append_only() RETURNS trigger
      LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'providers.payment_account_history is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER payment_account_history_append_only
      BEFORE UPDATE OR DELETE ON providers.payment_account_history
      FOR EACH ROW EXECUTE FUNCTION providers.payment_account_history_append_only()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE providers.payment_account_history`);
    await q.query(`DROP FUNCTION providers.payment_account_history_append_only()`);
    await q.query(`DROP TABLE providers.payment_account`);
  }
}

import { isUuid, type Queryable } from '@hb/kit';
import type { DataSource, EntityManager } from 'typeorm';
import type { PaymentAccount } from './payment-account';

export interface PaymentAccountRow extends PaymentAccount {
  providerId: string;
  setBy: string;
  setAt: Date;
}

const COLUMNS = `provider_id AS "providerId", iban, bic, set_by AS "setBy", set_at AS "setAt"`;

/** SQL for providers' bank accounts and their append-only history. */
export class PaymentAccountStore {
  constructor(private readonly db: DataSource) {}

  async byProviderIds(ids: readonly string[]): Promise<PaymentAccountRow[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return [];
    return this.db.query<PaymentAccountRow[]>(
      `SELECT ${COLUMNS} FROM providers.payment_account WHERE provider_id = ANY($1::uuid[])`,
      [valid],
    );
  }

  /** Sets the account and appends the change to the history, in the caller's transaction. */
  async set(m: EntityManager, providerId: string, account: PaymentAccount, by: string) {
    await m.query(
      `INSERT INTO providers.payment_account (provider_id, iban, bic, set_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (provider_id) DO UPDATE SET iban = excluded.iban, bic = excluded.bic,
         set_by = excluded.set_by, set_at = now()`,
      [providerId, account.iban, account.bic, by],
    );
    await m.query(
      `INSERT INTO providers.payment_account_history (provider_id, iban, bic, set_by) VALUES ($1, $2, $3, $4)`,
      [providerId, account.iban, account.bic, by],
    );
  }

  /** Demo data: accounts for providers that have none yet. */
  async seed(m: Queryable, rows: Array<{ providerId: string } & PaymentAccount>) {
    for (const r of rows) {
      await m.query(
        `INSERT INTO providers.payment_account (provider_id, iban, bic, set_by) VALUES ($1, $2, $3, 'seed')
         ON CONFLICT (provider_id) DO NOTHING`,
        [r.providerId, r.iban, r.bic],
      );
    }
  }
}

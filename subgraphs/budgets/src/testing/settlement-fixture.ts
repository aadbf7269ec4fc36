import crypto from 'node:crypto';
import { todayInFinland } from '@hb/kit';
import { principal } from '@hb/kit/testing';
import type { PayeeDirectory } from '../settlement/payee-directory';
import type { PayeeSnapshot } from '../settlement/settlement.store';
import {
  approvedProvider,
  budgetWithCommitments,
  budgetsFixture,
  fakeRemote,
} from './budgets-fixture';

/**
 * Settlement tests' world: a budgets database with the catalogue and the schema; the other
 * subgraphs in memory, the providers' bank accounts too. Charges are made the way providers and
 * clients make them (commitment, recordCharge, confirm or reject). `served` are the
 * municipalities every provider serves and the worker who decides budgets works for.
 */
export function settlementFixture(served: string[]) {
  const { remote, clients, providers } = fakeRemote({ plans: { plan: async () => null } }, 'Essi');
  const accounts = new Map<string, PayeeSnapshot>();
  /** Like the providers subgraph: an account only for organiser staff of an area it serves. */
  const payees: PayeeDirectory = {
    accounts: async (ctx, ids) => {
      const found = new Map<string, PayeeSnapshot>();
      for (const id of ids) {
        const area = providers.get(id)?.municipalitiesServed ?? [];
        const mayRead =
          ctx.principal?.role === 'ORGANISER' &&
          area.some((m) => ctx.principal!.municipalities.includes(m));
        const account = accounts.get(id);
        if (account) found.set(id, mayRead ? account : { ...account, iban: null, bic: null });
      }
      return found;
    },
  };
  const f = budgetsFixture({ seed: 'catalog', schema: true, remote, payees });
  const year = new Date().getFullYear();
  const today = todayInFinland();
  const worker = principal('WORKER', { municipalities: served });

  /** A payee serving `served`, with its account (no IBAN and no BIC when `iban` is null). */
  function provider(name: string, iban: string | null = 'FI5542345670000081') {
    const id = crypto.randomUUID();
    providers.set(id, approvedProvider(id, served));
    accounts.set(id, { name, businessId: '1234567-1', iban, bic: iban ? 'OKOYFIHH' : null });
    return id;
  }

  /** A budget of 10 000 € for a new client of the municipality, 3 000 € committed to each payee. */
  async function budgetWith(municipality: string, payeeIds: string[]) {
    const clientId = crypto.randomUUID();
    clients.set(clientId, municipality);
    return budgetWithCommitments(f, worker, year, {
      clientId,
      municipality,
      commitments: payeeIds.map((providerId) => ({ providerId, amount: '3000.00' })),
    });
  }

  /** A charge by the payee on the budget; confirmed or rejected by the client when asked. */
  async function chargeOf(
    b: Awaited<ReturnType<typeof budgetWith>>,
    payee: string,
    amount: string,
    then: 'CONFIRM' | 'REJECT' | 'PENDING' = 'CONFIRM',
  ) {
    const recorded = await f.as(principal('PROVIDER', { providerId: payee })).ledger.recordCharge({
      commitmentId: b.commitments.get(payee)!,
      amount,
      serviceDate: today < `${year}-01-15` ? today : `${year}-01-15`,
      description: 'Ohjaus',
      idempotencyKey: crypto.randomUUID(),
    });
    expect(recorded.errors).toEqual([]);
    const id = recorded.transaction!.id;
    const client = f.as(principal('CLIENT', { clientId: b.clientId }));
    if (then === 'CONFIRM') expect((await client.ledger.confirm(id)).errors).toEqual([]);
    if (then === 'REJECT')
      expect((await client.ledger.reject(id, 'Ei toteutunut')).errors).toEqual([]);
    return id;
  }

  return { f, year, today, worker, accounts, provider, budgetWith, chargeOf };
}

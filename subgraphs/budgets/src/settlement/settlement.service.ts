import DataLoader from 'dataloader';
import {
  UserError,
  byKeys,
  decodeCursor,
  forbidden,
  groupByKeys,
  isIsoDate,
  isUuid,
  municipalityCodesOf,
  pageSize,
  dayInFinland,
  present,
  requirePrincipal,
  toConnection,
  badInput,
  type Logger,
  type Principal,
  type RequestContext,
} from '@hb/kit';
import type { BudgetsStores } from '../shared/stores';
import { PG, pgCode } from '../shared/sql';
import {
  batchReference,
  batchStep,
  checkPeriod,
  planBatches,
  type BatchStatus,
} from './domain/batching';
import { financeCsv } from './domain/finance-csv';
import { pain001Xml, type DebtorAccount } from './domain/pain001';
import type { PayeeDirectory } from './payee-directory';
import { settlementAccess, type ScopeInput } from './settlement.policy';
import {
  SettlementStore,
  type ChargeSettlementRow,
  type PayeeSnapshot,
  type PaymentBatchLineRow,
  type PaymentBatchRow,
} from './settlement.store';

/** What settlement needs from the process: the payee directory, the organiser's account, the clock. */
export interface SettlementOptions {
  payees: PayeeDirectory;
  /** The account payments are debited from (config `SETTLEMENT_DEBTOR_*`). */
  debtor: DebtorAccount;
  /** Today in Finland, `YYYY-MM-DD`. */
  today: () => string;
}

const ONE_SCOPE = 'Give exactly one of municipalityCode and organiserId.';

const NO_SUCH_BATCH = () => UserError.of('NOT_FOUND', 'No such payment batch.', 'batchId');

/**
 * Settlement (tilitys) and payment of providers: runs, batches, bank files.
 * Reads no client's personal data: a batch holds charge ids, dates, services and sums.
 */
export class SettlementService {
  private readonly store: SettlementStore;
  private readonly batches: DataLoader<string, PaymentBatchRow | null>;
  private readonly lines: DataLoader<string, PaymentBatchLineRow[]>;
  private readonly charges: DataLoader<string, ChargeSettlementRow | null>;

  constructor(
    private readonly stores: BudgetsStores,
    private readonly ctx: RequestContext,
    private readonly options: SettlementOptions,
  ) {
    const store = new SettlementStore(stores.db);
    this.store = store;
    this.batches = new DataLoader(async (ids) => byKeys(await store.byIds(ids), ids, (b) => b.id));
    this.lines = new DataLoader(async (ids) =>
      groupByKeys(await store.linesOf(ids), ids, (l) => l.batchId),
    );
    this.charges = new DataLoader(async (ids) =>
      byKeys(await store.settlementOfCharges(ids), ids, (c) => c.transactionId),
    );
  }

  private get logger(): Logger {
    return this.ctx.logger;
  }

  /** The caller, who must be organiser staff somewhere; anyone else is refused before lookups. */
  private settler(): Principal {
    const p = requirePrincipal(this.ctx);
    if (!settlementAccess.isSettler(p)) {
      throw forbidden('Only organiser staff settle charges and handle payment batches.');
    }
    return p;
  }

  /**
   * `runSettlement`: every confirmed charge of the municipality's budgets — or, for an organiser,
   * of all its municipalities' budgets — confirmed within the period and not yet settled goes
   * into exactly one batch, one batch per payee (a provider serving several municipalities of
   * the organiser is paid once). Runs are serialised by the same advisory lock per municipality
   * (an organiser's run takes all of its municipalities'), so running the same period again, or
   * a municipality's and its organiser's run at once, settles nothing twice; the line's primary
   * key is the database's last guard.
   */
  async run(input: ScopeInput & { from: string; to: string }) {
    const p = this.settler();
    const none = { batches: [] as PaymentBatchRow[], chargeCount: 0 };
    const scope = settlementAccess.scopeOf(p, input, 'settle its charges');
    if (!scope)
      return { ...none, errors: [UserError.of('VALIDATION', ONE_SCOPE, 'input.organiserId')] };
    const codes =
      scope.organiserId !== null
        ? municipalityCodesOf(scope.organiserId)
        : [scope.municipalityCode];
    const period = checkPeriod(input.from, input.to, this.options.today());
    if (!period.ok)
      return { ...none, errors: [UserError.of(period.code, period.message, period.field)] };

    // The payees' accounts are read before the transaction, so no lock waits on another service;
    // a payee first seen inside it gets its account at export.
    const candidates = await this.store.settleable(this.stores.db, codes, period.from, period.to);
    if (candidates.length === 0) return { ...none, errors: [] };
    const payees = await this.payeeAccounts([
      ...new Set(candidates.filter((c) => c.payeeKind !== 'CLIENT').map((c) => c.payeeId)),
    ]);

    try {
      const made = await this.stores.db.transaction(async (m) => {
        await this.store.lockMunicipalities(m, codes);
        const charges = await this.store.settleable(m, codes, period.from, period.to);
        const batches: PaymentBatchRow[] = [];
        // A client is paid to the account of her latest expense in the batch (the one she gave last).
        const clientAccounts = new Map(
          [...charges]
            .sort((a, b) => new Date(a.confirmedAt).getTime() - new Date(b.confirmedAt).getTime())
            .flatMap((c) => (c.account ? [[c.payeeId, c.account] as const] : [])),
        );
        for (const batch of planBatches(charges)) {
          batches.push(
            await this.store.insertBatch(m, {
              scope,
              from: period.from,
              to: period.to,
              batch,
              payee:
                (batch.payeeKind === 'CLIENT'
                  ? clientAccounts.get(batch.payeeId)
                  : payees.get(batch.payeeId)) ?? null,
              createdBy: p.sub,
            }),
          );
        }
        // Settling changes the state of the clients' charges: logged per client, not per charge.
        await this.ctx.accessLog.writeNow(
          m,
          [...new Set(charges.map((c) => c.clientId))].map((clientId) => ({
            clientId,
            action: 'CHANGE' as const,
            subject: 'Budget.charge.settled',
          })),
        );
        return { batches, chargeCount: charges.length };
      });
      return { ...made, errors: [] };
    } catch (err) {
      if (pgCode(err) !== PG.uniqueViolation) throw err;
      // Only a run outside this service's lock could get here: nothing was written.
      return {
        ...none,
        errors: [
          UserError.of(
            'SETTLEMENT_CONFLICT',
            'Another settlement took some of these charges at the same time; run it again.',
          ),
        ],
      };
    }
  }

  /** Accounts of the payees, or none when the providers subgraph cannot answer now. */
  private async payeeAccounts(ids: string[]): Promise<Map<string, PayeeSnapshot>> {
    try {
      return await this.options.payees.accounts(this.ctx, ids);
    } catch (err) {
      this.logger.warn({ err }, 'payee accounts unavailable; they are read again at export');
      return new Map();
    }
  }

  /** A batch the caller may read, or null (unknown and foreign batches look the same). */
  async get(id: string): Promise<PaymentBatchRow | null> {
    const p = this.ctx.principal;
    if (!p || !isUuid(id)) return null;
    const batch = await this.batches.load(id);
    return batch && settlementAccess.canReadBatch(p, batch) ? batch : null;
  }

  /** `paymentBatches`: the municipality's (or the whole organiser's) batches, newest first. */
  async list(args: {
    municipalityCode?: string | null;
    organiserId?: string | null;
    status?: BatchStatus | null;
    first?: number | null;
    after?: string | null;
  }) {
    const p = this.settler();
    const scope = settlementAccess.scopeOf(p, args, 'read its payment batches');
    if (!scope) throw badInput(ONE_SCOPE);
    const limit = pageSize(args.first);
    const cursor = decodeCursor(args.after);
    let after: [string, string] | null = null;
    if (cursor) {
      const [at, id] = cursor;
      if (cursor.length !== 2 || typeof at !== 'string' || typeof id !== 'string' || !isUuid(id)) {
        throw badInput('after is not a cursor this API gave out.');
      }
      if (Number.isNaN(Date.parse(at))) throw badInput('after is not a cursor this API gave out.');
      after = [at, id];
    }
    const { rows, total } = await this.store.page(scope, args.status ?? null, limit, after);
    for (const row of rows) this.batches.prime(row.id, row);
    return toConnection(
      rows,
      limit,
      total,
      (b) => [new Date(b.createdAt).toISOString(), b.id],
      !!after,
    );
  }

  linesOf(batch: PaymentBatchRow): Promise<PaymentBatchLineRow[]> {
    return this.lines.load(batch.id);
  }

  reference(batch: PaymentBatchRow): string {
    return batchReference(batch.organiserId ?? batch.municipalityCode ?? '', batch.number);
  }

  /** The batch as CSV for the finance system. */
  async financeCsv(batch: PaymentBatchRow): Promise<string> {
    const lines = await this.lines.load(batch.id);
    return financeCsv(
      {
        reference: this.reference(batch),
        // An organiser's batch names the organiser where a municipality's names the municipality.
        municipalityCode: batch.municipalityCode ?? batch.organiserId ?? '',
        periodFrom: batch.periodFrom,
        periodTo: batch.periodTo,
        payeeId: batch.payeeProviderId ?? batch.payeeClientId ?? '',
        payeeName: batch.payeeName,
        payeeBusinessId: batch.payeeBusinessId,
        payeeIban: batch.payeeIban,
        totalCents: batch.totalCents,
      },
      lines.map((l) => ({
        chargeId: l.transactionId,
        serviceType: l.serviceType,
        serviceDate: l.serviceDate,
        confirmedOn: dayInFinland(new Date(l.confirmedAt)),
        amountCents: l.amountCents,
      })),
    );
  }

  /** Where a charge was settled, for `Transaction.settledAt`, `paidAt` and `paymentBatch`. */
  settlementOf(transactionId: string): Promise<ChargeSettlementRow | null> {
    return this.charges.load(transactionId);
  }

  /**
   * `exportPaymentBatch`: the batch's pain.001 file. The first export fixes the payee's account
   * on the batch (read again from the providers subgraph if the run did not have it) and the
   * file's creation time, so a repeated export is the same payment under the same message id,
   * which the bank refuses to pay twice. A paid batch is not exported again.
   */
  async export(batchId: string) {
    const p = this.settler();
    const fail = (...errors: UserError[]) => ({
      batch: null,
      fileName: null,
      content: null,
      errors,
    });
    const found = await this.get(batchId);
    if (!found) return fail(NO_SUCH_BATCH());
    const step = batchStep(found.status, 'EXPORT');
    if (!step.ok) return fail(UserError.of(step.code, step.message, 'batchId'));

    let payee: PayeeSnapshot | null = null;
    // A client's batch carries the account of her expenses from the run; a provider's is read again.
    if (found.status === 'CREATED' && found.payeeProviderId) {
      const fresh = (await this.payeeAccounts([found.payeeProviderId])).get(found.payeeProviderId);
      payee = fresh?.iban ? fresh : null;
      if (!payee && !found.payeeIban) {
        return fail(
          UserError.of(
            'MISSING_BANK_ACCOUNT',
            'The payee has not registered a bank account (IBAN) that you may read; it cannot be paid yet.',
            'batchId',
          ),
        );
      }
    }
    const outcome = await this.stores.db.transaction(async (m) => {
      const locked = await this.store.lock(m, found.id);
      if (!locked) return { kind: 'missing' } as const;
      const again = batchStep(locked.status, 'EXPORT');
      if (!again.ok) return { kind: 'refused', code: again.code, message: again.message } as const;
      return {
        kind: 'done',
        batch: await this.store.markExported(m, locked.id, p.sub, payee),
      } as const;
    });
    if (outcome.kind === 'missing') return fail(NO_SUCH_BATCH());
    if (outcome.kind === 'refused')
      return fail(UserError.of(outcome.code, outcome.message, 'batchId'));
    const batch = outcome.batch;
    this.batches.clear(batch.id).prime(batch.id, batch);
    const reference = this.reference(batch);
    const lines = await this.lines.load(batch.id);
    const content = pain001Xml({
      messageId: reference,
      createdAt: new Date(present(batch.exportedAt, 'the exported batch’s export time')),
      executionDate: this.options.today(),
      debtor: this.options.debtor,
      transfers: [
        {
          endToEndId: reference,
          creditorName: batch.payeeName ?? batch.payeeProviderId ?? 'HB-asiakas',
          creditorIban: present(batch.payeeIban, 'the exported batch’s IBAN'),
          creditorBic: batch.payeeBic,
          amountCents: batch.totalCents,
          remittance: `HB-maksuerä ${reference}, tilitysjakso ${batch.periodFrom}–${batch.periodTo}, ${lines.length} veloitusta`,
        },
      ],
    });
    return { batch, fileName: `${reference}.pain001.xml`, content, errors: [] };
  }

  /** `markPaymentBatchPaid`: the bank has paid an exported batch (on `paidOn`, default today). */
  async markPaid(batchId: string, paidOn: string | null | undefined) {
    const p = this.settler();
    const fail = (...errors: UserError[]) => ({ batch: null, errors });
    const found = await this.get(batchId);
    if (!found) return fail(NO_SUCH_BATCH());
    const today = this.options.today();
    const day = paidOn ?? today;
    if (!isIsoDate(day) || day > today) {
      return fail(
        UserError.of('VALIDATION', 'paidOn must be a date that is not in the future.', 'paidOn'),
      );
    }
    const outcome = await this.stores.db.transaction(async (m) => {
      const locked = await this.store.lock(m, found.id);
      if (!locked) return { kind: 'missing' } as const;
      const step = batchStep(locked.status, 'MARK_PAID');
      if (!step.ok) return { kind: 'refused', code: step.code, message: step.message } as const;
      if (locked.exportedAt && day < dayInFinland(new Date(locked.exportedAt))) {
        return { kind: 'early' } as const;
      }
      return { kind: 'done', batch: await this.store.markPaid(m, locked.id, p.sub, day) } as const;
    });
    if (outcome.kind === 'missing') return fail(NO_SUCH_BATCH());
    if (outcome.kind === 'refused')
      return fail(UserError.of(outcome.code, outcome.message, 'batchId'));
    if (outcome.kind === 'early') {
      return fail(
        UserError.of('VALIDATION', 'paidOn cannot be before the batch was exported.', 'paidOn'),
      );
    }
    this.batches.clear(outcome.batch.id).prime(outcome.batch.id, outcome.batch);
    return { batch: outcome.batch, errors: [] };
  }
}

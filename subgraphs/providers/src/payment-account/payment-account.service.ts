import DataLoader from 'dataloader';
import {
  UserError,
  byKeys,
  forbidden,
  isUuid,
  requirePrincipal,
  type RequestContext,
} from '@hb/kit';
import type { ProvidersLoaders } from '../shared/loaders';
import type { ProvidersStores } from '../shared/stores';
import { checkPaymentAccount, paymentAccountAccess } from './payment-account';
import { PaymentAccountStore, type PaymentAccountRow } from './payment-account.store';
import type { ProviderEntity } from '../provider/provider.entity';

export interface SetPaymentAccountInput {
  providerId: string;
  iban: string;
  bic?: string | null;
}

/** A provider's bank account: set by the provider, read by it and organiser staff of its area. */
export class PaymentAccountService {
  private readonly store: PaymentAccountStore;
  private readonly accounts: DataLoader<string, PaymentAccountRow | null>;

  constructor(
    private readonly stores: ProvidersStores,
    private readonly ctx: RequestContext,
    private readonly loaders: ProvidersLoaders,
  ) {
    this.store = new PaymentAccountStore(stores.db);
    this.accounts = new DataLoader(async (ids) =>
      byKeys(await this.store.byProviderIds(ids), ids, (a) => a.providerId),
    );
  }

  /**
   * The account, or null when none is set or the caller may not read it: a field on a provider
   * that many callers see, so a refusal must not break their lists, and null tells nothing.
   */
  async of(provider: ProviderEntity): Promise<PaymentAccountRow | null> {
    if (!paymentAccountAccess.canRead(this.ctx.principal, provider)) return null;
    return this.accounts.load(provider.id);
  }

  async set(input: SetPaymentAccountInput) {
    const p = requirePrincipal(this.ctx, 'Sign in as the provider to set its bank account.');
    if (!paymentAccountAccess.canSet(p, input.providerId)) {
      throw forbidden("Only the provider's own user sets its bank account.");
    }
    const provider = isUuid(input.providerId)
      ? await this.loaders.provider.load(input.providerId)
      : null;
    if (!provider) {
      return {
        provider: null,
        errors: [UserError.of('NOT_FOUND', 'No such provider.', 'input.providerId')],
      };
    }
    const checked = checkPaymentAccount(input);
    if (!checked.ok) {
      return {
        provider: null,
        errors: checked.errors.map((e) => UserError.of('INVALID_BANK_ACCOUNT', e.message, e.field)),
      };
    }
    await this.stores.db.transaction((m) => this.store.set(m, provider.id, checked.value, p.sub));
    this.accounts.clear(provider.id);
    return { provider, errors: [] };
  }
}

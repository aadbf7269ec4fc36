import { UserError, forbidden, requirePrincipal, type Logger, type RequestContext } from '@hb/kit';
import type { Transporter } from 'nodemailer';
import type { BudgetsStores } from '../shared/stores';
import { digestMail, shouldSend } from './digest-rules';
import type { NotificationSettingRow } from './notification.store';

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** A person's own e-mail settings; `person` is role and subject, as the inbox keeps reading. */
export class NotificationService {
  constructor(
    private readonly stores: BudgetsStores,
    private readonly ctx: RequestContext,
  ) {}

  private person() {
    const p = requirePrincipal(this.ctx);
    // A team member's inbox depends on a consent that can end; e-mail is for staff and clients.
    if (p.role === 'ADVISER' || p.role === 'WORKER')
      return {
        person: `${p.role}:${p.sub}`,
        audience: p.role === 'ADVISER' ? ('ADVISER' as const) : ('OWN_WORKER' as const),
        municipalities: p.municipalities,
        clientId: null,
      };
    if (p.role === 'CLIENT' && p.clientId)
      return {
        person: `${p.role}:${p.sub}`,
        audience: 'CLIENT' as const,
        municipalities: [],
        clientId: p.clientId,
      };
    throw forbidden('E-mail notifications are for HB advisers, own workers and clients.');
  }

  async mine(): Promise<NotificationSettingRow | null> {
    return this.stores.notifications.get(this.person().person);
  }

  async save(input: { email: string; enabled: boolean; daily: boolean }) {
    const me = this.person();
    const email = input.email.trim();
    if (!EMAIL.test(email) || email.length > 254)
      return {
        settings: null,
        errors: [UserError.of('VALIDATION', 'Give a valid e-mail address.', 'input.email')],
      };
    await this.stores.notifications.save({
      ...me,
      email,
      enabled: input.enabled,
      daily: input.daily,
    });
    return { settings: await this.stores.notifications.get(me.person), errors: [] as UserError[] };
  }
}

/** Where the e-mails come from and link to. */
export interface NotifierOptions {
  transport: Transporter;
  from: string;
  inboxUrl: string;
  now?: () => Date;
}

/**
 * Sends each person with e-mail on a digest of her new inbox items: at once when one is urgent,
 * else at most one an hour (or a day). A person whose e-mail fails is tried again next run; what
 * was sent is recorded only after the relay accepted it.
 */
export async function runNotifier(
  stores: BudgetsStores,
  options: NotifierOptions,
  logger: Logger,
): Promise<{ sent: number }> {
  const now = (options.now ?? (() => new Date()))();
  let sent = 0;
  for (const setting of await stores.notifications.enabled()) {
    const items = await stores.notifications.pending(setting, 50);
    const state = {
      lastSentAt: setting.lastSentAt,
      daily: setting.daily,
      pending: items.length,
      urgent: items.some((i) => i.urgent),
    };
    const last = items.at(-1);
    if (!shouldSend(state, now) || !last) continue;
    const mail = digestMail(
      items.map((i) => i.title),
      state.urgent,
      options.inboxUrl,
    );
    try {
      await options.transport.sendMail({ from: options.from, to: setting.email, ...mail });
      await stores.notifications.markSent(setting.person, last.position, now);
      sent++;
    } catch (err) {
      logger.warn({ err, person: setting.person }, 'notification e-mail failed; retrying next run');
    }
  }
  return { sent };
}

import type { Translate } from '../../i18n';

/** What a team action came to, shown once above the team: done, or why not. */
export type Result = { ok: boolean; text: string } | null;

export const errorsText = (t: Translate, errors: readonly { message: string }[]) =>
  t('my.actionFailed', { message: errors.map((e) => e.message).join(' ') });
export const failureText = (t: Translate, e: unknown) =>
  t('my.actionFailed', { message: e instanceof Error ? e.message : String(e) });

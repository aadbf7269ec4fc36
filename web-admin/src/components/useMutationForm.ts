import { useState } from 'react';
import { useI18n } from '../i18n';
import { requestFailure, splitErrors, type UserError } from './common';

/** A mutation payload: what was done, and the errors the user can act on. */
export interface Payload {
  errors: readonly UserError[];
}

/** What a form shows once above itself: done, or why not (the "my" pages' notice). */
export type Result = { ok: boolean; text: string } | null;

/** How a submitted mutation ended: its payload, or the errors to show. */
export type Outcome<P extends Payload> =
  { ok: true; payload: P } | { ok: false; errors: UserError[] };

/** Options of {@link useMutationForm}. */
export interface MutationFormOptions {
  /**
   * Where the form's result goes as well as its own `result`, e.g. a parent that shows one
   * notice for several forms. Called after every submit that has a text to show.
   */
  onResult?: (result: Result) => void;
}

/** One submit of {@link useMutationForm}'s `submit`. */
export interface SubmitOptions<P extends Payload> {
  /**
   * Runs the mutation and gives its payload, e.g.
   * `async () => (await save({ variables })).data?.updateProviderListing`. A thrown error (a
   * network or GraphQL failure) or no payload at all is a request failure, shown like the
   * payload's own errors.
   */
  run: () => Promise<P | null | undefined>;
  /** Called when the payload has no errors (clear the form, show what was saved, …). */
  onSuccess?: (payload: P) => void;
  /**
   * The confirmation to show as `result` (`{ ok: true, text }`) when the payload has no errors;
   * without it a success leaves `result` as it was.
   */
  confirmation?: (payload: P) => string;
}

/**
 * Runs a mutation and sorts out how it ended: a thrown error or a missing payload as a request
 * failure, the payload's errors as they are, else the payload.
 */
export async function settle<P extends Payload>(
  run: () => Promise<P | null | undefined>,
): Promise<Outcome<P>> {
  try {
    const payload = await run();
    if (!payload) return { ok: false, errors: requestFailure('–') };
    if (payload.errors.length > 0) return { ok: false, errors: [...payload.errors] };
    return { ok: true, payload };
  } catch (err) {
    return { ok: false, errors: requestFailure(err) };
  }
}

/**
 * The submit of a form that calls one mutation: the errors of the last submit (`errors`, split
 * into `fields` by the last segment of their `field` and `other`; `byPath` by the whole `field`
 * path), and a one-line `result`
 * ("Action failed: …" or the confirmation `onSuccess` gives). A form shows either or both.
 */
export function useMutationForm(options: MutationFormOptions = {}) {
  const { t } = useI18n();
  const [errors, setErrors] = useState<UserError[]>([]);
  const [result, setResult] = useState<Result>(null);
  const show = (r: Result) => {
    setResult(r);
    options.onResult?.(r);
  };

  /** Runs the mutation, shows how it ended, and gives the outcome for anything more. */
  async function submit<P extends Payload>({ run, onSuccess, confirmation }: SubmitOptions<P>) {
    const outcome = await settle(run);
    if (outcome.ok) {
      setErrors([]);
      onSuccess?.(outcome.payload);
      if (confirmation) show({ ok: true, text: confirmation(outcome.payload) });
    } else {
      setErrors(outcome.errors);
      const message = outcome.errors.map((e) => e.message).join(' ');
      show({ ok: false, text: t('my.actionFailed', { message }) });
    }
    return outcome;
  }

  // Field errors by their full path, for forms where several rows share a last segment.
  const byPath = Object.fromEntries(
    errors.flatMap((e) => (e.field ? [[e.field, e.message]] : [])),
  ) as Record<string, string | undefined>;
  return { errors, setErrors, ...splitErrors(errors), byPath, result, setResult, submit };
}

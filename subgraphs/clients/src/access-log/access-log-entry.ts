import { notFound } from '@hb/kit';
import type { AccessLogKey, AccessLogRow } from './access-log.store';

/** Who the acting organisation is, so that the UI can name it in the reader's language. */
export type ActorOrganisationKind = 'HB_CENTRE' | 'MUNICIPALITY' | 'PROVIDER' | 'NONE';

/** A log row with its actor made readable (the codes stay for the record). */
export interface ReadableAccessLogEntry extends AccessLogRow {
  actorOrganisationKind: ActorOrganisationKind;
  actorOrganisationName: string | null;
  actorOrganisationNameSv: string | null;
}

/**
 * An HB adviser acts for the HB centre, whichever municipality her token lists first; other
 * staff for the municipality in the log; a provider for itself.
 */
export function readableEntry(row: AccessLogRow): ReadableAccessLogEntry {
  if (row.actorRole === 'ADVISER' || row.actorStaffRole === 'HB_ADVISER') {
    return { ...row, ...organisation('HB_CENTRE', null, null) };
  }
  if (row.actorRole === 'PROVIDER') return { ...row, ...organisation('PROVIDER', null, null) };
  if (row.actorMunicipalityName) {
    return {
      ...row,
      ...organisation('MUNICIPALITY', row.actorMunicipalityName, row.actorMunicipalityNameSv),
    };
  }
  return { ...row, ...organisation('NONE', null, null) };
}

function organisation(
  actorOrganisationKind: ActorOrganisationKind,
  actorOrganisationName: string | null,
  actorOrganisationNameSv: string | null,
) {
  return { actorOrganisationKind, actorOrganisationName, actorOrganisationNameSv };
}

const TIME = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d{1,6})?[+-]\d\d(:\d\d)?$/;

/** The key inside a cursor this API gave out, or `Unknown cursor.` for anything else. */
export function accessLogKey(cursor: unknown[] | null): AccessLogKey | null {
  if (cursor === null) return null;
  const [at, id] = cursor;
  if (cursor.length !== 2 || typeof at !== 'string' || typeof id !== 'string') {
    throw notFound('Unknown cursor.');
  }
  if (!TIME.test(at) || !/^\d{1,18}$/.test(id)) throw notFound('Unknown cursor.');
  return { at, id };
}

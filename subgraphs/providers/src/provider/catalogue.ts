import { DEMO } from '@hb/kit';

/** Pure catalogue vocabulary: no TypeORM, no GraphQL. */
const tuple = <T extends string>(...values: T[]) => values;

/** Service types where HB is an option (DOMAIN.md); budgets owns their names and classes. */
export const SERVICE_TYPES = tuple(
  'DAY_ACTIVITIES',
  'RESPITE_CARE',
  'TRANSPORT',
  'PERSONAL_ASSISTANCE',
  'HOUSING',
  'WORK_AND_DAY_ACTIVITY',
  'FAMILY_SERVICES',
);
export type ServiceTypeCode = (typeof SERVICE_TYPES)[number];

export const PRICE_UNITS = tuple('HOUR', 'DAY', 'KILOMETRE', 'YEAR');
export type PriceUnit = (typeof PRICE_UNITS)[number];

export const PROVIDER_KINDS = tuple('COMPANY', 'NGO', 'COMMUNITY', 'ORGANISER_OWN');
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

export const APPROVAL_STATUSES = tuple(
  'PENDING',
  'INFO_REQUESTED',
  'APPROVED',
  'REJECTED',
  'SUSPENDED',
);
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

/**
 * Accessibility features a provider can declare (esteettömyys). A fixed vocabulary so that
 * clients can compare providers; the schema describes each in Finnish.
 */
export const ACCESSIBILITY_FEATURES = tuple(
  'WHEELCHAIR_ACCESSIBLE', // esteetön kulku pyörätuolilla
  'ACCESSIBLE_TOILET', // esteetön wc
  'HEARING_LOOP', // induktiosilmukka
  'SIGN_LANGUAGE', // viittomakieli
  'EASY_LANGUAGE', // selkokieli
  'AAC_SUPPORT', // puhetta tukevat ja korvaavat kommunikointikeinot
  'ACCESSIBLE_VEHICLE', // esteetön ajoneuvo, pyörätuolipaikka
  'SENSORY_FRIENDLY', // aistiystävällinen tila
  'HOME_VISITS', // palvelu kotona
  'GUIDE_DOG_WELCOME', // opaskoira tervetullut
);
export type AccessibilityFeature = (typeof ACCESSIBILITY_FEATURES)[number];

/**
 * Municipalities the catalogue serves: Pirkanmaa's 23 (official codes). The municipality
 * register lives in the clients subgraph; a provider names the ones it serves by code.
 */
export const SERVED_MUNICIPALITIES: readonly string[] = DEMO.pirkanmaa;

/** Language codes: ISO 639-1 (fi, sv, en, …) or ISO 639-3 where no two-letter code exists (fse: suomalainen viittomakieli). */
export const LANGUAGE_RE = /^[a-z]{2,3}$/;

/** HB class levels an offering can suit (day activities 1–7, respite 1–6, transport 1–4). */
export const MIN_CLASS_LEVEL = 1;
export const MAX_CLASS_LEVEL = 7;

export const isServiceType = (v: string): v is ServiceTypeCode =>
  (SERVICE_TYPES as string[]).includes(v);
export const isPriceUnit = (v: string): v is PriceUnit => (PRICE_UNITS as string[]).includes(v);
export const isProviderKind = (v: string): v is ProviderKind =>
  (PROVIDER_KINDS as string[]).includes(v);
export const isApprovalStatus = (v: string): v is ApprovalStatus =>
  (APPROVAL_STATUSES as string[]).includes(v);

/** The organiser's own production can never be bought with a personal budget (DOMAIN.md). */
export function choosableWithBudget(kind: ProviderKind): boolean {
  return kind !== 'ORGANISER_OWN';
}

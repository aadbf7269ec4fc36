import { ACCESSIBILITY_FEATURES, type AccessibilityFeature } from '../provider/catalogue';
import type { FieldError } from '../provider/provider.validation';

/**
 * Languages a provider may name for its own listing: the ones clients in Pirkanmaa ask for,
 * including both Finnish sign languages (fse, fss) and the Sámi languages. A fixed list so a
 * typo ("fin", "swe") is refused instead of becoming a language nobody can filter by.
 */
export const KNOWN_LANGUAGES: readonly string[] = [
  'fi',
  'sv',
  'en',
  'se',
  'smn',
  'sms',
  'fse',
  'fss',
  'ru',
  'et',
  'ar',
  'so',
  'fa',
  'ku',
  'uk',
  'de',
  'fr',
  'es',
  'zh',
  'th',
  'vi',
  'tr',
  'pl',
  'sq',
  'ro',
  'it',
  'pt',
  'ti',
  'am',
];

/** The parts of a listing a provider keeps itself (no approval needed). */
export interface ListingValues {
  description: string;
  phone: string | null;
  email: string | null;
  website: string | null;
  address: string | null;
  languages: string[];
  accessibility: AccessibilityFeature[];
  takesNewClients: boolean;
}

/** What the provider sent: a field left out (undefined) stays as it is. */
export type ListingInput = { [K in keyof ListingValues]?: ListingValues[K] | string[] | null };

/** One changed field of a version, as the history shows it. */
export interface ListingChange {
  field: keyof ListingValues;
  before: string | null;
  after: string | null;
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// Finnish and international numbers: an optional +, digits with spaces or dashes, 6–15 digits.
const PHONE_RE = /^\+?[0-9][0-9 -]{4,22}[0-9]$/;
// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const LIMITS = { description: 5000, email: 200, website: 300, address: 300 } as const;

function optionalText(
  raw: unknown,
  field: string,
  label: string,
  max: number,
  errors: FieldError[],
): string | null {
  const value = typeof raw === 'string' ? raw.trim() : '';
  if (value.length > max)
    errors.push({ field, message: `${label} must be at most ${max} characters.` });
  else if (CONTROL_RE.test(value))
    errors.push({ field, message: `${label} contains control characters.` });
  return value || null;
}

function websiteOk(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

const show = (value: ListingValues[keyof ListingValues]): string | null =>
  Array.isArray(value) ? value.join(', ') : value === null ? null : String(value);

/**
 * Validates a provider's change to its listing against the current values: every field is
 * checked, and the changes are returned only when there is no error (nothing is saved
 * otherwise). Pure: no TypeORM, no GraphQL.
 */
export function validateListing(
  input: ListingInput,
  current: ListingValues,
  prefix = 'input',
): { value: ListingValues; changes: ListingChange[]; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const value: ListingValues = { ...current };

  if (input.description !== undefined) {
    value.description =
      optionalText(
        input.description,
        `${prefix}.description`,
        'Description',
        LIMITS.description,
        errors,
      ) ?? '';
  }
  if (input.phone !== undefined) {
    const phone = optionalText(input.phone, `${prefix}.phone`, 'Phone number', 30, errors);
    const digits = phone?.replace(/\D/g, '').length ?? 0;
    if (phone && (!PHONE_RE.test(phone) || digits < 6 || digits > 15)) {
      errors.push({
        field: `${prefix}.phone`,
        message:
          'Phone number is not valid: digits, spaces or dashes, e.g. 040 123 4567 or +358 40 123 4567.',
      });
    }
    value.phone = phone;
  }
  if (input.email !== undefined) {
    const email = optionalText(
      input.email,
      `${prefix}.email`,
      'E-mail address',
      LIMITS.email,
      errors,
    );
    if (email && !EMAIL_RE.test(email))
      errors.push({
        field: `${prefix}.email`,
        message: 'E-mail address is not valid, e.g. info@example.fi.',
      });
    value.email = email;
  }
  if (input.website !== undefined) {
    const website = optionalText(
      input.website,
      `${prefix}.website`,
      'Website',
      LIMITS.website,
      errors,
    );
    if (website && !websiteOk(website))
      errors.push({
        field: `${prefix}.website`,
        message: 'Website must be an http(s) address, e.g. https://example.fi.',
      });
    value.website = website;
  }
  if (input.address !== undefined) {
    value.address = optionalText(
      input.address,
      `${prefix}.address`,
      'Address',
      LIMITS.address,
      errors,
    );
  }
  if (input.languages !== undefined) {
    const languages = [...new Set((input.languages ?? []).map((l) => l.trim().toLowerCase()))];
    if (languages.length === 0)
      errors.push({
        field: `${prefix}.languages`,
        message: 'Name at least one language of service.',
      });
    for (const language of languages) {
      if (!KNOWN_LANGUAGES.includes(language)) {
        errors.push({
          field: `${prefix}.languages`,
          message: `Unknown language ${JSON.stringify(language.slice(0, 20))}; known: ${KNOWN_LANGUAGES.join(', ')}.`,
        });
      }
    }
    value.languages = languages;
  }
  if (input.accessibility !== undefined) {
    const features = [...new Set((input.accessibility ?? []).map((a) => a.trim()))];
    for (const feature of features) {
      if (!(ACCESSIBILITY_FEATURES as readonly string[]).includes(feature)) {
        errors.push({
          field: `${prefix}.accessibility`,
          message: `Unknown accessibility feature ${JSON.stringify(feature.slice(0, 40))}; known: ${ACCESSIBILITY_FEATURES.join(', ')}.`,
        });
      }
    }
    value.accessibility = features as AccessibilityFeature[];
  }
  if (input.takesNewClients !== undefined) {
    if (typeof input.takesNewClients !== 'boolean')
      errors.push({
        field: `${prefix}.takesNewClients`,
        message: 'Say whether new clients are taken.',
      });
    else value.takesNewClients = input.takesNewClients;
  }

  const changes: ListingChange[] = [];
  for (const field of Object.keys(current) as (keyof ListingValues)[]) {
    const before = show(current[field]);
    const after = show(value[field]);
    if (before !== after) changes.push({ field, before, after });
  }
  return { value, changes: errors.length > 0 ? [] : changes, errors };
}

/**
 * Whether an offering must wait for the organiser: an approved provider offering, by its own
 * hand, a service type none of its approved offerings has. Organiser staff of its area approve
 * by adding it themselves; an application under review is decided as a whole anyway; an
 * inactive offering is not shown, so there is nothing to approve yet.
 */
export function needsServiceTypeApproval(args: {
  providerApproved: boolean;
  byOrganiserOfArea: boolean;
  active: boolean;
  serviceType: string;
  approvedServiceTypes: readonly string[];
}): boolean {
  return (
    args.providerApproved &&
    !args.byOrganiserOfArea &&
    args.active &&
    !args.approvedServiceTypes.includes(args.serviceType)
  );
}

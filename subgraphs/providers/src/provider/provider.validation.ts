import { parseAmount } from '@hb/kit';
import { checkBusinessId } from './business-id';
import {
  ACCESSIBILITY_FEATURES,
  LANGUAGE_RE,
  MAX_CLASS_LEVEL,
  MIN_CLASS_LEVEL,
  SERVED_MUNICIPALITIES,
  SERVICE_TYPES,
  isPriceUnit,
  isProviderKind,
  isServiceType,
  type AccessibilityFeature,
  type PriceUnit,
  type ProviderKind,
  type ServiceTypeCode,
} from './catalogue';

/** Pure validation of provider and offering input (no TypeORM, no GraphQL). */
export interface FieldError {
  field: string;
  message: string;
}

export interface ApplicationFields {
  name: string;
  businessId: string;
  kind: string;
  description?: string | null;
  email?: string | null;
  phone?: string | null;
  website?: string | null;
  municipalitiesServed: string[];
  languages: string[];
  accessibility?: string[] | null;
}

export interface CleanApplication {
  name: string;
  businessId: string;
  kind: ProviderKind;
  description: string;
  email: string | null;
  phone: string | null;
  website: string | null;
  municipalities: string[];
  languages: string[];
  accessibility: AccessibilityFeature[];
}

export interface OfferingFields {
  id?: string | null;
  serviceType: string;
  title: string;
  description?: string | null;
  price: string;
  priceUnit: string;
  suitableClassLevels?: number[] | null;
  active?: boolean | null;
}

export interface CleanOffering {
  id: string | null;
  serviceType: ServiceTypeCode;
  title: string;
  description: string;
  priceCents: number;
  priceUnit: PriceUnit;
  classLevels: number[];
  active: boolean;
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_RE = /^\+?[0-9 ()-]{5,20}$/;
const WEBSITE_RE = /^https?:\/\/[^\s/$.?#][^\s]*$/i;
// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function text(
  value: string | null | undefined,
  field: string,
  label: string,
  max: number,
  required: boolean,
  errors: FieldError[],
): string {
  const trimmed = (value ?? '').trim();
  if (required && trimmed.length === 0) errors.push({ field, message: `${label} is required.` });
  else if (trimmed.length > max)
    errors.push({ field, message: `${label} must be at most ${max} characters.` });
  else if (CONTROL_RE.test(trimmed))
    errors.push({ field, message: `${label} contains control characters.` });
  return trimmed;
}

const dedupe = <T>(values: T[]) => [...new Set(values)];

export function validateApplication(input: ApplicationFields, prefix = 'input') {
  const errors: FieldError[] = [];
  const name = text(input.name, `${prefix}.name`, 'Name', 200, true, errors);
  const description = text(
    input.description,
    `${prefix}.description`,
    'Description',
    5000,
    false,
    errors,
  );
  const business = checkBusinessId(input.businessId);
  if (!business.ok) errors.push({ field: `${prefix}.businessId`, message: business.message });
  if (!isProviderKind(input.kind))
    errors.push({ field: `${prefix}.kind`, message: `Unknown provider kind ${input.kind}.` });

  const email = input.email?.trim() || null;
  if (email && (email.length > 200 || !EMAIL_RE.test(email))) {
    errors.push({ field: `${prefix}.email`, message: 'Email address is not valid.' });
  }
  const phone = input.phone?.trim() || null;
  if (phone && !PHONE_RE.test(phone))
    errors.push({ field: `${prefix}.phone`, message: 'Phone number is not valid.' });
  const website = input.website?.trim() || null;
  if (website && (website.length > 300 || !WEBSITE_RE.test(website))) {
    errors.push({ field: `${prefix}.website`, message: 'Website must be an http(s) address.' });
  }

  const municipalities = dedupe(input.municipalitiesServed.map((c) => c.trim()));
  if (municipalities.length === 0) {
    errors.push({
      field: `${prefix}.municipalitiesServed`,
      message: 'Name at least one municipality served.',
    });
  }
  for (const code of municipalities) {
    if (!/^\d{3}$/.test(code)) {
      errors.push({
        field: `${prefix}.municipalitiesServed`,
        message: `Municipality code ${JSON.stringify(code.slice(0, 20))} is not a three-digit official code.`,
      });
    } else if (!SERVED_MUNICIPALITIES.includes(code)) {
      errors.push({
        field: `${prefix}.municipalitiesServed`,
        message: `Unknown municipality ${code}: the catalogue serves Pirkanmaa's municipalities.`,
      });
    }
  }

  const languages = dedupe(input.languages.map((l) => l.trim().toLowerCase()));
  if (languages.length === 0)
    errors.push({
      field: `${prefix}.languages`,
      message: 'Name at least one language of service.',
    });
  if (languages.length > 20)
    errors.push({ field: `${prefix}.languages`, message: 'At most 20 languages.' });
  for (const language of languages) {
    if (!LANGUAGE_RE.test(language)) {
      errors.push({
        field: `${prefix}.languages`,
        message: `Language ${JSON.stringify(language.slice(0, 20))} is not an ISO 639 code such as fi, sv or en.`,
      });
    }
  }

  const accessibility = dedupe((input.accessibility ?? []).map((a) => a.trim()));
  for (const feature of accessibility) {
    if (!(ACCESSIBILITY_FEATURES as string[]).includes(feature)) {
      errors.push({
        field: `${prefix}.accessibility`,
        message: `Unknown accessibility feature ${JSON.stringify(feature.slice(0, 40))}; known: ${ACCESSIBILITY_FEATURES.join(', ')}.`,
      });
    }
  }

  const value: CleanApplication = {
    name,
    businessId: business.ok ? business.value : input.businessId,
    kind: input.kind as ProviderKind,
    description,
    email,
    phone,
    website,
    municipalities,
    languages,
    accessibility: accessibility as AccessibilityFeature[],
  };
  return { value, errors };
}

export function validateOffering(input: OfferingFields, prefix = 'input') {
  const errors: FieldError[] = [];
  if (!isServiceType(input.serviceType)) {
    errors.push({
      field: `${prefix}.serviceType`,
      message: `Unknown service type ${JSON.stringify(input.serviceType.slice(0, 40))}; known: ${SERVICE_TYPES.join(', ')}.`,
    });
  }
  const title = text(input.title, `${prefix}.title`, 'Title', 200, true, errors);
  const description = text(
    input.description,
    `${prefix}.description`,
    'Description',
    5000,
    false,
    errors,
  );
  let priceCents = 0;
  const price = parseAmount(input.price);
  if (!price.ok) errors.push({ field: `${prefix}.price`, message: price.message });
  else if (price.cents <= 0)
    errors.push({ field: `${prefix}.price`, message: 'Price must be more than zero.' });
  else priceCents = price.cents;
  if (!isPriceUnit(input.priceUnit))
    errors.push({
      field: `${prefix}.priceUnit`,
      message: `Unknown price unit ${input.priceUnit}.`,
    });
  const classLevels = dedupe(input.suitableClassLevels ?? []).sort((a, b) => a - b);
  if (classLevels.some((l) => !Number.isInteger(l) || l < MIN_CLASS_LEVEL || l > MAX_CLASS_LEVEL)) {
    errors.push({
      field: `${prefix}.suitableClassLevels`,
      message: `HB class levels are whole numbers from ${MIN_CLASS_LEVEL} to ${MAX_CLASS_LEVEL}.`,
    });
  }
  const value: CleanOffering = {
    id: input.id ?? null,
    serviceType: input.serviceType as ServiceTypeCode,
    title,
    description,
    priceCents,
    priceUnit: input.priceUnit as PriceUnit,
    classLevels,
    active: input.active ?? true,
  };
  return { value, errors };
}

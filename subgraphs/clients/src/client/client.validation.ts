/** A validation failure of a mutation's input, naming the field. */
export interface FieldError {
  field: string;
  message: string;
}

const MAX_NAME = 100;
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_RE = /^\+?[0-9 ()-]{5,20}$/;

/** Checks a person's name part: required, trimmed, bounded, no control characters. */
export function validateName(value: string, field: string, label: string): FieldError[] {
  const trimmed = value.trim();
  if (trimmed.length === 0) return [{ field, message: `${label} is required.` }];
  if (trimmed.length > MAX_NAME) {
    return [{ field, message: `${label} must be at most ${MAX_NAME} characters.` }];
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(trimmed)) {
    return [{ field, message: `${label} contains control characters.` }];
  }
  return [];
}

/** A birth date must be a real date between 1900-01-01 and today. */
export function validateBirthDate(value: string | null | undefined, today: string): FieldError[] {
  if (value === null || value === undefined) return [];
  if (value > today)
    return [{ field: 'input.dateOfBirth', message: 'Date of birth cannot be in the future.' }];
  if (value < '1900-01-01') {
    return [{ field: 'input.dateOfBirth', message: 'Date of birth must be after 1900-01-01.' }];
  }
  return [];
}

/** Optional contact details, checked only when given. */
export function validateContact(
  email: string | null | undefined,
  phone: string | null | undefined,
  prefix: string,
): FieldError[] {
  const errors: FieldError[] = [];
  if (email && !EMAIL_RE.test(email.trim())) {
    errors.push({ field: `${prefix}.email`, message: 'Email address is not valid.' });
  }
  if (phone && !PHONE_RE.test(phone.trim())) {
    errors.push({ field: `${prefix}.phone`, message: 'Phone number is not valid.' });
  }
  return errors;
}

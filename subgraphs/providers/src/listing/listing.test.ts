import { needsServiceTypeApproval, validateListing, type ListingValues } from './listing';

const current: ListingValues = {
  description: 'Päivätoimintaa.',
  phone: '040 111 2222',
  email: null,
  website: null,
  address: null,
  languages: ['fi'],
  accessibility: [],
  takesNewClients: true,
};

describe('validateListing', () => {
  it.each([
    ['+358 40 123 4567', true],
    ['040-123 4567', true],
    ['03 5656 5656', true],
    ['12345', false],
    ['+358 40 123 4567 8901 2', false],
    ['040 123 4567 ext', false],
    ['(040) 123', false],
  ])('phone %s is valid: %s', (phone, ok) => {
    expect(validateListing({ phone }, current).errors.length === 0).toBe(ok);
  });

  it.each([
    ['https://example.fi', true],
    ['http://example.fi/palvelut?kieli=sv', true],
    ['ftp://example.fi', false],
    ['https://localhost', false],
    ['example.fi', false],
  ])('website %s is valid: %s', (website, ok) => {
    expect(validateListing({ website }, current).errors.length === 0).toBe(ok);
  });

  it('changes only the fields sent, normalises languages and lists what changed', () => {
    const { value, changes, errors } = validateListing(
      { languages: [' SV ', 'fi', 'sv'], email: '  info@example.fi ', phone: undefined },
      current,
    );
    expect(errors).toEqual([]);
    expect(value).toEqual({ ...current, languages: ['sv', 'fi'], email: 'info@example.fi' });
    expect(changes).toEqual([
      { field: 'email', before: null, after: 'info@example.fi' },
      { field: 'languages', before: 'fi', after: 'sv, fi' },
    ]);
  });

  it('reports every bad field at once and no changes', () => {
    const { changes, errors } = validateListing(
      { email: 'x', languages: ['xx'], accessibility: ['RAMP'], description: 'Uusi' },
      current,
    );
    expect(errors.map((e) => e.field)).toEqual([
      'input.email',
      'input.languages',
      'input.accessibility',
    ]);
    expect(changes).toEqual([]);
  });
});

describe('needsServiceTypeApproval', () => {
  const base = {
    providerApproved: true,
    byOrganiserOfArea: false,
    active: true,
    serviceType: 'TRANSPORT',
    approvedServiceTypes: ['DAY_ACTIVITIES'],
  };
  it.each([
    ['a new type by the approved provider', {}, true],
    ['a type it is approved for', { serviceType: 'DAY_ACTIVITIES' }, false],
    ['added by organiser staff of its area', { byOrganiserOfArea: true }, false],
    ['an application still under review', { providerApproved: false }, false],
    ['an inactive offering', { active: false }, false],
  ])('%s: %s', (_case, change, expected) => {
    expect(needsServiceTypeApproval({ ...base, ...change })).toBe(expected);
  });
});

import { useMutation } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { Button, Heading, Textarea } from 'suomifi-ui-components';
import { FormErrors, TextField } from '../../components/common';
import { useMutationForm } from '../../components/useMutationForm';
import { graphql } from '../../gql';
import type { MyListingQuery } from '../../gql/graphql';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../messages';
import { languageName } from '../../components/catalogue';

const SaveListing = graphql(`
  mutation SaveListing($providerId: ID!, $input: ProviderListingInput!) {
    updateProviderListing(providerId: $providerId, input: $input) {
      provider {
        id
        description
        phone
        email
        website
        address
        languages
        accessibility
        takesNewClients
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

/** Languages offered as choices: the provider's own ones are always shown too. */
const LANGUAGE_CHOICES = ['fi', 'sv', 'en', 'fse', 'fss', 'se', 'ru', 'et', 'ar', 'so', 'uk', 'de'];
const OWN_NAMES = ['fse', 'fss'];
const ACCESSIBILITY_CHOICES = [
  'WHEELCHAIR_ACCESSIBLE',
  'ACCESSIBLE_TOILET',
  'HEARING_LOOP',
  'SIGN_LANGUAGE',
  'EASY_LANGUAGE',
  'AAC_SUPPORT',
  'ACCESSIBLE_VEHICLE',
  'SENSORY_FRIENDLY',
  'HOME_VISITS',
  'GUIDE_DOG_WELCOME',
];
/** The provider's listing as MyListingPage reads it. */
export type ListingDetails = NonNullable<MyListingQuery['provider']>;

const toggle = (list: string[], code: string, on: boolean) =>
  on ? [...list.filter((c) => c !== code), code] : list.filter((c) => c !== code);

/**
 * Contact details first (a client's first question is how to reach the provider), then the
 * description, languages, accessibility and whether new clients are taken; saved together,
 * shown in the catalogue at once and kept as a version.
 */
export function DetailsForm({ provider: p }: { provider: ListingDetails }) {
  const { t, locale } = useI18n();
  const [phone, setPhone] = useState(p.phone ?? '');
  const [email, setEmail] = useState(p.email ?? '');
  const [website, setWebsite] = useState(p.website ?? '');
  const [address, setAddress] = useState(p.address ?? '');
  const [description, setDescription] = useState(p.description);
  const [languages, setLanguages] = useState<string[]>(p.languages);
  const [accessibility, setAccessibility] = useState<string[]>(p.accessibility);
  const [takesNew, setTakesNew] = useState(p.takesNewClients);
  const [saved, setSaved] = useState('');
  // The listing is read again so that the change history shows the new version.
  const [save, { loading }] = useMutation(SaveListing, { refetchQueries: ['MyListing'] });
  const { errors, fields, submit } = useMutationForm();
  const langName = (code: string) =>
    OWN_NAMES.includes(code)
      ? t(`catalogue.lang.${code}` as MessageKey)
      : languageName(code, locale);
  const languageChoices = [...new Set([...LANGUAGE_CHOICES, ...p.languages])];

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSaved('');
    const input = {
      phone,
      email,
      website,
      address,
      description,
      languages,
      accessibility,
      takesNewClients: takesNew,
    };
    await submit({
      run: async () =>
        (await save({ variables: { providerId: p.id, input } })).data?.updateProviderListing,
      onSuccess: () => setSaved(t('listing.detailsSaved')),
    });
  }

  return (
    <section className="card" aria-labelledby="listing-details">
      <Heading variant="h2" id="listing-details">
        {t('listing.details')}
      </Heading>
      <form onSubmit={onSubmit} className="form narrow" noValidate aria-busy={loading}>
        <FormErrors errors={errors} />
        <TextField
          label={t('listing.phone')}
          type="tel"
          autoComplete="tel"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          error={fields.phone}
        />
        <TextField
          label={t('listing.email')}
          type="email"
          autoComplete="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={fields.email}
        />
        <TextField
          label={t('listing.website')}
          type="url"
          value={website}
          onChange={(e) => setWebsite(e.target.value)}
          error={fields.website}
        />
        <TextField
          label={t('listing.address')}
          value={address}
          onChange={(e) => setAddress(e.target.value)}
          error={fields.address}
        />
        <Textarea
          labelText={t('listing.description')}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          status={fields.description ? 'error' : 'default'}
          statusText={fields.description}
          fullWidth
        />
        <fieldset>
          <legend>{t('listing.languages')}</legend>
          {fields.languages ? <p className="error-text">{fields.languages}</p> : null}
          {languageChoices.map((code) => (
            <label key={code} className="compare-choice">
              <input
                type="checkbox"
                checked={languages.includes(code)}
                onChange={(e) => setLanguages(toggle(languages, code, e.target.checked))}
              />{' '}
              {langName(code)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t('listing.accessibility')}</legend>
          {fields.accessibility ? <p className="error-text">{fields.accessibility}</p> : null}
          {ACCESSIBILITY_CHOICES.map((code) => (
            <label key={code} className="compare-choice">
              <input
                type="checkbox"
                checked={accessibility.includes(code)}
                onChange={(e) => setAccessibility(toggle(accessibility, code, e.target.checked))}
              />{' '}
              {t(`catalogue.access.${code}` as MessageKey)}
            </label>
          ))}
        </fieldset>
        <label className="compare-choice">
          <input
            type="checkbox"
            checked={takesNew}
            onChange={(e) => setTakesNew(e.target.checked)}
          />{' '}
          {t('listing.takesNew')}
        </label>
        <Button type="submit" disabled={loading}>
          {t('listing.saveDetails')}
        </Button>
        <p role="status" aria-live="polite">
          {saved}
        </p>
      </form>
    </section>
  );
}

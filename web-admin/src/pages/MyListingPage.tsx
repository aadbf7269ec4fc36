import { useMutation, useQuery } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { Button, Heading } from 'suomifi-ui-components';
import { useAuth } from '../auth';
import { Page } from '../components/Page';
import { FormErrors, QueryState, Select, TextField } from '../components/common';
import { useMutationForm } from '../components/useMutationForm';
import { graphql } from '../gql';
import type { MyListingQuery, PricingBasis } from '../gql/graphql';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { money, parseEuroInput } from '../format';
import { ServiceTypesQuery, useServiceTypeName } from '../components/catalogue';
import { DetailsForm } from './listing/DetailsForm';
import { HistoryList } from './listing/HistoryList';

const Listing = graphql(`
  query MyListing($id: ID!) {
    provider(id: $id) {
      id
      name
      description
      phone
      email
      website
      address
      languages
      accessibility
      takesNewClients
      offeringsAwaitingApproval {
        id
        title
      }
      listingHistory {
        id
        at
        changes {
          field
        }
      }
      offerings {
        id
        title
        description
        price {
          amount
          currency
        }
        priceUnit
        suitableClassLevels
        serviceType {
          code
        }
      }
    }
  }
`);

const SaveOffering = graphql(`
  mutation SaveOffering($providerId: ID!, $input: OfferingInput!) {
    upsertOffering(providerId: $providerId, input: $input) {
      offering {
        id
        title
        price {
          amount
          currency
        }
        priceUnit
        awaitingApproval
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

const PRICE_UNITS: PricingBasis[] = ['HOUR', 'DAY', 'KILOMETRE', 'YEAR'];
type Offering = NonNullable<MyListingQuery['provider']>['offerings'][number];

/**
 * The provider keeps its own offerings in the catalogue: title, price and unit, saved one at a
 * time and shown in the public catalogue at once.
 */
export function MyListingPage() {
  const { t } = useI18n();
  const { session } = useAuth();
  const providerId = session?.providerId ?? '';
  const listing = useQuery(Listing, { variables: { id: providerId }, skip: !providerId });
  const p = listing.data?.provider;
  return (
    <Page title={t('listing.title')} lead={t('listing.intro')}>
      <QueryState
        loading={listing.loading}
        error={listing.error}
        hasData={!!listing.data}
        onRetry={() => void listing.refetch()}
      >
        {p ? (
          <>
            <p>
              <Link to={`/providers/${p.id}`}>{t('listing.public')}</Link>
            </p>
            <DetailsForm provider={p} />
            <NewOfferingForm providerId={p.id} />
            <HistoryList versions={p.listingHistory} />
            {p.offeringsAwaitingApproval.length > 0 ? (
              <section className="card" aria-labelledby="listing-awaiting">
                <Heading variant="h2" id="listing-awaiting">
                  {t('listing.awaiting')}
                </Heading>
                <p>{t('listing.awaitingIntro')}</p>
                <ul>
                  {p.offeringsAwaitingApproval.map((o) => (
                    <li key={o.id}>{o.title}</li>
                  ))}
                </ul>
              </section>
            ) : null}
            <ul className="providers">
              {p.offerings.map((o) => (
                <OfferingForm key={o.id} providerId={p.id} offering={o} />
              ))}
            </ul>
          </>
        ) : null}
      </QueryState>
    </Page>
  );
}

function OfferingForm({ providerId, offering: o }: { providerId: string; offering: Offering }) {
  const { t, locale } = useI18n();
  const [title, setTitle] = useState(o.title);
  const [price, setPrice] = useState(o.price.amount.replace('.', ','));
  const [unit, setUnit] = useState<PricingBasis>(o.priceUnit);
  const [saved, setSaved] = useState('');
  const [save, { loading }] = useMutation(SaveOffering);
  const { errors, setErrors, fields, submit } = useMutationForm();

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSaved('');
    const amount = parseEuroInput(price);
    if (!amount) {
      setErrors([{ code: 'VALIDATION', message: t('listing.priceInvalid'), field: 'input.price' }]);
      return;
    }
    const input = {
      id: o.id,
      serviceType: o.serviceType.code,
      title: title.trim(),
      description: o.description,
      price: amount,
      priceUnit: unit,
      suitableClassLevels: o.suitableClassLevels,
    };
    await submit({
      run: async () => (await save({ variables: { providerId, input } })).data?.upsertOffering,
      onSuccess: ({ offering }) => {
        if (!offering) return;
        setSaved(
          t('listing.saved', {
            title: offering.title,
            price: t('catalogue.perUnit', {
              price: money(offering.price, locale),
              unit: t(`unit.${offering.priceUnit}`),
            }),
          }),
        );
      },
    });
  }

  return (
    <li className="card">
      <Heading variant="h2">{o.title}</Heading>
      <form
        onSubmit={onSubmit}
        className="form narrow"
        noValidate
        aria-busy={loading}
        aria-label={t('listing.form', { title: o.title })}
      >
        <FormErrors errors={errors} />
        <TextField
          label={t('listing.offeringTitle')}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={fields.title}
        />
        <TextField
          label={t('listing.price')}
          value={price}
          inputMode="decimal"
          onChange={(e) => setPrice(e.target.value)}
          error={fields.price}
        />
        <Select
          label={t('catalogue.priceUnit')}
          value={unit}
          onChange={(e) => setUnit(e.target.value as PricingBasis)}
        >
          {PRICE_UNITS.map((u) => (
            <option key={u} value={u}>
              {t(`unit.${u}` as MessageKey)}
            </option>
          ))}
        </Select>
        <Button type="submit" disabled={loading}>
          {t('listing.save')}
        </Button>
        <p role="status" aria-live="polite">
          {saved}
        </p>
      </form>
    </li>
  );
}

/**
 * Adds an offering. A service type the provider is already approved for shows at once; a new
 * one waits for the organiser, and the page says so.
 */
function NewOfferingForm({ providerId }: { providerId: string }) {
  const { t } = useI18n();
  const serviceName = useServiceTypeName();
  const types = useQuery(ServiceTypesQuery);
  const [serviceType, setServiceType] = useState('');
  const [title, setTitle] = useState('');
  const [price, setPrice] = useState('');
  const [unit, setUnit] = useState<PricingBasis>('HOUR');
  const [saved, setSaved] = useState('');
  const [save, { loading }] = useMutation(SaveOffering, { refetchQueries: ['MyListing'] });
  const { errors, setErrors, fields, submit } = useMutationForm();

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSaved('');
    const amount = parseEuroInput(price);
    if (!amount) {
      setErrors([{ code: 'VALIDATION', message: t('listing.priceInvalid'), field: 'input.price' }]);
      return;
    }
    const input = { serviceType, title: title.trim(), price: amount, priceUnit: unit };
    await submit({
      run: async () => (await save({ variables: { providerId, input } })).data?.upsertOffering,
      onSuccess: ({ offering }) => {
        if (!offering) return;
        setSaved(
          t(offering.awaitingApproval ? 'listing.addedAwaiting' : 'listing.added', {
            title: offering.title,
          }),
        );
        setTitle('');
        setPrice('');
      },
    });
  }

  return (
    <section className="card" aria-labelledby="listing-new">
      <Heading variant="h2" id="listing-new">
        {t('listing.add')}
      </Heading>
      <form onSubmit={onSubmit} className="form narrow" noValidate aria-busy={loading}>
        <FormErrors errors={errors} />
        <Select
          label={t('listing.serviceType')}
          value={serviceType}
          onChange={(e) => setServiceType(e.target.value)}
          error={fields.serviceType}
        >
          <option value="">{t('listing.chooseServiceType')}</option>
          {(types.data?.serviceTypes ?? []).map((s) => (
            <option key={s.code} value={s.code}>
              {serviceName(s)}
            </option>
          ))}
        </Select>
        <TextField
          label={t('listing.offeringTitle')}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={fields.title}
        />
        <TextField
          label={t('listing.price')}
          value={price}
          inputMode="decimal"
          onChange={(e) => setPrice(e.target.value)}
          error={fields.price}
        />
        <Select
          label={t('catalogue.priceUnit')}
          value={unit}
          onChange={(e) => setUnit(e.target.value as PricingBasis)}
        >
          {PRICE_UNITS.map((u) => (
            <option key={u} value={u}>
              {t(`unit.${u}` as MessageKey)}
            </option>
          ))}
        </Select>
        <Button type="submit" disabled={loading}>
          {t('listing.addSave')}
        </Button>
        <p role="status" aria-live="polite">
          {saved}
        </p>
      </form>
    </section>
  );
}

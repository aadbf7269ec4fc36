import { useQuery } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Button, Heading, TextInput } from 'suomifi-ui-components';
import { Page } from '../components/Page';
import { QueryState, Select } from '../components/common';
import { graphql } from '../gql';
import type { PricingBasis } from '../gql/graphql';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { money, parseEuroInput } from '../format';
import { MunicipalitiesQuery } from './ClientsPage';
import { MAX_COMPARED, comparedIds } from './ComparePage';
import {
  ACCESSIBILITY_ICONS,
  ServiceTypesQuery,
  languageName,
  useServiceTypeName,
} from '../components/catalogue';
import { CursorPager } from '../components/CursorPager';

const ProvidersQuery = graphql(`
  query Providers($search: ProviderSearchInput, $first: Int, $after: String) {
    providers(search: $search, first: $first, after: $after) {
      totalCount
      totalCountIsLowerBound
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          name
          kind
          description
          phone
          languages
          accessibility
          municipalitiesServed {
            code
            name
            nameSv
          }
          offerings {
            id
            title
            price {
              amount
              currency
            }
            priceUnit
            serviceType {
              code
            }
          }
        }
      }
    }
  }
`);

/**
 * How many of the search's matches have each filter's values, shown beside them. Its own
 * request, so that the result list never waits for the counts.
 */
const FacetsQuery = graphql(`
  query ProviderFacets($search: ProviderSearchInput) {
    providerFacets(search: $search) {
      countsAreLowerBounds
      serviceTypes {
        value
        count
      }
      municipalities {
        value
        count
      }
      languages {
        value
        count
      }
      accessibility {
        value
        count
      }
    }
  }
`);

type FacetName = 'serviceTypes' | 'municipalities' | 'languages' | 'accessibility';

// fse, fss: Finnish and Finland-Swedish sign language; fi-selko: easy Finnish (the API's values).
const LANGUAGE_CODES = ['fi', 'sv', 'en', 'fse', 'fss', 'fi-selko', 'se', 'ru', 'et', 'ar', 'so'];
const OWN_LANGUAGE_NAMES = ['fse', 'fss', 'fi-selko'];
const ACCESSIBILITY_CODES = [
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
const PRICE_UNITS = ['HOUR', 'DAY', 'KILOMETRE', 'YEAR'];
const PAGE_SIZE = 10;

export function CataloguePage() {
  const { t, language, locale } = useI18n();
  const serviceName = useServiceTypeName();
  const langName = (code: string) =>
    OWN_LANGUAGE_NAMES.includes(code)
      ? t(`catalogue.lang.${code}` as MessageKey)
      : languageName(code, locale);
  const [params, setParams] = useSearchParams();
  const applied = {
    text: params.get('q') ?? '',
    serviceType: params.get('service') ?? '',
    municipalityCode: params.get('m') ?? '',
    language: params.get('lang') ?? '',
    maxPrice: params.get('max') ?? '',
    priceUnit: params.get('unit') ?? 'HOUR',
    accessibility: params.get('acc') ?? '',
  };
  const compared = comparedIds(new URLSearchParams({ ids: params.get('cmp') ?? '' }));
  const [form, setForm] = useState(applied);
  const [priceError, setPriceError] = useState<string | undefined>();
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const serviceTypes = useQuery(ServiceTypesQuery);
  const municipalities = useQuery(MunicipalitiesQuery);
  const search = {
    text: applied.text || null,
    serviceType: applied.serviceType || null,
    municipalityCode: applied.municipalityCode || null,
    language: applied.language || null,
    maxPrice: applied.maxPrice ? parseEuroInput(applied.maxPrice) : null,
    // A maximum price is per unit: €/h and €/km are never compared.
    priceUnit: applied.maxPrice ? (applied.priceUnit as PricingBasis) : null,
    accessibility: applied.accessibility ? [applied.accessibility] : null,
  };
  const { data, loading, error } = useQuery(ProvidersQuery, {
    variables: { search, first: PAGE_SIZE, after: cursors[cursors.length - 1] ?? null },
  });
  const facets = useQuery(FacetsQuery, { variables: { search } }).data?.providerFacets;
  /**
   * An option's label with its count among the applied search's matches. A filter already
   * applied gets none: its other values would count matches having both, not what choosing
   * one instead would find (the result count says how many the chosen one has).
   */
  const counted = (label: string, facet: FacetName, value: string, chosen: string): string => {
    if (!facets || chosen) return label;
    const count = facets[facet].find((f) => f.value === value)?.count ?? 0;
    return t(
      facets.countsAreLowerBounds ? 'catalogue.facetOptionAtLeast' : 'catalogue.facetOption',
      {
        label,
        count,
      },
    );
  };

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (form.maxPrice && !parseEuroInput(form.maxPrice)) {
      setPriceError(t('catalogue.maxPrice'));
      return;
    }
    setPriceError(undefined);
    const next = new URLSearchParams();
    if (form.text.trim()) next.set('q', form.text.trim());
    if (form.serviceType) next.set('service', form.serviceType);
    if (form.municipalityCode) next.set('m', form.municipalityCode);
    if (form.language) next.set('lang', form.language);
    if (form.maxPrice) next.set('max', form.maxPrice);
    if (form.maxPrice) next.set('unit', form.priceUnit);
    if (form.accessibility) next.set('acc', form.accessibility);
    if (compared.length > 0) next.set('cmp', compared.join(','));
    setParams(next);
    setCursors([null]);
  }

  const set = (key: keyof typeof form) => (value: string) =>
    setForm((f) => ({ ...f, [key]: value }));
  const mName = (m: { name: string; nameSv: string | null }) =>
    language === 'sv' && m.nameSv ? m.nameSv : m.name;
  const connection = data?.providers;

  // The choice lives in the address, so it survives paging, new searches and going back.
  function toggleCompared(id: string, on: boolean) {
    const ids = on ? [...compared, id] : compared.filter((c) => c !== id);
    const next = new URLSearchParams(params);
    if (ids.length > 0) next.set('cmp', ids.join(','));
    else next.delete('cmp');
    setParams(next, { replace: true });
  }

  return (
    <Page title={t('catalogue.title')} lead={t('catalogue.intro')}>
      <form
        role="search"
        onSubmit={onSubmit}
        className="form grid"
        aria-label={t('catalogue.title')}
      >
        <TextInput
          labelText={t('catalogue.text')}
          value={form.text}
          onChange={(v) => set('text')(String(v ?? ''))}
          name="text"
          autoComplete="off"
        />
        <Select
          label={t('catalogue.serviceType')}
          value={form.serviceType}
          onChange={(e) => set('serviceType')(e.target.value)}
        >
          <option value="">{t('catalogue.allServices')}</option>
          {(serviceTypes.data?.serviceTypes ?? []).map((s) => (
            <option key={s.code} value={s.code}>
              {counted(serviceName(s), 'serviceTypes', s.code, applied.serviceType)}
            </option>
          ))}
        </Select>
        <Select
          label={t('clients.municipality')}
          value={form.municipalityCode}
          onChange={(e) => set('municipalityCode')(e.target.value)}
        >
          <option value="">{t('clients.allMunicipalities')}</option>
          {[...(municipalities.data?.municipalities ?? [])]
            .sort((a, b) => mName(a).localeCompare(mName(b), locale))
            .map((m) => (
              <option key={m.code} value={m.code}>
                {counted(mName(m), 'municipalities', m.code, applied.municipalityCode)}
              </option>
            ))}
        </Select>
        <Select
          label={t('catalogue.language')}
          value={form.language}
          onChange={(e) => set('language')(e.target.value)}
        >
          <option value="">{t('catalogue.anyLanguage')}</option>
          {LANGUAGE_CODES.map((code) => (
            <option key={code} value={code}>
              {counted(langName(code), 'languages', code, applied.language)}
            </option>
          ))}
        </Select>
        <Select
          label={t('catalogue.accessFilter')}
          value={form.accessibility}
          onChange={(e) => set('accessibility')(e.target.value)}
        >
          <option value="">–</option>
          {ACCESSIBILITY_CODES.map((code) => (
            <option key={code} value={code}>
              {counted(
                t(`catalogue.access.${code}` as MessageKey),
                'accessibility',
                code,
                applied.accessibility,
              )}
            </option>
          ))}
        </Select>
        {/* The unit first, and named in the price's label: a maximum price is compared only
            with prices in the same unit (the API refuses one without a unit). */}
        <Select
          label={t('catalogue.priceUnit')}
          value={form.priceUnit}
          onChange={(e) => set('priceUnit')(e.target.value)}
        >
          {PRICE_UNITS.map((unit) => (
            <option key={unit} value={unit}>
              {t(`unit.${unit}` as MessageKey)}
            </option>
          ))}
        </Select>
        <TextInput
          labelText={t('catalogue.maxPricePer', {
            unit: t(`unit.${form.priceUnit}` as MessageKey),
          })}
          hintText={t('catalogue.maxPriceHint', {
            unit: t(`unit.${form.priceUnit}` as MessageKey),
          })}
          value={form.maxPrice}
          onChange={(v) => set('maxPrice')(String(v ?? ''))}
          inputMode="decimal"
          status={priceError ? 'error' : 'default'}
          statusText={priceError}
        />
        <div className="form-actions">
          <Button type="submit">{t('catalogue.search')}</Button>
        </div>
      </form>
      <QueryState loading={loading} error={error} hasData={!!connection} optional>
        {connection ? (
          <>
            <p role="status" className="result-count">
              {connection.totalCountIsLowerBound
                ? t('catalogue.countAtLeast', { count: connection.totalCount })
                : t('catalogue.count', { count: connection.totalCount })}
            </p>
            {connection.edges.length === 0 ? <p>{t('catalogue.empty')}</p> : null}
            <div className="compare-bar" aria-live="polite">
              <p>
                {t('catalogue.compareSelected', { count: compared.length })}
                {compared.length >= MAX_COMPARED ? ` ${t('catalogue.compareFull')}` : ''}
              </p>
              {compared.length > 0 ? (
                <Link className="button-link" to={`/providers/compare?ids=${compared.join(',')}`}>
                  {t('catalogue.compareOpen')}
                </Link>
              ) : null}
            </div>
            <ul className="providers">
              {connection.edges.map(({ node: p }) => (
                <li key={p.id} className="card provider-card">
                  <Heading variant="h2" as="h2">
                    <Link to={`/providers/${p.id}`}>{p.name}</Link>
                  </Heading>
                  <p className="muted">{t(`kind.${p.kind}`)}</p>
                  {p.phone ? (
                    <p>
                      <span aria-hidden="true">📞</span> {t('catalogue.phone')}:{' '}
                      <a href={`tel:${p.phone.replace(/[^+\d]/g, '')}`}>{p.phone}</a>
                    </p>
                  ) : null}
                  <p>{p.description}</p>
                  <dl className="details">
                    <dt>{t('catalogue.offerings')}</dt>
                    <dd>
                      <ul className="tags">
                        {p.offerings.map((o) => (
                          <li key={o.id}>
                            {o.title}:{' '}
                            {t('catalogue.perUnit', {
                              price: money(o.price, locale),
                              unit: t(`unit.${o.priceUnit}`),
                            })}
                          </li>
                        ))}
                      </ul>
                    </dd>
                    <dt>{t('catalogue.served')}</dt>
                    <dd>{p.municipalitiesServed.map(mName).join(', ') || '–'}</dd>
                    <dt>{t('catalogue.languages')}</dt>
                    <dd>{p.languages.map(langName).join(', ') || '–'}</dd>
                    <dt>{t('catalogue.accessibility')}</dt>
                    <dd>
                      {p.accessibility.length === 0 ? (
                        '–'
                      ) : (
                        <ul className="tags">
                          {p.accessibility.map((code) => (
                            <li key={code}>
                              <span aria-hidden="true">{ACCESSIBILITY_ICONS[code] ?? ''}</span>{' '}
                              {t(`catalogue.access.${code}` as MessageKey)}
                            </li>
                          ))}
                        </ul>
                      )}
                    </dd>
                  </dl>
                  <label className="compare-choice">
                    <input
                      type="checkbox"
                      checked={compared.includes(p.id)}
                      disabled={!compared.includes(p.id) && compared.length >= MAX_COMPARED}
                      onChange={(e) => toggleCompared(p.id, e.target.checked)}
                    />{' '}
                    {t('catalogue.compareThis', { name: p.name })}
                  </label>
                </li>
              ))}
            </ul>
            <CursorPager
              label={t('clients.pagination')}
              cursors={cursors}
              setCursors={setCursors}
              pageInfo={connection.pageInfo}
            />
          </>
        ) : null}
      </QueryState>
    </Page>
  );
}

import { Heading } from 'suomifi-ui-components';
import { graphql } from '../gql';
import type { ProviderDetailsFragment } from '../gql/graphql';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { money } from '../format';
import { ACCESSIBILITY_ICONS, languageName } from './catalogue';

export const ProviderDetailsFields = graphql(`
  fragment ProviderDetails on Provider {
    id
    name
    kind
    approvalStatus
    description
    email
    phone
    website
    address
    takesNewClients
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
      description
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
`);

// fse, fss: sign languages; fi-selko: easy Finnish — names the browser does not know.
const OWN_LANGUAGE_NAMES = ['fse', 'fss', 'fi-selko'];

/** Whether a client may choose this provider with a personal budget (DOMAIN.md). */
export function choosable(p: Pick<ProviderDetailsFragment, 'kind' | 'approvalStatus'>): boolean {
  return p.approvalStatus === 'APPROVED' && p.kind !== 'ORGANISER_OWN';
}

/**
 * What a client needs to decide on a provider, phone first: how to reach it, whether it can be
 * chosen with a personal budget and takes new clients, where and in which languages it works,
 * its accessibility in words (icons only beside them), and its services with a price per unit.
 * `headingLevel` lets the compare view put each provider under its own column heading.
 */
export function ProviderDetails({
  provider: p,
  serviceName,
  compact = false,
}: {
  provider: ProviderDetailsFragment;
  serviceName: (code: string) => string;
  compact?: boolean;
}) {
  const { t, language, locale } = useI18n();
  const langName = (code: string) =>
    OWN_LANGUAGE_NAMES.includes(code)
      ? t(`catalogue.lang.${code}` as MessageKey)
      : languageName(code, locale);
  const mName = (m: { name: string; nameSv: string | null }) =>
    language === 'sv' && m.nameSv ? m.nameSv : m.name;
  const hasContact = Boolean(p.phone || p.email || p.website || p.address);
  return (
    <div className="provider-details">
      <ul className="provider-contact">
        {p.phone ? (
          <li>
            <span aria-hidden="true">📞</span> {t('catalogue.phone')}:{' '}
            <a href={`tel:${p.phone.replace(/[^+\d]/g, '')}`}>{p.phone}</a>
          </li>
        ) : null}
        {p.email ? (
          <li>
            <span aria-hidden="true">✉️</span> {t('catalogue.email')}:{' '}
            <a href={`mailto:${p.email}`}>{p.email}</a>
          </li>
        ) : null}
        {p.website && /^https?:\/\//.test(p.website) ? (
          <li>
            <span aria-hidden="true">🌐</span> {t('catalogue.website')}:{' '}
            <a href={p.website} rel="noopener noreferrer">
              {p.website.replace(/^https?:\/\//, '')}
            </a>
          </li>
        ) : null}
        {p.address ? (
          <li>
            <span aria-hidden="true">📍</span> {t('catalogue.address')}: {p.address}
          </li>
        ) : null}
        {hasContact ? null : <li>{t('catalogue.noContact')}</li>}
      </ul>
      <p className={choosable(p) ? 'provider-status ok' : 'provider-status'}>
        <span aria-hidden="true">{choosable(p) ? '✅' : 'ℹ️'}</span>{' '}
        {t(choosable(p) ? 'catalogue.choosable' : 'catalogue.notChoosable')}
      </p>
      <p className="provider-status">
        {t(p.takesNewClients ? 'catalogue.takesNew' : 'catalogue.full')}
      </p>
      {compact ? null : <p>{p.description}</p>}
      <dl className="details stacked">
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
      <Heading variant="h3" as={compact ? 'h3' : 'h2'}>
        {t('catalogue.offerings')}
      </Heading>
      <ul className="offerings">
        {p.offerings.map((o) => (
          <li key={o.id}>
            <strong>{o.title}</strong>{' '}
            <span className="muted">{serviceName(o.serviceType.code)}</span>
            <br />
            <span className="price">
              {t('catalogue.perUnit', {
                price: money(o.price, locale),
                unit: t(`unit.${o.priceUnit}`),
              })}
            </span>
            {compact ? null : (
              <>
                <br />
                <span className="muted">{o.description}</span>
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

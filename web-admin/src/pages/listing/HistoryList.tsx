import { Heading } from 'suomifi-ui-components';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../messages';
import { dateTime } from '../../format';
import type { ListingDetails } from './DetailsForm';

const FIELD_LABELS: Record<string, MessageKey> = {
  description: 'listing.description',
  phone: 'listing.phone',
  email: 'listing.email',
  website: 'listing.website',
  address: 'listing.address',
  languages: 'listing.languages',
  accessibility: 'listing.accessibility',
  takesNewClients: 'listing.takesNew',
};

/** Who changed what and when: the newest version first. */
export function HistoryList({ versions }: { versions: ListingDetails['listingHistory'] }) {
  const { t, locale } = useI18n();
  if (versions.length === 0) return null;
  return (
    <section className="card" aria-labelledby="listing-history">
      <Heading variant="h2" id="listing-history">
        {t('listing.history')}
      </Heading>
      <ul>
        {[...versions].reverse().map((v) => (
          <li key={v.id}>
            {dateTime(v.at, locale)}:{' '}
            {v.changes
              .map((c) => {
                const label = FIELD_LABELS[c.field];
                return label ? t(label) : c.field;
              })
              .join(', ')}
          </li>
        ))}
      </ul>
    </section>
  );
}

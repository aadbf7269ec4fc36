import { useQuery } from '@apollo/client';
import { Heading } from 'suomifi-ui-components';
import { graphql } from '../gql';
import { useI18n } from '../i18n';
import { date } from '../format';

const ChangeRequestsQuery = graphql(`
  query PlanChangeRequests($id: ID!) {
    plan(id: $id) {
      id
      changeRequests {
        id
        message
        requestedAt
      }
    }
  }
`);

/**
 * What the client asked to change in a draft (her own words), for the staff who prepare the
 * next draft. Looked at again now and then while the draft waits for her.
 */
export function PlanChangeRequests({ planId, live }: { planId: string; live: boolean }) {
  const { t, locale } = useI18n();
  const { data } = useQuery(ChangeRequestsQuery, {
    variables: { id: planId },
    pollInterval: live ? 10_000 : 0,
  });
  const requests = data?.plan?.changeRequests ?? [];
  if (requests.length === 0) return null;
  return (
    <section aria-labelledby={`change-requests-${planId}`} className="notice">
      <Heading variant="h4" as="h4" id={`change-requests-${planId}`}>
        {t('planChanges.title')}
      </Heading>
      <ul className="my-list">
        {requests.map((r) => (
          <li key={r.id} className="my-item">
            {t('planChanges.item', { date: date(r.requestedAt, locale), message: r.message })}
          </li>
        ))}
      </ul>
    </section>
  );
}

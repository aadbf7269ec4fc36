import { useQuery } from '@apollo/client';
import { Button, Heading, InlineAlert } from 'suomifi-ui-components';
import { QueryState } from '../common';
import { graphql } from '../../gql';
import { useI18n } from '../../i18n';
import { dateTime } from '../../format';
import { actorText, purposeText } from '../../pages/MyAccessLogPage';

const AccessLogQuery = graphql(`
  query ClientAccessLog($id: ID!, $first: Int, $after: String) {
    client(id: $id) {
      id
      accessLog(first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
          cursor
          node {
            id
            at
            actorId
            actorRole
            actorName
            actorOrganisationKind
            actorOrganisationName
            actorOrganisationNameSv
            action
            subject
            purpose
          }
        }
      }
    }
  }
`);

/** Lokitiedot: who has read or changed the client's data. */
export function AccessLogSection({ clientId }: { clientId: string }) {
  const { t, locale, language } = useI18n();
  const { data, loading, error, fetchMore } = useQuery(AccessLogQuery, {
    variables: { id: clientId, first: 10 },
    fetchPolicy: 'network-only',
  });
  const log = data?.client?.accessLog;
  return (
    <section aria-labelledby="log-heading" className="card">
      <Heading variant="h2" id="log-heading">
        {t('log.title')}
      </Heading>
      <p>{t('log.intro')}</p>
      <QueryState loading={loading} error={error} hasData={!!log}>
        {log ? (
          <>
            <table className="table">
              <caption className="visually-hidden">{t('log.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('log.at')}</th>
                  <th scope="col">{t('log.actor')}</th>
                  <th scope="col">{t('log.action')}</th>
                  <th scope="col">{t('log.subject')}</th>
                  <th scope="col">{t('log.purpose')}</th>
                </tr>
              </thead>
              <tbody>
                {log.edges.map(({ node }) => (
                  <tr key={node.id}>
                    <td>{dateTime(node.at, locale)}</td>
                    <td>{actorText(node, t, language)}</td>
                    <td>{t(node.action === 'CHANGE' ? 'log.action.CHANGE' : 'log.action.READ')}</td>
                    <td>{node.subject}</td>
                    <td>{purposeText(node.purpose, t)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {log.pageInfo.hasNextPage ? (
              <Button
                variant="secondary"
                onClick={() =>
                  void fetchMore({
                    variables: { after: log.pageInfo.endCursor },
                    updateQuery: (prev, { fetchMoreResult }) => {
                      const prevLog = prev.client?.accessLog;
                      const moreLog = fetchMoreResult.client?.accessLog;
                      if (!prev.client || !prevLog || !moreLog) return prev;
                      return {
                        client: {
                          ...prev.client,
                          accessLog: { ...moreLog, edges: [...prevLog.edges, ...moreLog.edges] },
                        },
                      };
                    },
                  })
                }
              >
                {t('log.more')}
              </Button>
            ) : null}
          </>
        ) : null}
      </QueryState>
      {error && log ? <InlineAlert status="error">{error.message}</InlineAlert> : null}
    </section>
  );
}

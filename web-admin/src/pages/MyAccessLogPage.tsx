import { useQuery } from '@apollo/client';
import { Button } from 'suomifi-ui-components';
import { graphql } from '../gql';
import type { MyAccessLogQuery } from '../gql/graphql';
import { useI18n, type Translate } from '../i18n';
import type { MessageKey } from '../messages';
import { Page } from '../components/Page';
import { QueryState } from '../components/common';
import { useMyAccess } from '../components/MyAccess';

const PAGE = 25;

const MyAccessLog = graphql(`
  query MyAccessLog($id: ID!, $first: Int, $after: String) {
    client(id: $id) {
      id
      accessLog(first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        edges {
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

type Entry = NonNullable<MyAccessLogQuery['client']>['accessLog']['edges'][number]['node'];

/** Subjects the log names, most specific first; `Client.processPhase=X` reads as its prefix. */
const SUBJECTS = [
  'Client.team',
  'Client.consents',
  'Client.accessLog',
  'Client.created',
  'Client.processPhase',
  'Client',
  'Budget.transactions',
  'Budget.live',
  'Budget.charge',
  'Budget',
  'Charge',
  'BudgetAlert',
  'ImplementationPlan',
  'PaymentCommitment',
  'Feedback',
] as const;

export function subjectKey(subject: string): MessageKey {
  const found = SUBJECTS.find(
    (s) =>
      subject === s ||
      subject.startsWith(`${s}.`) ||
      subject.startsWith(`${s}=`) ||
      subject.startsWith(`${s}:`),
  );
  return `myLog.what.${found ?? 'other'}`;
}

/** The platform's own declared purposes, by the exact text it logs; others are shown as sent. */
const PURPOSES: Record<string, MessageKey> = {
  'client service (asiakkaan palvelu)': 'myLog.purpose.clientService',
  'rule check (sääntötarkistus)': 'myLog.purpose.ruleCheck',
  'live follow-up (seuranta)': 'myLog.purpose.live',
};

export function purposeText(purpose: string, t: Translate): string {
  const key = PURPOSES[purpose];
  return key ? t(key) : purpose;
}

const ROLE_KEYS: Record<string, MessageKey> = {
  ADVISER: 'role.ADVISER',
  WORKER: 'role.WORKER',
  ORGANISER: 'role.ORGANISER',
  CLIENT: 'role.CLIENT',
  TEAM_MEMBER: 'role.TEAM_MEMBER',
  PROVIDER: 'role.PROVIDER',
  MUNICIPAL_SYSTEM: 'role.MUNICIPAL_SYSTEM',
};

/** "Hanna Neuvonen, HB-neuvoja, HB-keskus Pirkanmaa, katsoi budjettiasi 30.11. klo 14.59" */
export function entryText(
  e: Entry,
  t: Translate,
  locale: string,
  language: string,
  clientId: string,
): string {
  const at = new Date(e.at);
  const when = t('myLog.at', {
    date: at.toLocaleDateString(locale, { timeZone: 'Europe/Helsinki' }),
    time: at.toLocaleTimeString(locale, {
      timeZone: 'Europe/Helsinki',
      hour: '2-digit',
      minute: '2-digit',
    }),
  });
  const what = t(subjectKey(e.subject));
  // Her own look at her data reads as "you", in the second person.
  if (e.actorRole === 'CLIENT' && e.actorId === clientId) {
    return t(e.action === 'CHANGE' ? 'myLog.youChanged' : 'myLog.youRead', { what, at: when });
  }
  const did = t(e.action === 'CHANGE' ? 'myLog.change' : 'myLog.read', { what });
  return t('myLog.entry', { who: `${actorText(e, t, language)},`, what: did, at: when });
}

/** "Hanna Neuvonen, HB-neuvoja, HB-keskus Pirkanmaa": the actor in words, never her codes. */
export function actorText(
  e: Pick<
    Entry,
    | 'actorName'
    | 'actorRole'
    | 'actorOrganisationKind'
    | 'actorOrganisationName'
    | 'actorOrganisationNameSv'
  >,
  t: Translate,
  language: string,
): string {
  const who: string[] = [e.actorName ?? t('myLog.someone')];
  const roleKey = ROLE_KEYS[e.actorRole];
  if (roleKey) who.push(t(roleKey));
  if (e.actorOrganisationKind === 'HB_CENTRE') who.push(t('myLog.hbCentre'));
  else if (e.actorOrganisationKind === 'MUNICIPALITY' && e.actorOrganisationName)
    who.push(
      language === 'sv' && e.actorOrganisationNameSv
        ? e.actorOrganisationNameSv
        : e.actorOrganisationName,
    );
  return who.join(', ');
}

/** Who has looked at my data: the whole access log, newest first, paged to its end. */
export function MyAccessLogPage() {
  const { t, locale, language } = useI18n();
  const { clientId } = useMyAccess();
  const { data, loading, error, fetchMore } = useQuery(MyAccessLog, {
    variables: { id: clientId ?? '', first: PAGE },
    skip: !clientId,
    notifyOnNetworkStatusChange: true,
  });
  const log = data?.client?.accessLog;
  const entries = log?.edges.map((e) => e.node) ?? [];
  const more = () => {
    if (!log?.pageInfo.endCursor) return;
    void fetchMore({
      variables: { after: log.pageInfo.endCursor },
      updateQuery: (prev, { fetchMoreResult }) => {
        if (!prev.client || !fetchMoreResult.client) return prev;
        const next = fetchMoreResult.client.accessLog;
        return {
          client: {
            ...prev.client,
            accessLog: {
              ...next,
              edges: [...prev.client.accessLog.edges, ...next.edges],
            },
          },
        };
      },
    });
  };
  return (
    <Page title={t('myLog.title')} lead={t('myLog.lead')}>
      <QueryState loading={loading} error={error} hasData={!!data?.client}>
        <p role="status" data-testid="log-count">
          {t('myLog.count', { total: log?.totalCount ?? 0, shown: entries.length })}
        </p>
        <ol className="my-list my-log" data-testid="access-log">
          {entries.map((e) => (
            <li key={e.id} className="my-item" data-id={e.id} data-at={e.at}>
              <p className="my-item-text">{entryText(e, t, locale, language, clientId ?? '')}</p>
              <p className="muted">{t('myLog.purpose', { purpose: purposeText(e.purpose, t) })}</p>
            </li>
          ))}
        </ol>
        {log?.pageInfo.hasNextPage ? (
          <div className="my-actions">
            <Button onClick={more} disabled={loading}>
              {t('myLog.more')}
            </Button>
          </div>
        ) : (
          <p>{t('myLog.end')}</p>
        )}
      </QueryState>
    </Page>
  );
}

import { useMutation, useQuery } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { Button } from 'suomifi-ui-components';
import { useAuth } from '../auth';
import { Page } from '../components/Page';
import { FormErrors, QueryState, TextField } from '../components/common';
import { useMutationForm } from '../components/useMutationForm';
import { graphql } from '../gql';
import { useI18n } from '../i18n';
import { CursorPager } from '../components/CursorPager';

const InboxQuery = graphql(`
  query Inbox($first: Int, $after: String) {
    inbox(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          kind
          title
          body
          urgent
          read
          createdAt
          client {
            id
            firstName
            lastName
          }
        }
      }
    }
  }
`);

const MarkRead = graphql(`
  mutation MarkInboxItemRead($itemId: ID!) {
    markInboxItemRead(itemId: $itemId)
  }
`);

const Settings = graphql(`
  query MyNotificationSettings {
    myNotificationSettings {
      email
      enabled
      daily
    }
  }
`);

const SaveSettings = graphql(`
  mutation SetNotificationSettings($input: NotificationSettingsInput!) {
    setNotificationSettings(input: $input) {
      settings {
        email
        enabled
        daily
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

const PAGE_SIZE = 20;

/** E-mail about the inbox: the person's own address, on or off, hourly or daily. */
function NotificationSettingsForm() {
  const { t } = useI18n();
  const { data, loading } = useQuery(Settings);
  const [save, saving] = useMutation(SaveSettings);
  const [draft, setDraft] = useState<{ email: string; enabled: boolean; daily: boolean } | null>(
    null,
  );
  const { errors, fields, submit } = useMutationForm();
  const [saved, setSaved] = useState(false);
  if (loading) return null;
  const current = draft ??
    data?.myNotificationSettings ?? { email: '', enabled: false, daily: false };
  const change = (patch: Partial<typeof current>) => {
    setSaved(false);
    setDraft({ email: current.email, enabled: current.enabled, daily: current.daily, ...patch });
  };
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const input = { email: current.email, enabled: current.enabled, daily: current.daily };
    await submit({
      run: async () => (await save({ variables: { input } })).data?.setNotificationSettings,
      onSuccess: () => setSaved(true),
    });
  }
  return (
    <form className="form card" aria-label={t('notify.title')} onSubmit={(e) => void onSubmit(e)}>
      <h2>{t('notify.title')}</h2>
      <FormErrors errors={errors.filter((e) => e.field === null)} />
      <TextField
        label={t('notify.email')}
        type="email"
        value={current.email}
        error={fields.email}
        onChange={(e) => change({ email: e.target.value })}
      />
      <label className="checkbox">
        <input
          type="checkbox"
          checked={current.enabled}
          onChange={(e) => change({ enabled: e.target.checked })}
        />{' '}
        {t('notify.enabled')}
      </label>
      <label className="checkbox">
        <input
          type="checkbox"
          checked={current.daily}
          onChange={(e) => change({ daily: e.target.checked })}
        />{' '}
        {t('notify.daily')}
      </label>
      <Button type="submit" disabled={saving.loading}>
        {t('common.save')}
      </Button>
      {saved ? (
        <p role="status" className="muted">
          {t('common.saved')}
        </p>
      ) : null}
    </form>
  );
}

/** Saapuneet: alerts and concerns addressed to the signed-in person, newest first. */
export function InboxPage() {
  const { t, locale } = useI18n();
  const { session } = useAuth();
  const staff = session?.role === 'ADVISER' || session?.role === 'WORKER';
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  const { data, loading, error, refetch } = useQuery(InboxQuery, {
    variables: { first: PAGE_SIZE, after },
  });
  const [markRead] = useMutation(MarkRead);
  const inbox = data?.inbox;
  const unread = inbox?.edges.filter((e) => !e.node.read).length ?? 0;
  const when = (iso: string) =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' }).format(
      new Date(iso),
    );
  return (
    <Page title={t('inbox.title')}>
      <QueryState loading={loading} error={error} hasData={!!inbox} onRetry={() => void refetch()}>
        {inbox ? (
          <>
            <p role="status" className="result-count">
              {t('inbox.unread', { count: unread })}
            </p>
            {inbox.edges.length === 0 ? <p>{t('inbox.empty')}</p> : null}
            <ul className="inbox">
              {inbox.edges.map(({ node }) => (
                <li
                  key={node.id}
                  className={`card inbox-item${node.read ? ' read' : ''}`}
                  data-kind={node.kind}
                >
                  <h2 className="inbox-title">{node.title}</h2>
                  <p className="muted">
                    {when(node.createdAt)}
                    {node.urgent ? ` · ${t('inbox.urgent')}` : ''}
                  </p>
                  {staff ? (
                    <p>
                      <Link to={`/clients/${node.client.id}`}>
                        {t('inbox.client', {
                          name: `${node.client.firstName} ${node.client.lastName}`,
                        })}
                      </Link>
                    </p>
                  ) : null}
                  <p className="inbox-body">{node.body}</p>
                  {node.read ? (
                    <p className="muted">{t('inbox.read')}</p>
                  ) : (
                    <Button
                      variant="secondary"
                      onClick={() =>
                        void markRead({ variables: { itemId: node.id } }).then(() => refetch())
                      }
                    >
                      {t('inbox.markRead')}
                    </Button>
                  )}
                </li>
              ))}
            </ul>
            <CursorPager
              label={t('inbox.pagination')}
              cursors={cursors}
              setCursors={setCursors}
              pageInfo={inbox.pageInfo}
            />
          </>
        ) : null}
      </QueryState>
      {session?.role === 'TEAM_MEMBER' ? null : <NotificationSettingsForm />}
    </Page>
  );
}

import { useMutation, useQuery } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { Button, Heading, InlineAlert } from 'suomifi-ui-components';
import { graphql } from '../gql';
import type { MyTeamQuery } from '../gql/graphql';
import { useI18n } from '../i18n';
import { date, todayInFinland } from '../format';
import { Page } from '../components/Page';
import { QueryState, TextField } from '../components/common';
import { useMyAccess, type Scope } from '../components/MyAccess';
import { AddMemberForm } from './team/AddMemberForm';
import { useMutationForm, type Result } from '../components/useMutationForm';

const MyTeam = graphql(`
  query MyTeam($id: ID!) {
    client(id: $id) {
      id
      team {
        id
        name
        role
        relation
      }
      consents {
        id
        teamMemberId
        scopes
        validFrom
        validUntil
        revokedAt
        active
      }
    }
  }
`);

const RemoveMember = graphql(`
  mutation MyRemoveTeamMember($clientId: ID!, $memberId: ID!) {
    removeTeamMember(clientId: $clientId, memberId: $memberId) {
      errors {
        code
        message
        field
      }
    }
  }
`);

const Grant = graphql(`
  mutation MyGrantConsent($clientId: ID!, $input: ConsentInput!) {
    grantConsent(clientId: $clientId, input: $input) {
      errors {
        code
        message
        field
      }
    }
  }
`);

const Revoke = graphql(`
  mutation MyRevokeConsent($clientId: ID!, $consentId: ID!) {
    revokeConsent(clientId: $clientId, consentId: $consentId) {
      errors {
        code
        message
        field
      }
    }
  }
`);

const SCOPES: readonly Scope[] = ['BUDGET', 'PLAN', 'DOCUMENTS'];

type Client = NonNullable<MyTeamQuery['client']>;
type Member = Client['team'][number];
type Consent = Client['consents'][number];

/** The client's team ("minun tiimini") and what each member may see. */
export function MyTeamPage() {
  const { t } = useI18n();
  const { clientId } = useMyAccess();
  return (
    <Page title={t('myTeam.title')} lead={t('myTeam.lead')}>
      {clientId ? <MyTeamView clientId={clientId} /> : null}
    </Page>
  );
}

function MyTeamView({ clientId }: { clientId: string }) {
  const { t } = useI18n();
  const { data, loading, error, refetch } = useQuery(MyTeam, { variables: { id: clientId } });
  const [result, setResult] = useState<Result>(null);
  const done = (r: Result) => {
    setResult(r);
    void refetch();
  };
  const team = data?.client?.team ?? [];
  const consents = data?.client?.consents ?? [];
  return (
    <QueryState loading={loading} error={error} hasData={!!data?.client}>
      <div role="status" className="my-done">
        {result ? (
          <InlineAlert status={result.ok ? 'neutral' : 'error'}>{result.text}</InlineAlert>
        ) : null}
      </div>
      <section aria-labelledby="my-team" className="card my-section">
        <Heading variant="h2" id="my-team">
          {t('team.title')}
        </Heading>
        {team.length === 0 ? (
          <p>{t('myTeam.none')}</p>
        ) : (
          <ul className="my-list" data-testid="my-team">
            {team.map((m) => (
              <MemberItem
                key={m.id}
                clientId={clientId}
                member={m}
                consents={consents.filter((c) => c.teamMemberId === m.id && !c.revokedAt)}
                onDone={done}
              />
            ))}
          </ul>
        )}
      </section>
      <AddMemberForm clientId={clientId} onDone={done} />
    </QueryState>
  );
}

function MemberItem({
  clientId,
  member,
  consents,
  onDone,
}: {
  clientId: string;
  member: Member;
  consents: readonly Consent[];
  onDone: (r: Result) => void;
}) {
  const { t, locale } = useI18n();
  const [asking, setAsking] = useState<'remove' | { revoke: string } | null>(null);
  const [granting, setGranting] = useState(false);
  const [remove] = useMutation(RemoveMember);
  const [revoke] = useMutation(Revoke);
  const scopesText = (scopes: readonly string[]) =>
    scopes.map((s) => t(`scope.${s as Scope}`)).join(', ');
  const today = todayInFinland();
  const { submit } = useMutationForm({ onResult: onDone });
  const onRemove = () => {
    void submit({
      run: async () =>
        (await remove({ variables: { clientId, memberId: member.id } })).data?.removeTeamMember,
      confirmation: () => t('myTeam.removed', { name: member.name }),
    });
    setAsking(null);
  };
  const onRevoke = (consentId: string) => {
    void submit({
      run: async () => (await revoke({ variables: { clientId, consentId } })).data?.revokeConsent,
      confirmation: () => t('myTeam.revoked', { name: member.name }),
    });
    setAsking(null);
  };
  return (
    <li className="my-item" data-testid="team-member">
      <Heading variant="h3" as="h3" className="my-member-name">
        {t('myTeam.member', { name: member.name, role: t(`teamRole.${member.role}`) })}
      </Heading>
      {consents.length === 0 ? <p>{t('myTeam.consentNone')}</p> : null}
      {consents.map((c) => (
        <div key={c.id} className="my-consent">
          <p>
            {c.validFrom > today
              ? t('myTeam.consentFuture', {
                  from: date(c.validFrom, locale),
                  scopes: scopesText(c.scopes),
                })
              : t('myTeam.consentActive', {
                  scopes: scopesText(c.scopes),
                  from: date(c.validFrom, locale),
                  until: c.validUntil ? date(c.validUntil, locale) : t('myTeam.untilFurther'),
                })}
          </p>
          {typeof asking === 'object' && asking?.revoke === c.id ? (
            <div className="my-confirm" role="group" aria-label={t('myTeam.revoke')}>
              <p>
                <strong>{t('myTeam.revokeAsk', { name: member.name })}</strong>
              </p>
              <div className="my-actions">
                <Button onClick={() => onRevoke(c.id)}>{t('myTeam.revokeYes')}</Button>
                <Button variant="secondary" onClick={() => setAsking(null)}>
                  {t('common.cancel')}
                </Button>
              </div>
            </div>
          ) : (
            <div className="my-actions">
              <Button variant="secondary" onClick={() => setAsking({ revoke: c.id })}>
                {t('myTeam.revoke')}
              </Button>
            </div>
          )}
        </div>
      ))}
      {granting ? (
        <GrantForm
          clientId={clientId}
          member={member}
          onDone={(r) => {
            if (r?.ok) setGranting(false);
            onDone(r);
          }}
          onCancel={() => setGranting(false)}
        />
      ) : null}
      {asking === 'remove' ? (
        <div className="my-confirm" role="group" aria-label={t('myTeam.remove')}>
          <p>
            <strong>{t('myTeam.removeAsk', { name: member.name })}</strong>
          </p>
          <div className="my-actions">
            <Button onClick={onRemove}>{t('myTeam.removeYes')}</Button>
            <Button variant="secondary" onClick={() => setAsking(null)}>
              {t('common.cancel')}
            </Button>
          </div>
        </div>
      ) : (
        <div className="my-actions">
          {granting ? null : (
            <Button variant="secondary" onClick={() => setGranting(true)}>
              {t('myTeam.grant')}
            </Button>
          )}
          <Button variant="secondary" onClick={() => setAsking('remove')}>
            {t('myTeam.remove')}
          </Button>
        </div>
      )}
    </li>
  );
}

function GrantForm({
  clientId,
  member,
  onDone,
  onCancel,
}: {
  clientId: string;
  member: Member;
  onDone: (r: Result) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [scopes, setScopes] = useState<Scope[]>([]);
  const [until, setUntil] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [grant, granting] = useMutation(Grant);
  const { submit } = useMutationForm({ onResult: onDone });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (scopes.length === 0) {
      setError(t('myTeam.scopesRequired'));
      return;
    }
    const input = { teamMemberId: member.id, scopes, validUntil: until || null };
    void submit({
      run: async () => (await grant({ variables: { clientId, input } })).data?.grantConsent,
      confirmation: () =>
        t('myTeam.granted', {
          name: member.name,
          scopes: scopes.map((s) => t(`scope.${s}`)).join(', '),
        }),
    });
  };
  return (
    <form className="my-form" onSubmit={onSubmit} noValidate>
      <fieldset
        className="my-rating"
        aria-describedby={error ? `grant-error-${member.id}` : undefined}
      >
        <legend>{t('myTeam.grantTitle', { name: member.name })}</legend>
        {SCOPES.map((s) => (
          <label key={s} className="my-choice">
            <input
              type="checkbox"
              checked={scopes.includes(s)}
              onChange={(e) => {
                setError(null);
                setScopes((old) => (e.target.checked ? [...old, s] : old.filter((x) => x !== s)));
              }}
            />
            {t(`scope.${s}`)}
          </label>
        ))}
      </fieldset>
      {error ? (
        <span className="error-text" id={`grant-error-${member.id}`} role="alert">
          {error}
        </span>
      ) : null}
      <TextField
        label={t('myTeam.validUntil')}
        type="date"
        value={until}
        onChange={(e) => setUntil(e.target.value)}
      />
      <div className="my-actions">
        <Button type="submit" disabled={granting.loading}>
          {t('myTeam.grantSave')}
        </Button>
        <Button variant="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

import { useMutation, useQuery } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Button, Heading, InlineAlert, TextInput } from 'suomifi-ui-components';
import { BudgetSection } from '../components/BudgetSection';
import { DecisionsSection } from '../components/DecisionsSection';
import { ExpensesSection } from '../components/ExpensesSection';
import { PlanSection } from '../components/PlanSection';
import { ClientStaffSection } from '../components/ClientStaffSection';
import { Page } from '../components/Page';
import { FormErrors, QueryState, Select, splitErrors, type UserError } from '../components/common';
import { graphql } from '../gql';
import type { ConsentScope, ProcessPhase, TeamRole } from '../gql/graphql';
import { useI18n } from '../i18n';
import { date, dateTime } from '../format';
import { actorText, purposeText } from './MyAccessLogPage';

const ClientQuery = graphql(`
  query ClientPage($id: ID!) {
    client(id: $id) {
      id
      firstName
      lastName
      dateOfBirth
      processPhase
      municipality {
        code
        name
        nameSv
      }
      ownWorker {
        id
        name
        email
      }
      adviser {
        id
        name
        email
      }
      team {
        id
        name
        role
        relation
        email
        phone
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

const SetPhase = graphql(`
  mutation SetProcessPhase($clientId: ID!, $phase: ProcessPhase!) {
    setProcessPhase(clientId: $clientId, phase: $phase) {
      client {
        id
        processPhase
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

const AddTeamMember = graphql(`
  mutation AddTeamMember($clientId: ID!, $input: TeamMemberInput!) {
    addTeamMember(clientId: $clientId, input: $input) {
      client {
        id
        team {
          id
          name
          role
          relation
          email
          phone
        }
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

const RemoveTeamMember = graphql(`
  mutation RemoveTeamMember($clientId: ID!, $memberId: ID!) {
    removeTeamMember(clientId: $clientId, memberId: $memberId) {
      client {
        id
        team {
          id
          name
          role
          relation
          email
          phone
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
      errors {
        code
        message
        field
      }
    }
  }
`);

const GrantConsent = graphql(`
  mutation GrantConsent($clientId: ID!, $input: ConsentInput!) {
    grantConsent(clientId: $clientId, input: $input) {
      client {
        id
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
      errors {
        code
        message
        field
      }
    }
  }
`);

const RevokeConsent = graphql(`
  mutation RevokeConsent($clientId: ID!, $consentId: ID!) {
    revokeConsent(clientId: $clientId, consentId: $consentId) {
      client {
        id
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
      errors {
        code
        message
        field
      }
    }
  }
`);

const PHASES: ProcessPhase[] = [
  'NEEDS_IDENTIFIED',
  'ASSESSMENT',
  'PLANNING',
  'BUDGET_DEFINITION',
  'DECISIONS',
  'IMPLEMENTATION',
];
const TEAM_ROLES: TeamRole[] = [
  'RELATIVE',
  'PROFESSIONAL',
  'NGO_WORKER',
  'SUPPORT_PERSON',
  'HB_ADVISER',
  'OTHER',
];
const SCOPES: ConsentScope[] = ['BUDGET', 'PLAN', 'DOCUMENTS'];

/** A GraphQL or network failure of a mutation, as a payload-style error. */
function failure(err: unknown): UserError[] {
  return [
    {
      code: 'REQUEST_FAILED',
      message: err instanceof Error ? err.message : String(err),
      field: null,
    },
  ];
}

export function ClientPage() {
  const { id = '' } = useParams();
  const { t, language, locale } = useI18n();
  const { data, loading, error } = useQuery(ClientQuery, { variables: { id } });
  const client = data?.client;
  const title = client ? `${client.firstName} ${client.lastName}` : t('clients.title');

  return (
    <Page title={title}>
      <p>
        <Link to="/clients">{t('client.back')}</Link>
      </p>
      {/* A client missing because a request failed is a failure, not "not found". */}
      <QueryState
        loading={loading}
        error={error}
        hasData={data !== undefined && (!!client || !error)}
      >
        {!client ? (
          <p>{t('client.notFound')}</p>
        ) : (
          <div className="client-page">
            <section aria-labelledby="details-heading" className="card">
              <Heading variant="h2" id="details-heading">
                {t('client.details')}
              </Heading>
              <dl className="details">
                <dt>{t('client.dateOfBirth')}</dt>
                <dd>{date(client.dateOfBirth, locale)}</dd>
                <dt>{t('client.municipality')}</dt>
                <dd>
                  {language === 'sv' && client.municipality.nameSv
                    ? client.municipality.nameSv
                    : client.municipality.name}{' '}
                  ({client.municipality.code})
                </dd>
                <dt>{t('client.ownWorker')}</dt>
                <dd>{client.ownWorker?.name ?? '–'}</dd>
                <dt>{t('client.adviser')}</dt>
                <dd>{client.adviser?.name ?? '–'}</dd>
              </dl>
            </section>
            <PhaseSection clientId={client.id} phase={client.processPhase} />
            <ClientStaffSection key={client.processPhase} clientId={client.id} />
            <BudgetSection clientId={client.id} municipalityCode={client.municipality.code} />
            <DecisionsSection clientId={client.id} mine={false} />
            <ExpensesSection clientId={client.id} mine={false} />
            <PlanSection clientId={client.id} municipalityCode={client.municipality.code} />
            <TeamSection clientId={client.id} team={client.team} />
            <ConsentSection clientId={client.id} team={client.team} consents={client.consents} />
            <AccessLogSection clientId={client.id} />
          </div>
        )}
      </QueryState>
    </Page>
  );
}

function PhaseSection({ clientId, phase }: { clientId: string; phase: ProcessPhase }) {
  const { t } = useI18n();
  const [next, setNext] = useState<ProcessPhase>(phase);
  const [errors, setErrors] = useState<UserError[]>([]);
  const [saved, setSaved] = useState(false);
  const [mutate, { loading }] = useMutation(SetPhase);
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    try {
      const res = await mutate({ variables: { clientId, phase: next } });
      const errs = res.data?.setProcessPhase.errors ?? [];
      setErrors(errs);
      setSaved(errs.length === 0);
    } catch (err) {
      setErrors(failure(err));
    }
  }
  const current = PHASES.indexOf(phase);
  return (
    <section aria-labelledby="phase-heading" className="card">
      <Heading variant="h2" id="phase-heading">
        {t('phase.title')}
      </Heading>
      <ol className="phases">
        {PHASES.map((p, i) => (
          <li
            key={p}
            className={i < current ? 'done' : i === current ? 'current' : ''}
            aria-current={i === current ? 'step' : undefined}
          >
            {t(`phase.${p}`)}
          </li>
        ))}
      </ol>
      <form onSubmit={onSubmit} className="form inline">
        <Select
          label={t('phase.change')}
          value={next}
          onChange={(e) => setNext(e.target.value as ProcessPhase)}
          error={splitErrors(errors).fields.phase}
        >
          {PHASES.map((p) => (
            <option key={p} value={p}>
              {t(`phase.${p}`)}
            </option>
          ))}
        </Select>
        <Button type="submit" disabled={loading || next === phase}>
          {t('common.save')}
        </Button>
      </form>
      <FormErrors errors={errors.filter((e) => !e.field?.endsWith('phase'))} />
      {saved ? (
        <p role="status" className="notice">
          {t('common.saved')}
        </p>
      ) : null}
    </section>
  );
}

interface Member {
  id: string;
  name: string;
  role: TeamRole;
  relation: string | null;
  email: string | null;
  phone: string | null;
}

const emptyMember = { name: '', role: 'RELATIVE' as TeamRole, relation: '', email: '', phone: '' };

function TeamSection({ clientId, team }: { clientId: string; team: readonly Member[] }) {
  const { t } = useI18n();
  const [form, setForm] = useState(emptyMember);
  const [errors, setErrors] = useState<UserError[]>([]);
  const [removeErrors, setRemoveErrors] = useState<UserError[]>([]);
  const [add, { loading: adding }] = useMutation(AddTeamMember);
  const [remove] = useMutation(RemoveTeamMember);
  const { fields, other } = splitErrors(errors);

  async function onAdd(e: FormEvent) {
    e.preventDefault();
    try {
      const res = await add({
        variables: {
          clientId,
          input: {
            name: form.name,
            role: form.role,
            relation: form.relation || null,
            email: form.email || null,
            phone: form.phone || null,
          },
        },
      });
      const errs = res.data?.addTeamMember.errors ?? [];
      setErrors(errs);
      // Keep what was typed when the API refuses it; clear only on success.
      if (errs.length === 0) setForm(emptyMember);
    } catch (err) {
      setErrors(failure(err));
    }
  }

  async function onRemove(memberId: string) {
    try {
      const res = await remove({ variables: { clientId, memberId } });
      setRemoveErrors(res.data?.removeTeamMember.errors ?? []);
    } catch (err) {
      setRemoveErrors(failure(err));
    }
  }

  const set = (key: keyof typeof emptyMember) => (v: unknown) =>
    setForm((f) => ({ ...f, [key]: String(v ?? '') }));

  return (
    <section aria-labelledby="team-heading" className="card">
      <Heading variant="h2" id="team-heading">
        {t('team.title')}
      </Heading>
      {team.length === 0 ? (
        <p>{t('team.empty')}</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{t('team.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('team.name')}</th>
              <th scope="col">{t('team.role')}</th>
              <th scope="col">{t('team.relation')}</th>
              <th scope="col">{t('team.email')}</th>
              <th scope="col">{t('team.phone')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('common.remove')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {team.map((m) => (
              <tr key={m.id}>
                <th scope="row">{m.name}</th>
                <td>{t(`teamRole.${m.role}`)}</td>
                <td>{m.relation ?? '–'}</td>
                <td>{m.email ?? '–'}</td>
                <td>{m.phone ?? '–'}</td>
                <td>
                  <Button
                    variant="secondaryNoBorder"
                    aria-label={t('team.remove', { name: m.name })}
                    onClick={() => void onRemove(m.id)}
                  >
                    {t('common.remove')}
                  </Button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <FormErrors errors={removeErrors} />
      <form onSubmit={onAdd} className="form grid" noValidate aria-labelledby="team-add-heading">
        <Heading variant="h3" id="team-add-heading">
          {t('team.addTitle')}
        </Heading>
        <FormErrors errors={other.map((message) => ({ code: '', message, field: null }))} />
        <TextInput
          labelText={t('team.name')}
          value={form.name}
          onChange={set('name')}
          status={fields.name ? 'error' : 'default'}
          statusText={fields.name}
          name="name"
        />
        <Select
          label={t('team.role')}
          value={form.role}
          onChange={(e) => set('role')(e.target.value)}
          error={fields.role}
        >
          {TEAM_ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`teamRole.${r}`)}
            </option>
          ))}
        </Select>
        <TextInput
          labelText={t('team.relation')}
          optionalText={t('common.optional')}
          value={form.relation}
          onChange={set('relation')}
          status={fields.relation ? 'error' : 'default'}
          statusText={fields.relation}
        />
        <TextInput
          labelText={t('team.email')}
          optionalText={t('common.optional')}
          type="email"
          value={form.email}
          onChange={set('email')}
          status={fields.email ? 'error' : 'default'}
          statusText={fields.email}
        />
        <TextInput
          labelText={t('team.phone')}
          optionalText={t('common.optional')}
          type="tel"
          value={form.phone}
          onChange={set('phone')}
          status={fields.phone ? 'error' : 'default'}
          statusText={fields.phone}
        />
        <div className="form-actions">
          <Button type="submit" disabled={adding}>
            {t('team.add')}
          </Button>
        </div>
      </form>
    </section>
  );
}

interface ConsentRow {
  id: string;
  teamMemberId: string;
  scopes: ConsentScope[];
  validFrom: string;
  validUntil: string | null;
  revokedAt: string | null;
  active: boolean;
}

function ConsentSection({
  clientId,
  team,
  consents,
}: {
  clientId: string;
  team: readonly Member[];
  consents: readonly ConsentRow[];
}) {
  const { t, locale } = useI18n();
  const [memberId, setMemberId] = useState('');
  const [scopes, setScopes] = useState<ConsentScope[]>(['BUDGET']);
  const [validUntil, setValidUntil] = useState('');
  const [errors, setErrors] = useState<UserError[]>([]);
  const [grant, { loading }] = useMutation(GrantConsent);
  const [revoke] = useMutation(RevokeConsent);
  const { fields, other } = splitErrors(errors);
  const nameOf = (id: string) => team.find((m) => m.id === id)?.name ?? id;

  async function onGrant(e: FormEvent) {
    e.preventDefault();
    try {
      const res = await grant({
        variables: {
          clientId,
          input: { teamMemberId: memberId, scopes, validUntil: validUntil || null },
        },
      });
      const errs = res.data?.grantConsent.errors ?? [];
      setErrors(errs);
      if (errs.length === 0) {
        setMemberId('');
        setValidUntil('');
      }
    } catch (err) {
      setErrors(failure(err));
    }
  }

  async function onRevoke(consentId: string) {
    try {
      const res = await revoke({ variables: { clientId, consentId } });
      setErrors(res.data?.revokeConsent.errors ?? []);
    } catch (err) {
      setErrors(failure(err));
    }
  }

  return (
    <section aria-labelledby="consents-heading" className="card">
      <Heading variant="h2" id="consents-heading">
        {t('consents.title')}
      </Heading>
      {consents.length === 0 ? (
        <p>{t('consents.empty')}</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">{t('consents.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('consents.member')}</th>
              <th scope="col">{t('consents.scopes')}</th>
              <th scope="col">{t('consents.valid')}</th>
              <th scope="col">{t('consents.status')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('consents.grant')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {consents.map((c) => (
              <tr key={c.id}>
                <th scope="row">{nameOf(c.teamMemberId)}</th>
                <td>{c.scopes.map((s) => t(`scope.${s}`)).join(', ')}</td>
                <td>
                  {date(c.validFrom, locale)} – {c.validUntil ? date(c.validUntil, locale) : ''}
                </td>
                <td>
                  {c.active ? t('consents.active') : t('consents.inactive')}
                  {c.revokedAt ? ` (${dateTime(c.revokedAt, locale)})` : ''}
                </td>
                <td>
                  {c.active ? (
                    <Button
                      variant="secondaryNoBorder"
                      aria-label={t('consents.revoke', { name: nameOf(c.teamMemberId) })}
                      onClick={() => void onRevoke(c.id)}
                    >
                      {t('consents.revokeShort')}
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        onSubmit={onGrant}
        className="form grid"
        noValidate
        aria-labelledby="consent-grant-heading"
      >
        <Heading variant="h3" id="consent-grant-heading">
          {t('consents.grant')}
        </Heading>
        <FormErrors errors={other.map((message) => ({ code: '', message, field: null }))} />
        <Select
          label={t('consents.member')}
          value={memberId}
          onChange={(e) => setMemberId(e.target.value)}
          error={fields.teamMemberId}
        >
          <option value="">–</option>
          {team.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </Select>
        <fieldset className={`checkboxes${fields.scopes ? ' field-error' : ''}`}>
          <legend>{t('consents.scopes')}</legend>
          {SCOPES.map((s) => (
            <label key={s} className="checkbox">
              <input
                type="checkbox"
                checked={scopes.includes(s)}
                onChange={(e) =>
                  setScopes((cur) => (e.target.checked ? [...cur, s] : cur.filter((x) => x !== s)))
                }
              />
              {t(`scope.${s}`)}
            </label>
          ))}
          {fields.scopes ? <span className="error-text">{fields.scopes}</span> : null}
        </fieldset>
        <div className={`field${fields.validUntil ? ' field-error' : ''}`}>
          <label htmlFor="consent-valid-until">
            {t('consents.validUntil')} ({t('common.optional')})
          </label>
          <input
            id="consent-valid-until"
            type="date"
            value={validUntil}
            onChange={(e) => setValidUntil(e.target.value)}
            aria-invalid={fields.validUntil ? true : undefined}
          />
          {fields.validUntil ? <span className="error-text">{fields.validUntil}</span> : null}
        </div>
        <div className="form-actions">
          <Button type="submit" disabled={loading}>
            {t('consents.grant')}
          </Button>
        </div>
      </form>
    </section>
  );
}

function AccessLogSection({ clientId }: { clientId: string }) {
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

import { useMutation, useQuery } from '@apollo/client';
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { Button, Heading } from 'suomifi-ui-components';
import { Page } from '../components/Page';
import { FormErrors, QueryState, Select, type UserError } from '../components/common';
import { useMutationForm } from '../components/useMutationForm';
import { graphql } from '../gql';
import type { ApprovalStatus } from '../gql/graphql';
import { useI18n } from '../i18n';
import { dateTime, money } from '../format';
import { useServiceTypeName } from '../components/catalogue';

const QUEUE_STATUSES: readonly ApprovalStatus[] = ['PENDING', 'INFO_REQUESTED'];
/** The decisions the approval workflow allows from each queued status. */
const DECISIONS: Record<string, ApprovalStatus[]> = {
  PENDING: ['APPROVED', 'INFO_REQUESTED', 'REJECTED'],
  INFO_REQUESTED: ['APPROVED', 'REJECTED'],
  // An approved provider's new service type (the listing change waits for the organiser).
  APPROVED: ['APPROVED', 'REJECTED'],
};

/** An approved provider that added an offering of a service type it was not approved for. */
const awaitsServiceType = (p: {
  approvalStatus: ApprovalStatus;
  offeringsAwaitingApproval: unknown[];
}) => p.approvalStatus === 'APPROVED' && p.offeringsAwaitingApproval.length > 0;

const ApprovalQueue = graphql(`
  query ApprovalQueue($after: String) {
    approvalQueue(first: 100, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          businessId
          kind
          approvalStatus
          description
          email
          phone
          municipalitiesServed {
            code
            name
          }
          offerings {
            id
            title
            price {
              amount
              currency
            }
            priceUnit
          }
          offeringsAwaitingApproval {
            id
            title
            serviceType {
              code
            }
            price {
              amount
              currency
            }
            priceUnit
          }
          approvalHistory {
            id
            fromStatus
            toStatus
            actorId
            actorRole
            reason
            at
          }
        }
      }
    }
  }
`);

const DecideProvider = graphql(`
  mutation DecideProvider($providerId: ID!, $decision: ApprovalStatus!, $reason: String) {
    decideProviderApplication(providerId: $providerId, decision: $decision, reason: $reason) {
      provider {
        id
        name
        approvalStatus
        approvalHistory {
          id
          fromStatus
          toStatus
          actorId
          actorRole
          reason
          at
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

/** Organiser staff: providers' applications awaiting a decision, with their history. */
export function ApprovalsPage() {
  const { t } = useI18n();
  const { data, loading, error, refetch } = useQuery(ApprovalQueue, {
    fetchPolicy: 'cache-and-network',
  });
  const [done, setDone] = useState<string | null>(null);
  // The queue holds only the applications of the organiser's own area.
  const queue = (data?.approvalQueue.edges ?? [])
    .map((e) => e.node)
    .filter((p) => QUEUE_STATUSES.includes(p.approvalStatus) || awaitsServiceType(p));
  return (
    <Page title={t('approvals.title')} lead={t('approvals.intro')}>
      <p role="status" className={done ? 'notice' : 'visually-hidden'}>
        {done ?? ''}
      </p>
      <QueryState loading={loading} error={error} hasData={!!data?.approvalQueue}>
        <p className="result-count">{t('approvals.count', { count: queue.length })}</p>
        {queue.length === 0 ? <p>{t('approvals.empty')}</p> : null}
        {queue.map((p) => (
          <QueuedProvider
            key={p.id}
            provider={p}
            onDecided={(name, status) => {
              setDone(
                awaitsServiceType(p)
                  ? t('approvals.serviceTypesDone', { name, decision: status })
                  : t('approvals.done', { name, status: t(`approval.${status}`) }),
              );
              void refetch();
            }}
          />
        ))}
      </QueryState>
    </Page>
  );
}

interface QueuedProviderData {
  id: string;
  name: string;
  businessId: string;
  kind: string;
  approvalStatus: ApprovalStatus;
  description: string;
  email: string | null;
  phone: string | null;
  municipalitiesServed: Array<{ code: string; name: string }>;
  offerings: Array<{
    id: string;
    title: string;
    price: { amount: string; currency: string };
    priceUnit: string;
  }>;
  offeringsAwaitingApproval: Array<{
    id: string;
    title: string;
    serviceType: { code: string };
    price: { amount: string; currency: string };
    priceUnit: string;
  }>;
  approvalHistory: Array<{
    id: string;
    fromStatus: ApprovalStatus | null;
    toStatus: ApprovalStatus;
    actorId: string;
    actorRole: string;
    reason: string | null;
    at: string;
  }>;
}

function QueuedProvider({
  provider: p,
  onDecided,
}: {
  provider: QueuedProviderData;
  onDecided: (name: string, status: ApprovalStatus) => void;
}) {
  const { t, locale } = useI18n();
  const serviceTypeName = useServiceTypeName();
  const headingId = `queued-${p.id}`;
  return (
    <article className="card approval" aria-labelledby={headingId}>
      <Heading variant="h2" id={headingId}>
        {p.name}
      </Heading>
      <dl className="details">
        <dt>{t('catalogue.approval')}</dt>
        <dd>{t(`approval.${p.approvalStatus}`)}</dd>
        <dt>{t('catalogue.businessId')}</dt>
        <dd>{p.businessId}</dd>
        <dt>{t('approvals.kind')}</dt>
        <dd>{t(`kind.${p.kind}` as 'kind.COMPANY')}</dd>
        <dt>{t('catalogue.served')}</dt>
        <dd>{p.municipalitiesServed.map((m) => m.name).join(', ') || '–'}</dd>
        <dt>{t('catalogue.contact')}</dt>
        <dd>{[p.email, p.phone].filter(Boolean).join(', ') || '–'}</dd>
      </dl>
      <p>{p.description}</p>
      {p.offerings.length ? (
        <>
          <Heading variant="h3">{t('approvals.offerings')}</Heading>
          <ul>
            {p.offerings.map((o) => (
              <li key={o.id}>
                {o.title}:{' '}
                {t('catalogue.perUnit', {
                  price: money(o.price, locale),
                  unit: t(`unit.${o.priceUnit}` as 'unit.HOUR'),
                })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {awaitsServiceType(p) ? (
        <section className="notice" aria-labelledby={`awaiting-${p.id}`}>
          <Heading variant="h3" id={`awaiting-${p.id}`}>
            {t('approvals.newServiceTypes')}
          </Heading>
          <p>{t('approvals.newServiceTypesIntro')}</p>
          <ul>
            {p.offeringsAwaitingApproval.map((o) => (
              <li key={o.id}>
                {serviceTypeName(o.serviceType)}: {o.title},{' '}
                {t('catalogue.perUnit', {
                  price: money(o.price, locale),
                  unit: t(`unit.${o.priceUnit}` as 'unit.HOUR'),
                })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Heading variant="h3" id={`history-${p.id}`}>
        {t('approvals.history')}
      </Heading>
      {p.approvalHistory.length === 0 ? (
        <p>{t('common.none')}</p>
      ) : (
        <table className="table history" aria-labelledby={`history-${p.id}`}>
          <thead>
            <tr>
              <th scope="col">{t('approvals.at')}</th>
              <th scope="col">{t('approvals.from')}</th>
              <th scope="col">{t('approvals.to')}</th>
              <th scope="col">{t('approvals.actor')}</th>
              <th scope="col">{t('approvals.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {p.approvalHistory.map((h) => (
              <tr key={h.id}>
                <td>{dateTime(h.at, locale)}</td>
                <td>{h.fromStatus ? t(`approval.${h.fromStatus}`) : t('approvals.new')}</td>
                <td>{t(`approval.${h.toStatus}`)}</td>
                <td>
                  {(['ORGANISER', 'PROVIDER', 'ADVISER', 'WORKER'] as const).includes(
                    h.actorRole as 'ORGANISER',
                  )
                    ? t(`role.${h.actorRole as 'ORGANISER'}`)
                    : t('approvals.applicant')}
                </td>
                <td>{h.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <DecisionForm provider={p} onDecided={onDecided} />
      <p>
        <Link to={`/providers/${p.id}`}>{t('approvals.open', { name: p.name })}</Link>
      </p>
    </article>
  );
}

function DecisionForm({
  provider: p,
  onDecided,
}: {
  provider: QueuedProviderData;
  onDecided: (name: string, status: ApprovalStatus) => void;
}) {
  const { t } = useI18n();
  const choices = DECISIONS[p.approvalStatus] ?? [];
  const [decision, setDecision] = useState<ApprovalStatus | ''>('');
  const [reason, setReason] = useState('');
  const [decide, { loading }] = useMutation(DecideProvider);
  const errorsRef = useRef<HTMLDivElement>(null);
  const { setErrors, fields, other, submit } = useMutationForm();
  const reasonRequired = decision !== '' && decision !== 'APPROVED';
  const reasonId = `reason-${p.id}`;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const local: UserError[] = [];
    if (!decision)
      local.push({ code: 'VALIDATION', message: t('approvals.chooseDecision'), field: 'decision' });
    if (reasonRequired && !reason.trim())
      local.push({ code: 'VALIDATION', message: t('approvals.reasonRequired'), field: 'reason' });
    if (local.length || !decision) {
      setErrors(local);
      return;
    }
    const variables = { providerId: p.id, decision, reason: reason.trim() || null };
    const outcome = await submit({
      run: async () => (await decide({ variables })).data?.decideProviderApplication,
      onSuccess: () => onDecided(p.name, decision),
    });
    if (!outcome.ok)
      setTimeout(() => errorsRef.current?.querySelector<HTMLElement>('[tabindex]')?.focus());
  }

  return (
    <form
      onSubmit={onSubmit}
      className="form grid"
      noValidate
      aria-label={t('approvals.decideFor', { name: p.name })}
    >
      <Heading variant="h3" as="h3">
        {t('approvals.decision')}
      </Heading>
      <div ref={errorsRef} className="full">
        <FormErrors errors={other.map((message) => ({ code: '', message, field: null }))} />
      </div>
      <Select
        label={t('approvals.decision')}
        value={decision}
        onChange={(e) => setDecision(e.target.value as ApprovalStatus | '')}
        error={fields.decision}
      >
        <option value="">{t('alloc.choose')}</option>
        {choices.map((c) => (
          <option key={c} value={c}>
            {t(`decision.${c as 'APPROVED'}`)}
          </option>
        ))}
      </Select>
      <div className={`field full${fields.reason ? ' field-error' : ''}`}>
        <label htmlFor={reasonId}>
          {t('approvals.reason')}
          {reasonRequired ? ` (${t('approvals.required')})` : ` (${t('common.optional')})`}
        </label>
        <span id={`${reasonId}-hint`} className="muted">
          {t('approvals.reasonHint')}
        </span>
        <textarea
          id={reasonId}
          rows={3}
          value={reason}
          aria-required={reasonRequired}
          aria-invalid={fields.reason ? true : undefined}
          aria-describedby={`${reasonId}-hint${fields.reason ? ` ${reasonId}-error` : ''}`}
          onChange={(e) => setReason(e.target.value)}
        />
        {fields.reason ? (
          <span id={`${reasonId}-error`} className="error-text">
            {fields.reason}
          </span>
        ) : null}
      </div>
      <div className="form-actions">
        <Button type="submit" disabled={loading}>
          {t('approvals.submit')}
        </Button>
      </div>
    </form>
  );
}

import { useMutation, useQuery } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { Button, Heading, Textarea } from 'suomifi-ui-components';
import { useAuth } from '../auth';
import { graphql } from '../gql';
import type { ComplaintsQuery } from '../gql/graphql';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { dateTime } from '../format';
import { Page } from '../components/Page';
import { FeedbackList } from '../components/FeedbackList';
import { FormErrors, QueryState } from '../components/common';
import { useMutationForm } from '../components/useMutationForm';

const Complaints = graphql(`
  query Complaints($after: String) {
    complaints(first: 20, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          status
          text
          createdAt
          providerResponse
          providerRespondedAt
          answer
          answeredAt
          closedAt
          provider {
            id
            name
          }
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

const Step = graphql(`
  mutation ComplaintStep(
    $id: ID!
    $text: String!
    $start: Boolean!
    $answer: Boolean!
    $close: Boolean!
    $respond: Boolean!
  ) {
    startComplaintHandling(complaintId: $id) @include(if: $start) {
      complaint {
        id
        status
      }
      errors {
        code
        message
        field
      }
    }
    answerComplaint(complaintId: $id, answer: $text) @include(if: $answer) {
      complaint {
        id
        status
      }
      errors {
        code
        message
        field
      }
    }
    closeComplaint(complaintId: $id) @include(if: $close) {
      complaint {
        id
        status
      }
      errors {
        code
        message
        field
      }
    }
    respondToComplaint(complaintId: $id, response: $text) @include(if: $respond) {
      complaint {
        id
        status
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

type ComplaintNode = ComplaintsQuery['complaints']['edges'][number]['node'];
type StepName = 'start' | 'answer' | 'close' | 'respond';

/**
 * Feedback and complaints (palautteet ja reklamaatiot): the HB centre reads and answers
 * feedback and handles complaints as cases; a provider reads the complaints about itself
 * (never who made them) and responds.
 */
export function ComplaintsPage() {
  const { t } = useI18n();
  const { session } = useAuth();
  const staff = session?.role === 'ADVISER' || session?.role === 'WORKER';
  const { data, loading, error, fetchMore } = useQuery(Complaints);
  const page = data?.complaints;
  return (
    <Page title={t('complaints.title')}>
      <section aria-labelledby="complaints-heading" className="card">
        <Heading variant="h2" id="complaints-heading">
          {t('complaints.cases')}
        </Heading>
        <QueryState loading={loading} error={error} hasData={!!page}>
          {page && page.edges.length === 0 ? <p>{t('complaints.none')}</p> : null}
          <ul className="case-list">
            {page?.edges.map(({ node }) => (
              <ComplaintCase key={node.id} complaint={node} staff={staff} />
            ))}
          </ul>
          {page?.pageInfo.hasNextPage ? (
            <Button
              variant="secondary"
              onClick={() => void fetchMore({ variables: { after: page.pageInfo.endCursor } })}
            >
              {t('complaints.more')}
            </Button>
          ) : null}
        </QueryState>
      </section>
      {staff ? <FeedbackList /> : null}
    </Page>
  );
}

function ComplaintCase({ complaint, staff }: { complaint: ComplaintNode; staff: boolean }) {
  const { t, locale } = useI18n();
  const [text, setText] = useState('');
  const { errors, submit } = useMutationForm();
  const [mutate, { loading }] = useMutation(Step, {
    refetchQueries: ['Complaints'],
    awaitRefetchQueries: true,
  });
  async function run(step: StepName, e?: FormEvent) {
    e?.preventDefault();
    const variables = {
      id: complaint.id,
      text,
      start: step === 'start',
      answer: step === 'answer',
      close: step === 'close',
      respond: step === 'respond',
    };
    await submit({
      run: async () => {
        const d = (await mutate({ variables })).data;
        return (
          d?.startComplaintHandling ??
          d?.answerComplaint ??
          d?.closeComplaint ??
          d?.respondToComplaint
        );
      },
      // Only a sent text is cleared: clearing after another step could wipe what is typed.
      onSuccess: () => {
        if (step === 'answer' || step === 'respond') setText('');
      },
    });
  }
  const s = complaint.status;
  const textStep: StepName | null = staff
    ? s === 'CLOSED'
      ? null
      : 'answer'
    : s === 'RECEIVED' || s === 'IN_PROGRESS'
      ? 'respond'
      : null;
  return (
    <li className="card complaint" aria-labelledby={`complaint-${complaint.id}`}>
      <Heading variant="h3" id={`complaint-${complaint.id}`}>
        {complaint.provider?.name ?? t('complaints.hbCentre')} ·{' '}
        <span data-testid="complaint-status">{t(`complaints.status.${s}` as MessageKey)}</span>
      </Heading>
      <p className="muted">
        {dateTime(complaint.createdAt, locale)}
        {complaint.client ? ` · ${complaint.client.firstName} ${complaint.client.lastName}` : ''}
      </p>
      <p>{complaint.text}</p>
      {complaint.providerResponse ? (
        <p>
          <strong>{t('complaints.providerResponse')}:</strong> {complaint.providerResponse}
        </p>
      ) : null}
      {complaint.answer ? (
        <p>
          <strong>{t('complaints.answer')}:</strong> {complaint.answer}
        </p>
      ) : null}
      <FormErrors errors={errors} />
      {textStep ? (
        <form onSubmit={(e) => void run(textStep, e)} className="form grid" noValidate>
          <Textarea
            labelText={staff ? t('complaints.answerLabel') : t('complaints.responseLabel')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            fullWidth
          />
          <div className="form-actions">
            <Button type="submit" disabled={loading}>
              {staff ? t('complaints.sendAnswer') : t('complaints.sendResponse')}
            </Button>
          </div>
        </form>
      ) : null}
      {staff && (s === 'RECEIVED' || s === 'ANSWERED') ? (
        <div className="form-actions">
          <Button
            variant="secondary"
            disabled={loading}
            onClick={() => void run(s === 'RECEIVED' ? 'start' : 'close')}
          >
            {s === 'RECEIVED' ? t('complaints.start') : t('complaints.close')}
          </Button>
        </div>
      ) : null}
    </li>
  );
}

import { useMutation, useQuery } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { Button, Heading, Textarea } from 'suomifi-ui-components';
import { graphql } from '../gql';
import { useI18n } from '../i18n';
import { dateTime } from '../format';
import { FormErrors, QueryState } from './common';
import { useMutationForm } from './useMutationForm';

const FeedbackQuery = graphql(`
  query StaffFeedback($after: String) {
    feedback(first: 20, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          rating
          text
          anonymous
          authorRole
          answer
          at
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

const Answer = graphql(`
  mutation AnswerFeedback($id: ID!, $answer: String!) {
    answerFeedback(feedbackId: $id, answer: $answer) {
      feedback {
        id
        answer
        answeredAt
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

/** Feedback to the HB centre, newest first; an anonymous one names nobody. */
export function FeedbackList() {
  const { t, locale } = useI18n();
  const { data, loading, error, fetchMore } = useQuery(FeedbackQuery);
  const page = data?.feedback;
  return (
    <section aria-labelledby="feedback-heading" className="card">
      <Heading variant="h2" id="feedback-heading">
        {t('complaints.feedback')}
      </Heading>
      <QueryState loading={loading} error={error} hasData={!!page}>
        {page && page.edges.length === 0 ? <p>{t('complaints.noFeedback')}</p> : null}
        <ul className="case-list">
          {page?.edges.map(({ node }) => (
            <li key={node.id} className="card">
              <p>
                <strong>{node.rating}/5</strong> · {dateTime(node.at, locale)} ·{' '}
                {node.provider?.name ?? t('complaints.hbCentre')} ·{' '}
                {node.anonymous || !node.client
                  ? t('complaints.anonymous')
                  : `${node.client.firstName} ${node.client.lastName}`}
              </p>
              <p>{node.text || '–'}</p>
              {node.answer ? (
                <p>
                  <strong>{t('complaints.answer')}:</strong> {node.answer}
                </p>
              ) : (
                <AnswerForm id={node.id} />
              )}
            </li>
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
  );
}

function AnswerForm({ id }: { id: string }) {
  const { t } = useI18n();
  const [answer, setAnswer] = useState('');
  const [mutate, { loading }] = useMutation(Answer);
  const { errors, submit } = useMutationForm();
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    await submit({
      run: async () => (await mutate({ variables: { id, answer } })).data?.answerFeedback,
    });
  }
  return (
    <form onSubmit={onSubmit} className="form grid" noValidate>
      <FormErrors errors={errors} />
      <Textarea
        labelText={t('complaints.answerLabel')}
        value={answer}
        onChange={(e) => setAnswer(e.target.value)}
        fullWidth
      />
      <div className="form-actions">
        <Button type="submit" disabled={loading}>
          {t('complaints.sendAnswer')}
        </Button>
      </div>
    </form>
  );
}

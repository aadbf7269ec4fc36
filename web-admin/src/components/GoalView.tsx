import { useMutation } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { Button, TextInput } from 'suomifi-ui-components';
import { graphql } from '../gql';
import { useI18n } from '../i18n';
import { date, todayInFinland } from '../format';
import { FormErrors } from './common';
import { useMutationForm } from './useMutationForm';

const ReviewGoal = graphql(`
  mutation ReviewGoal($goalId: ID!, $input: GoalReviewInput!) {
    reviewGoal(goalId: $goalId, input: $input) {
      plan {
        id
        goals {
          id
          nextReviewDue
          overdue
          reviews {
            id
            reviewedAt
            attainment
            note
          }
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

export interface GoalData {
  id: string;
  description: string;
  indicator: string | null;
  nextReviewDue: string | null;
  overdue: boolean;
  reviews: Array<{ id: string; reviewedAt: string; attainment: number; note: string | null }>;
}

/** One goal with its reviews; staff record a review on the plan in force. */
export function GoalView({ goal, canReview }: { goal: GoalData; canReview: boolean }) {
  const { t, locale } = useI18n();
  const [attainment, setAttainment] = useState('');
  const [note, setNote] = useState('');
  const [reviewedAt, setReviewedAt] = useState(todayInFinland);
  const [review, { loading }] = useMutation(ReviewGoal);
  const { setErrors, fields, other, submit } = useMutationForm();

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const n = Number(attainment);
    if (!/^\d+$/.test(attainment.trim()) || n > 100) {
      setErrors([
        { code: 'VALIDATION', message: `${t('plan.attainment')}: 0–100`, field: 'attainment' },
      ]);
      return;
    }
    const input = { attainment: n, note: note || null, reviewedAt };
    await submit({
      run: async () => (await review({ variables: { goalId: goal.id, input } })).data?.reviewGoal,
      onSuccess: () => {
        setAttainment('');
        setNote('');
      },
    });
  }

  return (
    <div className="goal card">
      <p>
        <strong>{goal.description}</strong>
      </p>
      {goal.indicator ? (
        <p>
          {t('plan.indicator')}: {goal.indicator}
        </p>
      ) : null}
      {goal.nextReviewDue ? (
        <p className={goal.overdue ? 'over' : 'muted'}>
          {t('plan.nextReview', { date: date(goal.nextReviewDue, locale) })}
          {goal.overdue ? ` – ${t('plan.overdue')}` : ''}
        </p>
      ) : null}
      {goal.reviews.length ? (
        <table className="table">
          <caption className="visually-hidden">{t('plan.reviews')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('budget.date')}</th>
              <th scope="col" className="num">
                {t('plan.attainment')}
              </th>
              <th scope="col">{t('plan.note')}</th>
            </tr>
          </thead>
          <tbody>
            {goal.reviews.map((r) => (
              <tr key={r.id}>
                <td>{date(r.reviewedAt, locale)}</td>
                <td className="num">{r.attainment} %</td>
                <td>{r.note ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {canReview ? (
        <form
          onSubmit={onSubmit}
          className="form inline"
          noValidate
          aria-label={`${t('plan.review')}: ${goal.description}`}
        >
          <FormErrors errors={other.map((message) => ({ code: '', message, field: null }))} />
          <TextInput
            labelText={t('plan.attainment')}
            value={attainment}
            onChange={(v) => setAttainment(String(v ?? ''))}
            inputMode="numeric"
            status={fields.attainment ? 'error' : 'default'}
            statusText={fields.attainment}
          />
          <div className={`field${fields.reviewedAt ? ' field-error' : ''}`}>
            <label htmlFor={`review-date-${goal.id}`}>{t('budget.date')}</label>
            <input
              id={`review-date-${goal.id}`}
              type="date"
              value={reviewedAt}
              onChange={(e) => setReviewedAt(e.target.value)}
            />
            {fields.reviewedAt ? <span className="error-text">{fields.reviewedAt}</span> : null}
          </div>
          <TextInput
            labelText={t('plan.note')}
            optionalText={t('common.optional')}
            value={note}
            onChange={(v) => setNote(String(v ?? ''))}
            status={fields.note ? 'error' : 'default'}
            statusText={fields.note}
          />
          <Button type="submit" disabled={loading}>
            {t('plan.review')}
          </Button>
        </form>
      ) : null}
    </div>
  );
}

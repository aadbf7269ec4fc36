import { useMutation, useQuery } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { Button, Heading, Textarea } from 'suomifi-ui-components';
import { graphql } from '../gql';
import type { AssessmentTheme } from '../gql/graphql';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { dateTime } from '../format';
import { FormErrors, QueryState, Select } from './common';
import { useMutationForm } from './useMutationForm';
import { useServiceTypeName } from './catalogue';

const MyProposal = graphql(`
  query MyProposal {
    myProposal {
      id
      status
      wishes
      needs
      goals
      submittedAt
      selfAssessment {
        theme
        rating
        words
      }
      choices {
        serviceTypeCode
        note
        provider {
          id
        }
      }
    }
    serviceTypes {
      code
      name
    }
  }
`);

const ProposalProviders = graphql(`
  query ProposalProviders($serviceType: ID!) {
    providers(search: { serviceType: $serviceType }, first: 50) {
      edges {
        node {
          id
          name
        }
      }
    }
  }
`);

const SaveProposal = graphql(`
  mutation SaveProposal($input: ProposalInput!) {
    saveProposal(input: $input) {
      proposal {
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

const SubmitProposal = graphql(`
  mutation SubmitProposal {
    submitProposal {
      proposal {
        id
        status
        submittedAt
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

const THEMES: AssessmentTheme[] = [
  'DAILY_LIFE',
  'WORK_DAY_ACTIVITY',
  'SOCIAL_LIFE',
  'HOUSING',
  'MOBILITY',
];

interface Choice {
  key: string;
  serviceTypeCode: string;
  providerId: string;
  note: string;
}
type Ratings = Record<AssessmentTheme, { rating: string; words: string }>;

let counter = 0;
const key = () => `c${++counter}`;

/**
 * My own proposal (oma ehdotus) and self-assessment, in plain words: what she wishes for and
 * needs, her goals, how each area of life goes now, and services and providers she would like
 * from the catalogue. Saved as often as she likes; sent when ready, after which her own worker
 * and adviser see it as the start of her plan. For the client and a team member with plan
 * consent (the API decides).
 */
export function ProposalForm() {
  const { t, locale } = useI18n();
  const { data, loading, error } = useQuery(MyProposal);
  const proposal = data?.myProposal ?? null;
  const [wishes, setWishes] = useState('');
  const [needs, setNeeds] = useState('');
  const [goals, setGoals] = useState('');
  const [ratings, setRatings] = useState<Ratings>(
    () =>
      Object.fromEntries(THEMES.map((th) => [th, { rating: '', words: '' }])) as unknown as Ratings,
  );
  const [choices, setChoices] = useState<Choice[]>([]);
  const [notice, setNotice] = useState('');
  const refetch = { refetchQueries: ['MyProposal'], awaitRefetchQueries: true };
  const [save, saving] = useMutation(SaveProposal, refetch);
  const [submit, submitting] = useMutation(SubmitProposal, refetch);
  // Field errors by their full path (several rows share a last segment); all in the summary too.
  const { errors, byPath: fields, submit: submitForm } = useMutationForm();

  // Fill the form from what she saved before: once per proposal that arrives, never over her
  // typing. Adjusted while rendering (React's pattern for state that follows props), not in an
  // effect.
  const [loadedId, setLoadedId] = useState<string | null>(null);
  if (proposal && proposal.id !== loadedId) {
    setLoadedId(proposal.id);
    setWishes(proposal.wishes);
    setNeeds(proposal.needs);
    setGoals(proposal.goals);
    setRatings((r) => {
      const next = { ...r };
      for (const a of proposal.selfAssessment)
        next[a.theme] = { rating: String(a.rating), words: a.words };
      return next;
    });
    setChoices(
      proposal.choices.map((c) => ({
        key: key(),
        serviceTypeCode: c.serviceTypeCode,
        providerId: c.provider?.id ?? '',
        note: c.note,
      })),
    );
  }

  const input = () => ({
    wishes,
    needs,
    goals,
    selfAssessment: THEMES.filter((th) => ratings[th].rating !== '').map((th) => ({
      theme: th,
      rating: Number(ratings[th].rating),
      words: ratings[th].words || null,
    })),
    choices: choices
      .filter((c) => c.serviceTypeCode)
      .map((c) => ({
        serviceTypeCode: c.serviceTypeCode,
        providerId: c.providerId || null,
        note: c.note || null,
      })),
  });

  const saveProposal = async () =>
    (await save({ variables: { input: input() } })).data?.saveProposal;

  async function onSave(e: FormEvent) {
    e.preventDefault();
    setNotice('');
    await submitForm({ run: saveProposal, onSuccess: () => setNotice(t('proposal.saved')) });
  }

  async function onSubmit() {
    setNotice('');
    if (!(await submitForm({ run: saveProposal })).ok) return;
    await submitForm({
      run: async () => (await submit()).data?.submitProposal,
      onSuccess: ({ proposal }) => {
        if (proposal?.submittedAt)
          setNotice(t('proposal.submitted', { date: dateTime(proposal.submittedAt, locale) }));
      },
    });
  }

  // The API numbers only the themes she rated.
  const rated = THEMES.filter((th) => ratings[th].rating !== '');
  const setChoice = (k: string, patch: Partial<Choice>) =>
    setChoices((cs) => cs.map((c) => (c.key === k ? { ...c, ...patch } : c)));

  return (
    <section aria-labelledby="proposal-heading" className="card proposal">
      <Heading variant="h2" id="proposal-heading">
        {t('proposal.title')}
      </Heading>
      <p>{t('proposal.lead')}</p>
      <QueryState loading={loading} error={error} hasData={!!data}>
        <p className="plain-notice">
          {proposal?.submittedAt
            ? t('proposal.submitted', { date: dateTime(proposal.submittedAt, locale) })
            : t('proposal.draft')}
        </p>
        <form onSubmit={onSave} className="form grid" noValidate>
          <FormErrors errors={errors} />
          <Textarea
            labelText={t('proposal.wishes')}
            value={wishes}
            onChange={(e) => setWishes(e.target.value)}
            status={fields['input.wishes'] ? 'error' : 'default'}
            statusText={fields['input.wishes']}
            fullWidth
          />
          <Textarea
            labelText={t('proposal.needs')}
            value={needs}
            onChange={(e) => setNeeds(e.target.value)}
            status={fields['input.needs'] ? 'error' : 'default'}
            statusText={fields['input.needs']}
            fullWidth
          />
          <Textarea
            labelText={t('proposal.goals')}
            value={goals}
            onChange={(e) => setGoals(e.target.value)}
            status={fields['input.goals'] ? 'error' : 'default'}
            statusText={fields['input.goals']}
            fullWidth
          />
          <Heading variant="h3">{t('proposal.selfAssessment')}</Heading>
          {THEMES.map((th) => (
            <fieldset key={th} className="editor-row">
              <legend>{t(`proposal.theme.${th}` as MessageKey)}</legend>
              <Select
                label={t('proposal.rating')}
                value={ratings[th].rating}
                error={fields[`input.selfAssessment[${rated.indexOf(th)}].rating`]}
                onChange={(e) =>
                  setRatings((r) => ({ ...r, [th]: { ...r[th], rating: e.target.value } }))
                }
              >
                {['', '1', '2', '3', '4', '5'].map((v) => (
                  <option key={v} value={v}>
                    {t(`proposal.rating.${v || '0'}` as MessageKey)}
                  </option>
                ))}
              </Select>
              <Textarea
                labelText={t('proposal.words')}
                value={ratings[th].words}
                onChange={(e) =>
                  setRatings((r) => ({ ...r, [th]: { ...r[th], words: e.target.value } }))
                }
                fullWidth
              />
            </fieldset>
          ))}
          <Heading variant="h3">{t('proposal.choices')}</Heading>
          {choices.map((c, i) => (
            <ChoiceRow
              key={c.key}
              n={i + 1}
              choice={c}
              serviceTypes={data?.serviceTypes ?? []}
              error={
                fields[`input.choices[${i}].serviceTypeCode`] ??
                fields[`input.choices[${i}].providerId`]
              }
              onChange={(patch) => setChoice(c.key, patch)}
              onRemove={() => setChoices((cs) => cs.filter((x) => x.key !== c.key))}
            />
          ))}
          <p>
            <Button
              variant="secondary"
              onClick={() =>
                setChoices((cs) => [
                  ...cs,
                  { key: key(), serviceTypeCode: '', providerId: '', note: '' },
                ])
              }
            >
              {t('proposal.addChoice')}
            </Button>
          </p>
          <p role="status" className={notice ? 'notice' : 'visually-hidden'}>
            {notice}
          </p>
          <div className="form-actions">
            <Button type="submit" variant="secondary" disabled={saving.loading}>
              {t('proposal.save')}
            </Button>{' '}
            <Button onClick={onSubmit} disabled={saving.loading || submitting.loading}>
              {t('proposal.submit')}
            </Button>
          </div>
        </form>
      </QueryState>
    </section>
  );
}

function ChoiceRow({
  n,
  choice,
  serviceTypes,
  error,
  onChange,
  onRemove,
}: {
  n: number;
  choice: Choice;
  serviceTypes: ReadonlyArray<{ code: string; name: string }>;
  error: string | undefined;
  onChange: (patch: Partial<Choice>) => void;
  onRemove: () => void;
}) {
  const { t } = useI18n();
  const serviceName = useServiceTypeName();
  const providers = useQuery(ProposalProviders, {
    variables: { serviceType: choice.serviceTypeCode },
    skip: !choice.serviceTypeCode,
  });
  return (
    <fieldset className="editor-row">
      <legend>
        {t('proposal.service')} {n}
      </legend>
      <Select
        label={t('proposal.service')}
        value={choice.serviceTypeCode}
        error={error}
        onChange={(e) => onChange({ serviceTypeCode: e.target.value, providerId: '' })}
      >
        <option value="">–</option>
        {serviceTypes.map((s) => (
          <option key={s.code} value={s.code}>
            {serviceName(s)}
          </option>
        ))}
      </Select>
      <Select
        label={t('proposal.provider')}
        value={choice.providerId}
        onChange={(e) => onChange({ providerId: e.target.value })}
      >
        <option value="">{t('proposal.noProvider')}</option>
        {(providers.data?.providers.edges ?? []).map(({ node }) => (
          <option key={node.id} value={node.id}>
            {node.name}
          </option>
        ))}
      </Select>
      <Textarea
        labelText={t('proposal.note')}
        value={choice.note}
        onChange={(e) => onChange({ note: e.target.value })}
        fullWidth
      />
      <Button variant="secondaryNoBorder" onClick={onRemove}>
        {t('proposal.removeChoice', { n })}
      </Button>
    </fieldset>
  );
}

import { useQuery } from '@apollo/client';
import { useState } from 'react';
import { Button, Heading } from 'suomifi-ui-components';
import { graphql } from '../gql';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';
import { dateTime } from '../format';
import { PlanEditor, type PlanContents } from './PlanEditor';
import { QueryState } from './common';
import { useServiceTypeName } from './catalogue';

const ClientProposal = graphql(`
  query ClientProposal($id: ID!) {
    client(id: $id) {
      id
      proposal {
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
          serviceType {
            code
            name
          }
          provider {
            id
            name
          }
        }
      }
    }
  }
`);

const goalLines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*[-*•\d.)]+\s*/, '').trim())
    .filter(Boolean);

/** Start a plan for the year: from the client's submitted proposal, or blank. */
export function PlanStart({
  clientId,
  municipalityCode,
  year,
  onCreated,
}: {
  clientId: string;
  municipalityCode: string;
  year: number;
  onCreated: (message: string) => void;
}) {
  const { t, locale } = useI18n();
  const serviceName = useServiceTypeName();
  const { data, loading, error } = useQuery(ClientProposal, { variables: { id: clientId } });
  const proposal = data?.client?.proposal ?? null;
  const [start, setStart] = useState<PlanContents | null>(null);
  const [fromProposal, setFromProposal] = useState(false);
  const blank: PlanContents = {
    supportNeeds: '',
    practicalPlan: '',
    goals: [],
    participants: [{ name: '', role: 'CLIENT', responsibility: null }],
  };
  return (
    <section aria-labelledby="plan-start-heading" className="plan-start">
      <Heading variant="h3" id="plan-start-heading">
        {t('planFlow.startHeading', { year })}
      </Heading>
      <QueryState loading={loading} error={error} hasData={!!data?.client} optional>
        {proposal ? (
          <div className="card proposal-summary">
            <Heading variant="h4" as="h4">
              {t('planFlow.proposalHeading')}
            </Heading>
            {proposal.submittedAt ? (
              <p className="muted">
                {t('planFlow.proposalSent', { date: dateTime(proposal.submittedAt, locale) })}
              </p>
            ) : null}
            <dl className="details">
              <dt>{t('proposal.wishes')}</dt>
              <dd>{proposal.wishes || '–'}</dd>
              <dt>{t('proposal.needs')}</dt>
              <dd>{proposal.needs || '–'}</dd>
              <dt>{t('proposal.goals')}</dt>
              <dd>{proposal.goals || '–'}</dd>
              {proposal.selfAssessment.map((a) => (
                <div key={a.theme}>
                  <dt>{t(`proposal.theme.${a.theme}` as MessageKey)}</dt>
                  <dd>
                    {a.rating}/5{a.words ? ` – ${a.words}` : ''}
                  </dd>
                </div>
              ))}
            </dl>
            {proposal.choices.length ? (
              <ul>
                {proposal.choices.map((c, i) => (
                  <li key={i}>
                    {serviceName(c.serviceType)}
                    {c.provider ? `: ${c.provider.name}` : ''}
                    {c.note ? ` (${c.note})` : ''}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : (
          <p>{t('planFlow.noProposal')}</p>
        )}
      </QueryState>
      {start ? (
        <PlanEditor
          mode={{ kind: 'create', clientId, municipalityCode, year, proposal: fromProposal }}
          initial={start}
          onDone={(version) => {
            setStart(null);
            if (version !== null) onCreated(t('planFlow.saved', { version }));
          }}
        />
      ) : (
        <div className="form-actions">
          {proposal ? (
            <Button
              onClick={() => {
                setFromProposal(true);
                setStart({
                  ...blank,
                  supportNeeds: [proposal.wishes, proposal.needs].filter(Boolean).join('\n\n'),
                  goals: goalLines(proposal.goals).map((description) => ({
                    id: null,
                    description,
                    indicator: null,
                    reviewDates: [],
                  })),
                });
              }}
            >
              {t('planFlow.fromProposal')}
            </Button>
          ) : null}{' '}
          <Button
            variant={proposal ? 'secondary' : 'default'}
            onClick={() => {
              setFromProposal(false);
              setStart(blank);
            }}
          >
            {proposal ? t('planFlow.blank') : t('planFlow.start')}
          </Button>
        </div>
      )}
    </section>
  );
}

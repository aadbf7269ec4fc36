import { useMutation } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { Button, Heading } from 'suomifi-ui-components';
import { FormErrors, Select } from '../common';
import { useMutationForm } from '../useMutationForm';
import { graphql } from '../../gql';
import type { ProcessPhase } from '../../gql/graphql';
import { useI18n } from '../../i18n';

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

const PHASES: ProcessPhase[] = [
  'NEEDS_IDENTIFIED',
  'ASSESSMENT',
  'PLANNING',
  'BUDGET_DEFINITION',
  'DECISIONS',
  'IMPLEMENTATION',
];

/** Prosessin vaihe: the client's process phase, and moving her on. */
export function PhaseSection({ clientId, phase }: { clientId: string; phase: ProcessPhase }) {
  const { t } = useI18n();
  const [next, setNext] = useState<ProcessPhase>(phase);
  const [saved, setSaved] = useState(false);
  const [mutate, { loading }] = useMutation(SetPhase);
  const { errors, fields, submit } = useMutationForm();
  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setSaved(false);
    await submit({
      run: async () =>
        (await mutate({ variables: { clientId, phase: next } })).data?.setProcessPhase,
      onSuccess: () => setSaved(true),
    });
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
          error={fields.phase}
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

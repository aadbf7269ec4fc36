import { useMutation } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { Button, Heading, Textarea } from 'suomifi-ui-components';
import { graphql } from '../gql';
import type { ParticipantRole } from '../gql/graphql';
import { useI18n } from '../i18n';
import { FormErrors, Select, TextField } from './common';
import { useMutationForm } from './useMutationForm';

const CreatePlan = graphql(`
  mutation CreatePlan($input: CreatePlanInput!) {
    createPlan(input: $input) {
      plan {
        id
        version
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

const UpdatePlan = graphql(`
  mutation UpdatePlan($planId: ID!, $input: UpdatePlanInput!) {
    updatePlan(planId: $planId, input: $input) {
      plan {
        id
        version
      }
      errors {
        code
        message
        field
      }
    }
  }
`);

const ROLES: ParticipantRole[] = ['CLIENT', 'OWN_WORKER', 'HB_ADVISER', 'TEAM_MEMBER', 'OTHER'];

interface GoalDraft {
  key: string;
  id: string | null;
  description: string;
  indicator: string;
  reviewDate: string;
}
interface ParticipantDraft {
  key: string;
  name: string;
  role: ParticipantRole;
  responsibility: string;
}

export interface PlanContents {
  supportNeeds: string;
  practicalPlan: string;
  goals: Array<{
    id: string | null;
    description: string;
    indicator: string | null;
    reviewDates: string[];
  }>;
  participants: Array<{ name: string; role: ParticipantRole; responsibility: string | null }>;
}

export type EditorMode =
  | { kind: 'create'; clientId: string; municipalityCode: string; year: number; proposal: boolean }
  | { kind: 'edit'; planId: string };

let counter = 0;
const key = () => `k${++counter}`;

/**
 * Goals, participants and roles, support needs and the practical plan, for a new plan or a
 * change (a change of an accepted plan makes the next version, which the API says).
 */
export function PlanEditor({
  mode,
  initial,
  onDone,
}: {
  mode: EditorMode;
  initial: PlanContents;
  onDone: (version: number | null) => void;
}) {
  const { t } = useI18n();
  const [supportNeeds, setSupportNeeds] = useState(initial.supportNeeds);
  const [practicalPlan, setPracticalPlan] = useState(initial.practicalPlan);
  const [goals, setGoals] = useState<GoalDraft[]>(() =>
    initial.goals.map((g) => ({
      key: key(),
      id: g.id,
      description: g.description,
      indicator: g.indicator ?? '',
      reviewDate: g.reviewDates[0] ?? '',
    })),
  );
  const [participants, setParticipants] = useState<ParticipantDraft[]>(() =>
    initial.participants.map((p) => ({
      key: key(),
      name: p.name,
      role: p.role,
      responsibility: p.responsibility ?? '',
    })),
  );
  const refetch = { refetchQueries: ['ClientPlans', 'PlanDetail'], awaitRefetchQueries: true };
  const [create, creating] = useMutation(CreatePlan, refetch);
  const [update, updating] = useMutation(UpdatePlan, refetch);
  // Field errors by their full path (several rows share a last segment); all in the summary too.
  const { errors, byPath: fields, submit } = useMutationForm();

  const setGoal = (k: string, patch: Partial<GoalDraft>) =>
    setGoals((gs) => gs.map((g) => (g.key === k ? { ...g, ...patch } : g)));
  const setParticipant = (k: string, patch: Partial<ParticipantDraft>) =>
    setParticipants((ps) => ps.map((p) => (p.key === k ? { ...p, ...patch } : p)));

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const contents = {
      supportNeeds,
      practicalPlan,
      goals: goals.map((g) => ({
        ...(mode.kind === 'edit' && g.id ? { id: g.id } : {}),
        description: g.description,
        indicator: g.indicator || null,
        reviewDates: g.reviewDate ? [g.reviewDate] : [],
      })),
      participants: participants.map((p) => ({
        name: p.name,
        role: p.role,
        responsibility: p.responsibility || null,
      })),
    };
    if (mode.kind === 'create') {
      const input = {
        clientId: mode.clientId,
        municipalityCode: mode.municipalityCode,
        year: mode.year,
        fromProposal: mode.proposal,
        ...contents,
      };
      await submit({
        run: async () => (await create({ variables: { input } })).data?.createPlan,
        onSuccess: ({ plan }) => onDone(plan?.version ?? 1),
      });
    } else {
      await submit({
        run: async () =>
          (await update({ variables: { planId: mode.planId, input: contents } })).data?.updatePlan,
        onSuccess: ({ plan }) => onDone(plan?.version ?? null),
      });
    }
  }

  return (
    <form onSubmit={onSubmit} className="form grid plan-editor" noValidate>
      <FormErrors errors={errors} />
      <Textarea
        labelText={t('plan.supportNeeds')}
        value={supportNeeds}
        onChange={(e) => setSupportNeeds(e.target.value)}
        status={fields['input.supportNeeds'] ? 'error' : 'default'}
        statusText={fields['input.supportNeeds']}
        fullWidth
      />
      <Textarea
        labelText={t('plan.practicalPlan')}
        value={practicalPlan}
        onChange={(e) => setPracticalPlan(e.target.value)}
        status={fields['input.practicalPlan'] ? 'error' : 'default'}
        statusText={fields['input.practicalPlan']}
        fullWidth
      />
      <Heading variant="h4" as="h4">
        {t('plan.goals')}
      </Heading>
      {goals.map((g, i) => (
        <fieldset key={g.key} className="editor-row">
          <legend>{t('planFlow.goal', { n: i + 1 })}</legend>
          <TextField
            label={t('planFlow.goalText')}
            value={g.description}
            onChange={(e) => setGoal(g.key, { description: e.target.value })}
            error={fields[`input.goals[${i}].description`]}
          />
          <TextField
            label={t('plan.indicator')}
            value={g.indicator}
            onChange={(e) => setGoal(g.key, { indicator: e.target.value })}
            error={fields[`input.goals[${i}].indicator`]}
          />
          <TextField
            label={t('planFlow.reviewDate')}
            type="date"
            value={g.reviewDate}
            onChange={(e) => setGoal(g.key, { reviewDate: e.target.value })}
            error={fields[`input.goals[${i}].reviewDates`]}
          />
          <Button
            variant="secondaryNoBorder"
            onClick={() => setGoals((gs) => gs.filter((x) => x.key !== g.key))}
          >
            {t('planFlow.removeGoal', { n: i + 1 })}
          </Button>
        </fieldset>
      ))}
      <p>
        <Button
          variant="secondary"
          onClick={() =>
            setGoals((gs) => [
              ...gs,
              { key: key(), id: null, description: '', indicator: '', reviewDate: '' },
            ])
          }
        >
          {t('planFlow.addGoal')}
        </Button>
      </p>
      <Heading variant="h4" as="h4">
        {t('plan.participants')}
      </Heading>
      {participants.map((p, i) => (
        <fieldset key={p.key} className="editor-row">
          <legend>{t('planFlow.participant', { n: i + 1 })}</legend>
          <TextField
            label={t('planFlow.name')}
            value={p.name}
            onChange={(e) => setParticipant(p.key, { name: e.target.value })}
            error={fields[`input.participants[${i}].name`]}
          />
          <Select
            label={t('planFlow.role')}
            value={p.role}
            onChange={(e) => setParticipant(p.key, { role: e.target.value as ParticipantRole })}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`participant.${r}`)}
              </option>
            ))}
          </Select>
          <TextField
            label={t('planFlow.responsibility')}
            value={p.responsibility}
            onChange={(e) => setParticipant(p.key, { responsibility: e.target.value })}
          />
          <Button
            variant="secondaryNoBorder"
            onClick={() => setParticipants((ps) => ps.filter((x) => x.key !== p.key))}
          >
            {t('planFlow.removeParticipant', { n: i + 1 })}
          </Button>
        </fieldset>
      ))}
      <p>
        <Button
          variant="secondary"
          onClick={() =>
            setParticipants((ps) => [
              ...ps,
              { key: key(), name: '', role: 'OTHER', responsibility: '' },
            ])
          }
        >
          {t('planFlow.addParticipant')}
        </Button>
      </p>
      <div className="form-actions">
        <Button type="submit" disabled={creating.loading || updating.loading}>
          {mode.kind === 'create' ? t('planFlow.create') : t('planFlow.save')}
        </Button>{' '}
        <Button variant="secondary" onClick={() => onDone(null)}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}

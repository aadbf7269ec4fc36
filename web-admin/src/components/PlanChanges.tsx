import { Heading, InlineAlert } from 'suomifi-ui-components';
import { useI18n } from '../i18n';
import type { MessageKey } from '../messages';

interface Props {
  plan: {
    version: number;
    needsRevision: boolean;
    revisionFindings: Array<{ reason: string; subjectId: string }>;
    changes: Array<{ area: string; kind: string; before: string | null; after: string | null }>;
  };
}

/** The revision flag and what changed against the previous version. */
export function PlanChanges({ plan }: Props) {
  const { t } = useI18n();
  const reasons = [...new Set(plan.revisionFindings.map((f) => f.reason))];
  return (
    <>
      {plan.needsRevision ? (
        <InlineAlert status="warning" labelText={t('planFlow.needsRevision')}>
          <ul>
            {reasons.map((r) => (
              <li key={r}>{t(`planFlow.revision.${r}` as MessageKey)}</li>
            ))}
          </ul>
        </InlineAlert>
      ) : null}
      {plan.version > 1 ? (
        <section aria-labelledby="plan-changes-heading" className="plan-changes">
          <Heading variant="h4" as="h4" id="plan-changes-heading">
            {t('planFlow.changes', { version: plan.version })}
          </Heading>
          {plan.changes.length === 0 ? (
            <p>{t('planFlow.noChanges')}</p>
          ) : (
            <ul className="change-list">
              {plan.changes.map((c, i) => (
                <li key={i} className={`change change-${c.kind.toLowerCase()}`}>
                  <strong>
                    {t(`planFlow.area.${c.area}` as MessageKey)} –{' '}
                    {t(`planFlow.kind.${c.kind}` as MessageKey)}
                  </strong>
                  {c.before !== null ? (
                    <div>
                      <span className="muted">{t('planFlow.before')}: </span>
                      <del>{c.before || '–'}</del>
                    </div>
                  ) : null}
                  {c.after !== null ? (
                    <div>
                      <span className="muted">{t('planFlow.after')}: </span>
                      <ins>{c.after || '–'}</ins>
                    </div>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </>
  );
}

import { useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { Button, InlineAlert } from 'suomifi-ui-components';
import { DEMO_USERS, homePath, useAuth, type Role } from '../auth';
import { Page } from '../components/Page';
import { Select } from '../components/common';
import { useI18n } from '../i18n';

const ROLES = Object.keys(DEMO_USERS) as Role[];

export function SignInPage() {
  const { t } = useI18n();
  const { signIn, session } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as { from?: string; signedOut?: boolean };
  const [role, setRole] = useState<Role>('ADVISER');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(DEMO_USERS[role]);
      navigate(state.from ?? homePath(role));
    } catch (err) {
      setError(t('signIn.failed', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={t('signIn.title')} lead={t('signIn.intro')}>
      {state.signedOut && !session ? (
        <p role="status" className="notice">
          {t('signIn.done')}
        </p>
      ) : null}
      <form onSubmit={onSubmit} className="form narrow" noValidate>
        <Select
          label={t('signIn.user')}
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
          name="user"
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`user.${r}`)}
            </option>
          ))}
        </Select>
        {error ? (
          <InlineAlert status="error" role="alert">
            {error}
          </InlineAlert>
        ) : null}
        <Button type="submit" disabled={busy}>
          {t('signIn.submit')}
        </Button>
      </form>
    </Page>
  );
}

import { useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { Button, InlineAlert } from 'suomifi-ui-components';
import { DEMO_USERS, homePath, signedOutAtProvider, useAuth, type Role } from '../auth';
import { Page } from '../components/Page';
import { Select } from '../components/common';
import { useI18n } from '../i18n';

const ROLES = Object.keys(DEMO_USERS) as Role[];

export function SignInPage() {
  const { t } = useI18n();
  const { signIn, signInWithProvider, session, config, configError } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const state = (location.state ?? {}) as { from?: string; signedOut?: boolean };
  const [signedOut] = useState(() => signedOutAtProvider() || !!state.signedOut);
  const [role, setRole] = useState<Role>('ADVISER');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const failed = (err: unknown) =>
    setError(t('signIn.failed', { message: err instanceof Error ? err.message : String(err) }));

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(DEMO_USERS[role]);
      navigate(state.from ?? homePath(role));
    } catch (err) {
      failed(err);
    } finally {
      setBusy(false);
    }
  }

  async function onProvider() {
    setBusy(true);
    setError(null);
    try {
      // The browser leaves for the provider; it comes back at /auth/callback.
      await signInWithProvider(state.from);
    } catch (err) {
      failed(err);
      setBusy(false);
    }
  }

  const lead = config?.oidc ? t('signIn.providerIntro') : config ? t('signIn.intro') : undefined;
  return (
    <Page title={t('signIn.title')} lead={lead}>
      {signedOut && !session ? (
        <p role="status" className="notice">
          {t('signIn.done')}
        </p>
      ) : null}
      {configError ? (
        <InlineAlert status="error" role="alert">
          {t('signIn.configFailed', { message: configError })}
        </InlineAlert>
      ) : null}
      {config === null && !configError ? <p role="status">{t('common.loading')}</p> : null}
      {config?.oidc ? (
        <div className="form narrow">
          <Button type="button" disabled={busy} onClick={() => void onProvider()}>
            {t('signIn.provider')}
          </Button>
        </div>
      ) : null}
      {config?.devSignIn ? (
        <form onSubmit={onSubmit} className="form narrow" noValidate>
          {config.oidc ? <p>{t('signIn.intro')}</p> : null}
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
          <Button type="submit" disabled={busy}>
            {t('signIn.submit')}
          </Button>
        </form>
      ) : null}
      {error ? (
        <InlineAlert status="error" role="alert">
          {error}
        </InlineAlert>
      ) : null}
    </Page>
  );
}

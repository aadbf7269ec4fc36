import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { InlineAlert } from 'suomifi-ui-components';
import { useAuth } from '../auth';
import { Page } from '../components/Page';
import { useI18n } from '../i18n';

/** Where the OpenID provider sends the browser back with the authorization code. */
export function AuthCallbackPage() {
  const { t } = useI18n();
  const { completeSignIn } = useAuth();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    completeSignIn().then(
      (next) => navigate(next, { replace: true }),
      (err: unknown) => setError(err instanceof Error ? err.message : String(err)),
    );
  }, [completeSignIn, navigate]);
  return (
    <Page title={t('signIn.title')}>
      {error ? (
        <>
          <InlineAlert status="error" role="alert">
            {t('signIn.failed', { message: error })}
          </InlineAlert>
          <p>
            <Link to="/sign-in">{t('signIn.again')}</Link>
          </p>
        </>
      ) : (
        <p role="status">{t('signIn.completing')}</p>
      )}
    </Page>
  );
}

import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { useAuth, type Role } from '../auth';
import { useI18n } from '../i18n';
import { Page } from './Page';

export function RequireSignIn({ children, roles }: { children: ReactNode; roles?: Role[] }) {
  const { session } = useAuth();
  const { t } = useI18n();
  const location = useLocation();
  if (session && roles && !roles.includes(session.role)) {
    return (
      <Page title={t('forbidden.title')}>
        <p>{t('forbidden.text', { role: t(`role.${session.role}`) })}</p>
      </Page>
    );
  }
  if (session) return <>{children}</>;
  return (
    <Page title={t('signIn.title')}>
      <p>{t('signIn.required')}</p>
      <p>
        <Link to="/sign-in" state={{ from: location.pathname }}>
          {t('nav.signIn')}
        </Link>
      </p>
    </Page>
  );
}

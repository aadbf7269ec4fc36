import type { ReactNode } from 'react';
import { NavLink, useNavigate } from 'react-router-dom';
import { useAuth, type Role } from '../auth';

/** Staff see the clients list and the calculator; a client and her team member their own pages. */
const STAFF: readonly Role[] = ['ADVISER', 'WORKER', 'ORGANISER'];
import { LANGUAGES, htmlLang, useI18n } from '../i18n';

export function Layout({ children }: { children: ReactNode }) {
  const { t, language, setLanguage } = useI18n();
  const { session, signOut } = useAuth();
  const navigate = useNavigate();
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        {t('skip.main')}
      </a>
      <header className="site-header">
        <div className="brand">
          <NavLink to="/" className="brand-link">
            <span className="brand-title">{t('app.title')}</span>
            <span className="brand-subtitle">{t('app.subtitle')}</span>
          </NavLink>
        </div>
        <div className="header-tools">
          <div role="group" aria-label={t('lang.label')} className="language-switcher">
            {LANGUAGES.map((lang) => (
              <button
                key={lang}
                type="button"
                lang={htmlLang(lang)}
                aria-pressed={language === lang}
                className="lang-button"
                onClick={() => setLanguage(lang)}
              >
                {t(`lang.${lang}`)}
              </button>
            ))}
          </div>
          {session ? (
            <div className="session">
              <span>
                {t('session.as', { name: session.name, role: t(`role.${session.role}`) })}
              </span>
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  signOut();
                  navigate('/sign-in', { state: { signedOut: true } });
                }}
              >
                {t('nav.signOut')}
              </button>
            </div>
          ) : null}
        </div>
        <nav aria-label={t('nav.label')} className="main-nav">
          <ul>
            {session && STAFF.includes(session.role) ? (
              <>
                {session.role === 'ADVISER' || session.role === 'WORKER' ? (
                  <>
                    <li>
                      <NavLink to="/caseload">{t('nav.caseload')}</NavLink>
                    </li>
                    <li>
                      <NavLink to="/inbox">{t('nav.inbox')}</NavLink>
                    </li>
                    <li>
                      <NavLink to="/complaints">{t('nav.complaints')}</NavLink>
                    </li>
                    <li>
                      <NavLink to="/clients">{t('nav.clients')}</NavLink>
                    </li>
                  </>
                ) : null}
                <li>
                  <NavLink to="/calculator">{t('nav.calculator')}</NavLink>
                </li>
              </>
            ) : null}
            {session?.role === 'CLIENT' || session?.role === 'TEAM_MEMBER' ? (
              <>
                <li>
                  <NavLink to="/me" end>
                    {t('nav.my')}
                  </NavLink>
                </li>
                <li>
                  <NavLink to="/me/plan">{t('nav.myPlan')}</NavLink>
                </li>
                {session.role === 'CLIENT' ? (
                  <>
                    <li>
                      <NavLink to="/me/team">{t('nav.myTeam')}</NavLink>
                    </li>
                    <li>
                      <NavLink to="/me/log">{t('nav.myLog')}</NavLink>
                    </li>
                  </>
                ) : null}
              </>
            ) : null}
            {session?.role === 'ORGANISER' ? (
              <>
                <li>
                  <NavLink to="/approvals">{t('nav.approvals')}</NavLink>
                </li>
                <li>
                  <NavLink to="/reports">{t('nav.reports')}</NavLink>
                </li>
                <li>
                  <NavLink to="/year-end">{t('nav.yearEnd')}</NavLink>
                </li>
                <li>
                  <NavLink to="/settlements">{t('nav.settlement')}</NavLink>
                </li>
              </>
            ) : null}
            {session?.role === 'PROVIDER' ? (
              <>
                <li>
                  <NavLink to="/charge">{t('nav.charge')}</NavLink>
                </li>
                <li>
                  <NavLink to="/concern">{t('nav.concern')}</NavLink>
                </li>
                <li>
                  <NavLink to="/complaints">{t('nav.complaints')}</NavLink>
                </li>
                <li>
                  <NavLink to="/my-listing">{t('nav.listing')}</NavLink>
                </li>
                <li>
                  <NavLink to="/bank-account">{t('nav.bankAccount')}</NavLink>
                </li>
              </>
            ) : null}
            <li>
              <NavLink to="/providers">{t('nav.catalogue')}</NavLink>
            </li>
            {session ? null : (
              <li>
                <NavLink to="/sign-in">{t('nav.signIn')}</NavLink>
              </li>
            )}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer className="site-footer">
        <p>{t('footer.text')}</p>
      </footer>
    </div>
  );
}

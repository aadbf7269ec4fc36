import { useMemo } from 'react';
import { ApolloProvider } from '@apollo/client';
import { Navigate, Route, Routes } from 'react-router-dom';
import { createApolloClient } from './apollo';
import { homePath, useAuth } from './auth';
import { Layout } from './components/Layout';
import { Page } from './components/Page';
import { RequireSignIn } from './components/RequireSignIn';
import { useI18n } from './i18n';
import { CalculatorPage } from './pages/CalculatorPage';
import { CataloguePage } from './pages/CataloguePage';
import { ComparePage } from './pages/ComparePage';
import { MyListingPage } from './pages/MyListingPage';
import { ClientPage } from './pages/ClientPage';
import { ClientsPage } from './pages/ClientsPage';
import { CaseloadPage } from './pages/CaseloadPage';
import { InboxPage } from './pages/InboxPage';
import { ConcernPage } from './pages/ConcernPage';
import { ApprovalsPage } from './pages/ApprovalsPage';
import { ChargePage } from './pages/ChargePage';
import { ProviderPage } from './pages/ProviderPage';
import { ReportsPage } from './pages/ReportsPage';
import { YearEndPage } from './pages/YearEndPage';
import { SettlementPage } from './pages/SettlementPage';
import { BankAccountPage } from './pages/BankAccountPage';
import { SignInPage } from './pages/SignInPage';
import { AuthCallbackPage } from './pages/AuthCallbackPage';
import { MyPage } from './pages/MyPage';
import { MyPlanPage } from './pages/MyPlanPage';
import { MyTeamPage } from './pages/MyTeamPage';
import { MyAccessLogPage } from './pages/MyAccessLogPage';
import { ComplaintsPage } from './pages/ComplaintsPage';

export function App() {
  const { session } = useAuth();
  const token = session?.token ?? null;
  const client = useMemo(() => createApolloClient(token), [token]);
  return (
    <ApolloProvider client={client}>
      <Layout>
        <Routes>
          <Route path="/" element={<Navigate to={homePath(session?.role)} replace />} />
          <Route path="/sign-in" element={<SignInPage />} />
          <Route path="/auth/callback" element={<AuthCallbackPage />} />
          <Route path="/providers" element={<CataloguePage />} />
          <Route path="/providers/compare" element={<ComparePage />} />
          <Route path="/providers/:id" element={<ProviderPage />} />
          <Route
            path="/clients"
            element={
              // Not the organiser: she may not list clients (the clients subgraph refuses).
              <RequireSignIn roles={['ADVISER', 'WORKER']}>
                <ClientsPage />
              </RequireSignIn>
            }
          />
          <Route
            path="/inbox"
            element={
              <RequireSignIn roles={['ADVISER', 'WORKER', 'CLIENT', 'TEAM_MEMBER']}>
                <InboxPage />
              </RequireSignIn>
            }
          />
          <Route
            path="/concern"
            element={
              <RequireSignIn roles={['PROVIDER']}>
                <ConcernPage />
              </RequireSignIn>
            }
          />
          <Route
            path="/caseload"
            element={
              <RequireSignIn roles={['ADVISER', 'WORKER']}>
                <CaseloadPage />
              </RequireSignIn>
            }
          />
          <Route
            path="/clients/:id"
            element={
              <RequireSignIn>
                <ClientPage />
              </RequireSignIn>
            }
          />
          <Route
            path="/calculator"
            element={
              <RequireSignIn>
                <CalculatorPage />
              </RequireSignIn>
            }
          />
          <Route
            path="/complaints"
            element={
              <RequireSignIn roles={['ADVISER', 'WORKER', 'PROVIDER']}>
                <ComplaintsPage />
              </RequireSignIn>
            }
          />
          <Route
            path="/approvals"
            element={
              <RequireSignIn roles={['ORGANISER']}>
                <ApprovalsPage />
              </RequireSignIn>
            }
          />
          <Route
            path="/reports"
            element={
              <RequireSignIn roles={['ORGANISER']}>
                <ReportsPage />
              </RequireSignIn>
            }
          />
          <Route
            path="/year-end"
            element={
              <RequireSignIn roles={['ORGANISER']}>
                <YearEndPage />
              </RequireSignIn>
            }
          />
          <Route
            path="/settlements"
            element={
              <RequireSignIn roles={['ORGANISER']}>
                <SettlementPage />
              </RequireSignIn>
            }
          />
          <Route
            path="/charge"
            element={
              <RequireSignIn roles={['PROVIDER']}>
                <ChargePage />
              </RequireSignIn>
            }
          />
          <Route
            path="/my-listing"
            element={
              <RequireSignIn roles={['PROVIDER']}>
                <MyListingPage />
              </RequireSignIn>
            }
          />
          <Route
            path="/bank-account"
            element={
              <RequireSignIn roles={['PROVIDER']}>
                <BankAccountPage />
              </RequireSignIn>
            }
          />
          <Route
            path="/me"
            element={
              <RequireSignIn roles={['CLIENT', 'TEAM_MEMBER']}>
                <MyPage />
              </RequireSignIn>
            }
          />
          <Route
            path="/me/plan"
            element={
              <RequireSignIn roles={['CLIENT', 'TEAM_MEMBER']}>
                <MyPlanPage />
              </RequireSignIn>
            }
          />
          <Route
            path="/me/team"
            element={
              <RequireSignIn roles={['CLIENT']}>
                <MyTeamPage />
              </RequireSignIn>
            }
          />
          <Route
            path="/me/log"
            element={
              <RequireSignIn roles={['CLIENT']}>
                <MyAccessLogPage />
              </RequireSignIn>
            }
          />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </Layout>
    </ApolloProvider>
  );
}

function NotFound() {
  const { t } = useI18n();
  return <Page title={t('notFound.title')}>{null}</Page>;
}

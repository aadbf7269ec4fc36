import { useMemo } from 'react';
import { ApolloProvider } from '@apollo/client';
import { Navigate, Route, Routes } from 'react-router-dom';
import { createApolloClient } from './apollo';
import { useAuth } from './auth';
import { Layout } from './components/Layout';
import { Page } from './components/Page';
import { RequireSignIn } from './components/RequireSignIn';
import { useI18n } from './i18n';
import { CalculatorPage } from './pages/CalculatorPage';
import { CataloguePage } from './pages/CataloguePage';
import { ClientPage } from './pages/ClientPage';
import { ClientsPage } from './pages/ClientsPage';
import { ProviderPage } from './pages/ProviderPage';
import { SignInPage } from './pages/SignInPage';

export function App() {
  const { session } = useAuth();
  const token = session?.token ?? null;
  const client = useMemo(() => createApolloClient(token), [token]);
  return (
    <ApolloProvider client={client}>
      <Layout>
        <Routes>
          <Route path="/" element={<Navigate to={session ? '/clients' : '/providers'} replace />} />
          <Route path="/sign-in" element={<SignInPage />} />
          <Route path="/providers" element={<CataloguePage />} />
          <Route path="/providers/:id" element={<ProviderPage />} />
          <Route
            path="/clients"
            element={
              <RequireSignIn>
                <ClientsPage />
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

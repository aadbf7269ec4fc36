import { useQuery } from '@apollo/client';
import { Link, useParams } from 'react-router-dom';
import { Heading } from 'suomifi-ui-components';
import { BudgetSection } from '../components/BudgetSection';
import { DecisionsSection } from '../components/DecisionsSection';
import { ExpensesSection } from '../components/ExpensesSection';
import { PlanSection } from '../components/PlanSection';
import { ClientStaffSection } from '../components/ClientStaffSection';
import { Page } from '../components/Page';
import { PhaseSection } from '../components/client/PhaseSection';
import { TeamSection } from '../components/client/TeamSection';
import { ConsentSection } from '../components/client/ConsentSection';
import { AccessLogSection } from '../components/client/AccessLogSection';
import { QueryState } from '../components/common';
import { graphql } from '../gql';
import { useI18n } from '../i18n';
import { date } from '../format';

const ClientQuery = graphql(`
  query ClientPage($id: ID!) {
    client(id: $id) {
      id
      firstName
      lastName
      dateOfBirth
      processPhase
      municipality {
        code
        name
        nameSv
      }
      ownWorker {
        id
        name
        email
      }
      adviser {
        id
        name
        email
      }
      team {
        id
        name
        role
        relation
        email
        phone
      }
      consents {
        id
        teamMemberId
        scopes
        validFrom
        validUntil
        revokedAt
        active
      }
    }
  }
`);

export function ClientPage() {
  const { id = '' } = useParams();
  const { t, language, locale } = useI18n();
  const { data, loading, error } = useQuery(ClientQuery, { variables: { id } });
  const client = data?.client;
  const title = client ? `${client.firstName} ${client.lastName}` : t('clients.title');

  return (
    <Page title={title}>
      <p>
        <Link to="/clients">{t('client.back')}</Link>
      </p>
      {/* A client missing because a request failed is a failure, not "not found". */}
      <QueryState
        loading={loading}
        error={error}
        hasData={data !== undefined && (!!client || !error)}
      >
        {!client ? (
          <p>{t('client.notFound')}</p>
        ) : (
          <div className="client-page">
            <section aria-labelledby="details-heading" className="card">
              <Heading variant="h2" id="details-heading">
                {t('client.details')}
              </Heading>
              <dl className="details">
                <dt>{t('client.dateOfBirth')}</dt>
                <dd>{date(client.dateOfBirth, locale)}</dd>
                <dt>{t('client.municipality')}</dt>
                <dd>
                  {language === 'sv' && client.municipality.nameSv
                    ? client.municipality.nameSv
                    : client.municipality.name}{' '}
                  ({client.municipality.code})
                </dd>
                <dt>{t('client.ownWorker')}</dt>
                <dd>{client.ownWorker?.name ?? '–'}</dd>
                <dt>{t('client.adviser')}</dt>
                <dd>{client.adviser?.name ?? '–'}</dd>
              </dl>
            </section>
            <PhaseSection clientId={client.id} phase={client.processPhase} />
            <ClientStaffSection key={client.processPhase} clientId={client.id} />
            <BudgetSection clientId={client.id} municipalityCode={client.municipality.code} />
            <DecisionsSection clientId={client.id} mine={false} />
            <ExpensesSection clientId={client.id} mine={false} />
            <PlanSection clientId={client.id} municipalityCode={client.municipality.code} />
            <TeamSection clientId={client.id} team={client.team} />
            <ConsentSection clientId={client.id} team={client.team} consents={client.consents} />
            <AccessLogSection clientId={client.id} />
          </div>
        )}
      </QueryState>
    </Page>
  );
}

import { CreateClientForm } from '../components/CreateClientForm';
import { useQuery } from '@apollo/client';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Button, TextInput } from 'suomifi-ui-components';
import { Page } from '../components/Page';
import { QueryState, Select } from '../components/common';
import { graphql } from '../gql';
import { useI18n } from '../i18n';
import { date } from '../format';
import { CursorPager } from '../components/CursorPager';

export const MunicipalitiesQuery = graphql(`
  query Municipalities {
    municipalities {
      code
      name
      nameSv
    }
  }
`);

const ClientsQuery = graphql(`
  query Clients($search: String, $municipalityCode: ID, $first: Int, $after: String) {
    clients(search: $search, municipalityCode: $municipalityCode, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
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
        }
      }
    }
  }
`);

const PAGE_SIZE = 20;

export function ClientsPage() {
  const { t, language, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  const municipalityCode = params.get('m') ?? '';
  // Cursors of the pages before the current one, for "previous".
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  const [text, setText] = useState(search);
  const [municipality, setMunicipality] = useState(municipalityCode);

  const municipalities = useQuery(MunicipalitiesQuery);
  const { data, loading, error } = useQuery(ClientsQuery, {
    variables: {
      search: search || null,
      municipalityCode: municipalityCode || null,
      first: PAGE_SIZE,
      after,
    },
  });

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    if (text.trim()) next.set('q', text.trim());
    if (municipality) next.set('m', municipality);
    setParams(next);
    setCursors([null]);
  }

  const connection = data?.clients;
  const municipalityName = (m: { name: string; nameSv: string | null }) =>
    language === 'sv' && m.nameSv ? m.nameSv : m.name;

  return (
    <Page title={t('clients.title')}>
      <CreateClientForm />
      <form
        role="search"
        onSubmit={onSubmit}
        className="form filters"
        aria-label={t('clients.title')}
      >
        <TextInput
          labelText={t('clients.search')}
          value={text}
          onChange={(v) => setText(String(v ?? ''))}
          name="search"
          autoComplete="off"
        />
        <Select
          label={t('clients.municipality')}
          value={municipality}
          onChange={(e) => setMunicipality(e.target.value)}
          name="municipality"
        >
          <option value="">{t('clients.allMunicipalities')}</option>
          {[...(municipalities.data?.municipalities ?? [])]
            .sort((a, b) => municipalityName(a).localeCompare(municipalityName(b), locale))
            .map((m) => (
              <option key={m.code} value={m.code}>
                {municipalityName(m)}
              </option>
            ))}
        </Select>
        <Button type="submit">{t('clients.submit')}</Button>
      </form>
      <QueryState loading={loading} error={error} hasData={!!connection}>
        {connection ? (
          <>
            <p role="status" className="result-count">
              {t('clients.count', { count: connection.totalCount })}
            </p>
            {connection.edges.length === 0 ? (
              <p>{t('clients.empty')}</p>
            ) : (
              <table className="table">
                <caption className="visually-hidden">{t('clients.title')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('clients.name')}</th>
                    <th scope="col">{t('client.dateOfBirth')}</th>
                    <th scope="col">{t('clients.municipality')}</th>
                    <th scope="col">{t('clients.phase')}</th>
                  </tr>
                </thead>
                <tbody>
                  {connection.edges.map(({ node }) => (
                    <tr key={node.id}>
                      <th scope="row">
                        <Link to={`/clients/${node.id}`}>
                          {node.lastName}, {node.firstName}
                        </Link>
                      </th>
                      <td>{date(node.dateOfBirth, locale)}</td>
                      <td>{municipalityName(node.municipality)}</td>
                      <td>{t(`phase.${node.processPhase}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
            <CursorPager
              label={t('clients.pagination')}
              cursors={cursors}
              setCursors={setCursors}
              pageInfo={connection.pageInfo}
            />
          </>
        ) : null}
      </QueryState>
    </Page>
  );
}

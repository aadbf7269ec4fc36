import crypto from 'node:crypto';
import type { Principal } from '@hb/kit';
import { databaseFixture, principal, requestContext } from '@hb/kit/testing';
import { plansDatabase } from '../entities';
import { PlanReportService } from './report.service';
import { PlanReportStore } from './report.store';

/** Quality per provider in the organiser's report: rating and complaints, small groups hidden. */
const db = databaseFixture(plansDatabase);
const M = '887';
const YEAR = 2024;
const A = crypto.randomUUID();
const B = crypto.randomUUID();
const C = crypto.randomUUID();
const clients = Array.from({ length: 7 }, () => crypto.randomUUID());
const q = (sql: string, params: unknown[] = []) => db.database.dataSource.query(sql, params);
const at = `${YEAR}-05-05T10:00:00Z`;

const feedback = (client: string, provider: string, rating: number, year = YEAR) =>
  q(
    `INSERT INTO plans.feedback (client_id, municipality_code, provider_id, rating, text, author_role, at)
     VALUES ($1, $2, $3, $4, '', 'CLIENT', $5)`,
    [client, M, provider, rating, `${year}-05-05T10:00:00Z`],
  );
const complaint = (client: string, provider: string) =>
  q(
    `INSERT INTO plans.complaint (client_id, municipality_code, provider_id, text, author_role, created_at, updated_at)
     VALUES ($1, $2, $3, 'Valitus', 'CLIENT', $4, $4)`,
    [client, M, provider, at],
  );

beforeAll(async () => {
  // A: feedback from six clients (ratings 1..5 and 3), one of them also complained.
  for (let i = 0; i < 6; i++) await feedback(clients[i]!, A, [1, 2, 3, 4, 5, 3][i]!);
  await complaint(clients[0]!, A);
  // B: two clients only – hidden.
  await feedback(clients[0]!, B, 5);
  await complaint(clients[1]!, B);
  // C: complaints from five clients, no feedback; an older feedback does not count.
  for (let i = 2; i < 7; i++) await complaint(clients[i]!, C);
  await feedback(clients[2]!, C, 1, YEAR - 1);
}, 60_000);

const service = (who: Principal | null) =>
  new PlanReportService(
    new PlanReportStore(db.database.dataSource),
    requestContext(db.database.dataSource, who, 'plans'),
  );

describe('providerQuality', () => {
  it('shows rating and complaints per provider; a provider of fewer than five clients is suppressed', async () => {
    const rows = await service(principal('ORGANISER', { municipalities: [M] })).providerQuality({
      municipalityCode: M,
      year: YEAR,
    });
    const byId = new Map(rows.map((r) => [r.providerId, r]));
    expect(byId.get(A)).toEqual({
      providerId: A,
      suppressed: false,
      feedbackCount: 6,
      averageRating: 3,
      complaintCount: 1,
    });
    expect(byId.get(B)).toEqual({
      providerId: B,
      suppressed: true,
      feedbackCount: null,
      averageRating: null,
      complaintCount: null,
    });
    expect(byId.get(C)).toEqual({
      providerId: C,
      suppressed: false,
      feedbackCount: 0,
      averageRating: null,
      complaintCount: 5,
    });
  });

  it.each<[string, Principal]>([
    ['an adviser', principal('ADVISER', { municipalities: [M] })],
    ['a provider', principal('PROVIDER', { providerId: A })],
    ['a client', principal('CLIENT', { clientId: clients[0]! })],
    [
      'organiser staff of another municipality',
      principal('ORGANISER', { municipalities: ['837'] }),
    ],
  ])('%s may not read it', async (_n, who) => {
    await expect(
      service(who).providerQuality({ municipalityCode: M, year: YEAR }),
    ).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });
});

import crypto from 'node:crypto';
import { DEMO, type Principal } from '@hb/kit';
import { principal } from '@hb/kit/testing';
import { plansFixture } from '../testing/plans-fixture';
import { plansReferenceResolvers } from '../plan/plan.reference';
import { ComplaintResolver, FeedbackEntryResolver } from './feedback.resolver';

const f = plansFixture();
const { as, count, fake, newClient } = f;

const adviser = principal('ADVISER', { sub: DEMO.adviserId, municipalities: ['837'] });
const nokiaWorker = principal('WORKER', { municipalities: ['536'] });

function newProvider() {
  const id = crypto.randomUUID();
  fake.providers.set(id, { id, kind: 'COMPANY', approvalStatus: 'APPROVED', offerings: [] });
  return { id, staff: principal('PROVIDER', { providerId: id }) };
}

const forbidden = { extensions: { code: 'FORBIDDEN' } };
const notFound = { extensions: { code: 'NOT_FOUND' } };

describe('feedback read and answered by the HB centre', () => {
  it('pages newest first; anonymous feedback shows no author; answers are kept', async () => {
    const provider = newProvider();
    const c = newClient();
    const named = await as(c.client).feedback.submit({
      clientId: c.id,
      providerId: provider.id,
      rating: 2,
      text: 'Kuljetus myöhästyi',
    });
    const anonymous = await as(c.client).feedback.submit({
      clientId: c.id,
      rating: 4,
      text: 'Hyvä neuvonta',
      anonymous: true,
    });
    expect(named.errors).toEqual([]);
    expect(anonymous.errors).toEqual([]);
    const page = await as(adviser).feedback.list({}, 1, null);
    expect(page.edges.map((e) => e.node.id)).toEqual([anonymous.feedback!.id]);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const resolver = new FeedbackEntryResolver();
    const anon = page.edges[0]!.node;
    expect([resolver.client(anon), resolver.authorRole(anon)]).toEqual([null, null]);
    const next = await as(adviser).feedback.list({}, 1, page.pageInfo.endCursor);
    const named2 = next.edges[0]!.node;
    expect(named2.id).toBe(named.feedback!.id);
    expect([resolver.client(named2), resolver.authorRole(named2)]).toEqual([
      { id: c.id },
      'CLIENT',
    ]);
    const byProvider = await as(adviser).feedback.list({ providerId: provider.id }, 10, null);
    expect(byProvider.edges.map((e) => e.node.id)).toEqual([named.feedback!.id]);

    const answered = await as(adviser).feedback.answer(named.feedback!.id, 'Kiitos, selvitämme.');
    expect(answered.errors).toEqual([]);
    expect(answered.feedback!.answer).toBe('Kiitos, selvitämme.');
    const unanswered = await as(adviser).feedback.list(
      { answered: false, providerId: provider.id },
      10,
      null,
    );
    expect(unanswered.totalCount).toBe(0);
    expect((await as(adviser).feedback.answer(named.feedback!.id, '  ')).errors[0]!.field).toBe(
      'answer',
    );
  });

  it.each<[string, Principal]>([
    ['a client', principal('CLIENT', { clientId: crypto.randomUUID() })],
    ['a team member', principal('TEAM_MEMBER', { clientId: crypto.randomUUID() })],
    ['a provider', principal('PROVIDER', { providerId: crypto.randomUUID() })],
    ['organiser staff', principal('ORGANISER', { municipalities: ['837'] })],
    [
      'a municipal system',
      principal('MUNICIPAL_SYSTEM', { municipalities: ['837'], scopes: ['reports:read'] }),
    ],
  ])('%s neither reads nor answers feedback', async (_n, who) => {
    const c = newClient();
    const f = await as(c.client).feedback.submit({ clientId: c.id, rating: 3, text: 'x' });
    await expect(as(who).feedback.list({}, 10, null)).rejects.toMatchObject(forbidden);
    await expect(as(who).feedback.answer(f.feedback!.id, 'vastaus')).rejects.toMatchObject(
      forbidden,
    );
    expect(
      await count(`plans.feedback WHERE id = $1 AND answer IS NOT NULL`, [f.feedback!.id]),
    ).toBe(0);
  });

  it('staff of another municipality see none of it and cannot answer it', async () => {
    const c = newClient('837');
    const f = await as(c.client).feedback.submit({ clientId: c.id, rating: 3, text: 'Tampere' });
    const theirs = await as(nokiaWorker).feedback.list({}, 100, null);
    expect(theirs.edges.map((e) => e.node.id)).not.toContain(f.feedback!.id);
    await expect(
      as(nokiaWorker).feedback.list({ municipalityCode: '837' }, 10, null),
    ).rejects.toMatchObject(forbidden);
    await expect(as(nokiaWorker).feedback.answer(f.feedback!.id, 'vastaus')).rejects.toMatchObject(
      notFound,
    );
    await expect(
      as(nokiaWorker).feedback.answer(crypto.randomUUID(), 'vastaus'),
    ).rejects.toMatchObject(notFound);
    expect(
      await count(`plans.feedback WHERE id = $1 AND answer IS NOT NULL`, [f.feedback!.id]),
    ).toBe(0);
  });
});

describe('a complaint from received to closed', () => {
  it('the client files; the provider responds; staff take it up, answer and close; each step logged', async () => {
    const provider = newProvider();
    const other = newProvider();
    const c = newClient();
    const filed = await as(c.client).complaints.file({
      clientId: c.id,
      providerId: provider.id,
      text: 'Avustaja ei tullut sovittuna päivänä.',
    });
    expect(filed.errors).toEqual([]);
    const id = filed.complaint!.id;
    expect(filed.complaint!.status).toBe('RECEIVED');

    // The provider sees it, but not who complained; another provider does not see it at all.
    const seen = await as(provider.staff).complaints.list({}, 10, null);
    expect(seen.edges.map((e) => e.node.id)).toEqual([id]);
    expect(new ComplaintResolver().client(seen.edges[0]!.node, as(provider.staff))).toBeNull();
    expect((await as(other.staff).complaints.list({}, 10, null)).totalCount).toBe(0);
    await expect(as(other.staff).complaints.get(id)).rejects.toMatchObject(notFound);
    await expect(as(other.staff).complaints.respond(id, 'ei meidän')).rejects.toMatchObject(
      notFound,
    );

    expect((await as(adviser).complaints.close(id)).errors.map((e) => e.code)).toEqual([
      'WRONG_STATUS',
    ]);
    const responded = await as(provider.staff).complaints.respond(
      id,
      'Avustaja sairastui; korvaava käynti sovittu.',
    );
    expect(responded.complaint).toMatchObject({
      status: 'RECEIVED',
      providerResponse: 'Avustaja sairastui; korvaava käynti sovittu.',
    });
    expect((await as(adviser).complaints.start(id)).complaint!.status).toBe('IN_PROGRESS');
    const answered = await as(adviser).complaints.answer(
      id,
      'Korvaava käynti järjestyy ensi viikolla.',
    );
    expect(answered.complaint).toMatchObject({
      status: 'ANSWERED',
      answer: 'Korvaava käynti järjestyy ensi viikolla.',
    });
    expect(
      (await as(provider.staff).complaints.respond(id, 'myöhään')).errors.map((e) => e.code),
    ).toEqual(['WRONG_STATUS']);
    const closed = await as(adviser).complaints.close(id);
    expect(closed.complaint!.status).toBe('CLOSED');
    expect(closed.complaint!.closedAt).toBeInstanceOf(Date);
    // The client reads her own case with the answer.
    const mine = await as(c.client).complaints.list({}, 10, null);
    expect(mine.edges.map((e) => [e.node.id, e.node.status, e.node.answer])).toEqual([
      [id, 'CLOSED', 'Korvaava käynti järjestyy ensi viikolla.'],
    ]);
    expect(
      await count(`audit.access_log WHERE client_id = $1 AND subject LIKE 'Complaint.%'`, [c.id]),
    ).toBe(4);
  });

  it('bad input is refused with field errors and nothing is stored', async () => {
    const c = newClient();
    const r = await as(c.client).complaints.file({
      clientId: c.id,
      providerId: crypto.randomUUID(),
      text: ' ',
    });
    expect(r.errors.map((e) => [e.code, e.field])).toEqual([
      ['VALIDATION', 'input.text'],
      ['UNKNOWN_PROVIDER', 'input.providerId'],
    ]);
    expect(await count(`plans.complaint WHERE client_id = $1`, [c.id])).toBe(0);
  });

  const refused: Array<[string, (clientId: string) => Principal]> = [
    ['another client', () => principal('CLIENT', { clientId: crypto.randomUUID() })],
    [
      'a team member without a consent in force',
      (clientId) => principal('TEAM_MEMBER', { clientId }),
    ],
    ['organiser staff', () => principal('ORGANISER', { municipalities: ['837'] })],
    [
      'a municipal system',
      () => principal('MUNICIPAL_SYSTEM', { municipalities: ['837'], scopes: ['reports:read'] }),
    ],
    ['staff of another municipality', () => nokiaWorker],
  ];

  it.each(refused)(
    '%s neither files, reads (also _entities) nor moves her complaint',
    async (_n, who) => {
      const provider = newProvider();
      const c = newClient();
      const { complaint } = await as(c.client).complaints.file({
        clientId: c.id,
        providerId: provider.id,
        text: 'Valitus',
      });
      const id = complaint!.id;
      const p = who(c.id);
      await expect(as(p).complaints.file({ clientId: c.id, text: 'vieras' })).rejects.toMatchObject(
        forbidden,
      );
      await expect(as(p).complaints.get(id)).rejects.toMatchObject(notFound);
      await expect(
        plansReferenceResolvers.Complaint.__resolveReference({ id }, as(p)),
      ).rejects.toMatchObject(notFound);
      await as(p)
        .complaints.list({}, 100, null)
        .then((page) => expect(page.edges.map((e) => e.node.id)).not.toContain(id))
        .catch((e: { extensions?: { code?: string } }) =>
          expect(e.extensions?.code).toBe('FORBIDDEN'),
        );
      for (const step of [
        () => as(p).complaints.start(id),
        () => as(p).complaints.answer(id, 'vastaus'),
        () => as(p).complaints.close(id),
        () => as(p).complaints.respond(id, 'vastine'),
      ]) {
        await expect(step()).rejects.toMatchObject({
          extensions: { code: expect.stringMatching(/^(FORBIDDEN|NOT_FOUND)$/) },
        });
      }
      expect(
        await count(
          `plans.complaint WHERE id = $1 AND status = 'RECEIVED' AND answer IS NULL AND provider_response IS NULL`,
          [id],
        ),
      ).toBe(1);
      expect(await count(`plans.complaint WHERE client_id = $1`, [c.id])).toBe(1);
    },
  );
});

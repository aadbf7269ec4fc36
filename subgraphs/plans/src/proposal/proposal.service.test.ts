import crypto from 'node:crypto';
import { DEMO, type Principal } from '@hb/kit';
import { principal } from '@hb/kit/testing';
import { plansFixture } from '../testing/plans-fixture';
import { plansReferenceResolvers } from '../plan/plan.reference';

const f = plansFixture();
const { as, count, fake, year: YEAR, newClient } = f;

const adviser = principal('ADVISER', { sub: DEMO.adviserId, municipalities: ['837'] });
const worker = principal('WORKER', { municipalities: ['837'] });
const nokiaWorker = principal('WORKER', { municipalities: ['536'] });

const dayCentre = crypto.randomUUID();
fake.providers.set(dayCentre, {
  id: dayCentre,
  kind: 'COMPANY',
  approvalStatus: 'APPROVED',
  offerings: [{ id: crypto.randomUUID(), serviceTypeCode: 'DAY_ACTIVITIES' }],
});

const proposal = {
  wishes: 'Haluan käydä töissä ja harrastaa.',
  needs: 'Tarvitsen apua aamuisin.',
  goals: '- Käyn päivätoiminnassa kolmesti viikossa\n- Opettelen bussilla kulkemista',
  selfAssessment: [
    { theme: 'DAILY_LIFE', rating: 2, words: 'Aamut ovat vaikeita.' },
    { theme: 'MOBILITY', rating: 3, words: null },
  ],
  choices: [{ serviceTypeCode: 'DAY_ACTIVITIES', providerId: dayCentre, note: 'Lähellä kotia' }],
};

describe('the client writes and submits her proposal', () => {
  it('saves, reads back, submits; staff see it only once submitted; every read is logged', async () => {
    const c = newClient();
    expect(await as(c.client).proposals.mine()).toBeNull();
    const saved = await as(c.client).proposals.save(proposal);
    expect(saved.errors).toEqual([]);
    expect(saved.proposal).toMatchObject({
      clientId: c.id,
      status: 'DRAFT',
      wishes: proposal.wishes,
      selfAssessment: [
        { theme: 'DAILY_LIFE', rating: 2, words: 'Aamut ovat vaikeita.' },
        { theme: 'MOBILITY', rating: 3, words: '' },
      ],
      choices: [
        { serviceTypeCode: 'DAY_ACTIVITIES', providerId: dayCentre, note: 'Lähellä kotia' },
      ],
      updatedByRole: 'CLIENT',
    });
    // A draft is hers: staff of her municipality get null, not the text.
    expect(await as(adviser).proposals.ofClient(c.id)).toBeNull();
    const submitted = await as(c.client).proposals.submit();
    expect(submitted.errors).toEqual([]);
    expect(submitted.proposal!.status).toBe('SUBMITTED');
    expect(submitted.proposal!.submittedAt).toBeInstanceOf(Date);
    const ctx = as(worker);
    expect((await ctx.proposals.ofClient(c.id))!.wishes).toBe(proposal.wishes);
    await ctx.accessLog.flush();
    expect(
      await count(
        `audit.access_log WHERE client_id = $1 AND subject = 'Proposal' AND actor_role = 'WORKER' AND actor_id = $2`,
        [c.id, worker.sub],
      ),
    ).toBe(1);
  });

  it('refuses bad input with field errors and keeps what was saved', async () => {
    const c = newClient();
    await as(c.client).proposals.save(proposal);
    const r = await as(c.client).proposals.save({
      wishes: 'x'.repeat(5001),
      selfAssessment: [
        { theme: 'DAILY_LIFE', rating: 6 },
        { theme: 'DAILY_LIFE', rating: 3 },
        { theme: 'SPACE_TRAVEL', rating: 3 },
      ],
      choices: [
        { serviceTypeCode: 'HOUSING', providerId: dayCentre },
        { serviceTypeCode: 'DAY_ACTIVITIES', providerId: crypto.randomUUID() },
      ],
    });
    expect(r.errors.map((e) => [e.code, e.field])).toEqual([
      ['VALIDATION', 'input.wishes'],
      ['VALIDATION', 'input.selfAssessment[0].rating'],
      ['VALIDATION', 'input.selfAssessment[1].theme'],
      ['VALIDATION', 'input.selfAssessment[2].theme'],
      ['SERVICE_NOT_OFFERED', 'input.choices[0].serviceTypeCode'],
      ['UNKNOWN_PROVIDER', 'input.choices[1].providerId'],
    ]);
    expect((await as(c.client).proposals.mine())!.wishes).toBe(proposal.wishes);
  });

  it('an empty proposal or none at all is not submitted', async () => {
    const c = newClient();
    expect((await as(c.client).proposals.submit()).errors.map((e) => e.code)).toEqual([
      'NO_PROPOSAL',
    ]);
    await as(c.client).proposals.save({ wishes: '  ' });
    expect((await as(c.client).proposals.submit()).errors.map((e) => e.code)).toEqual([
      'PROPOSAL_EMPTY',
    ]);
    expect((await as(c.client).proposals.mine())!.status).toBe('DRAFT');
  });

  it('a team member with plan consent writes it with her; without it she is refused', async () => {
    const c = newClient();
    const member = principal('TEAM_MEMBER', { clientId: c.id });
    await expect(as(member).proposals.save(proposal)).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    fake.consents.set(`${member.sub}|${c.id}`, ['BUDGET']);
    await expect(as(member).proposals.mine()).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN' },
    });
    fake.consents.set(`${member.sub}|${c.id}`, ['PLAN']);
    const r = await as(member).proposals.save(proposal);
    expect(r.errors).toEqual([]);
    expect(r.proposal!.updatedByRole).toBe('TEAM_MEMBER');
    expect((await as(c.client).proposals.mine())!.updatedByRole).toBe('TEAM_MEMBER');
    expect(await count(`plans.proposal WHERE client_id = $1`, [c.id])).toBe(1);
  });
});

describe('refusals', () => {
  const others: Array<[string, (clientId: string) => Principal]> = [
    ['another client', () => principal('CLIENT', { clientId: crypto.randomUUID() })],
    [
      'a team member of another client',
      () => principal('TEAM_MEMBER', { clientId: crypto.randomUUID() }),
    ],
    ['a provider', () => principal('PROVIDER', { providerId: dayCentre })],
    ['organiser staff', () => principal('ORGANISER', { municipalities: ['837'] })],
    [
      'a municipal system',
      () => principal('MUNICIPAL_SYSTEM', { municipalities: ['837'], scopes: ['reports:read'] }),
    ],
    ['staff of another municipality', () => nokiaWorker],
    ['a team member without plan consent', (clientId) => principal('TEAM_MEMBER', { clientId })],
  ];

  it.each(others)(
    '%s can neither read (field, _entities) nor write her proposal',
    async (_n, who) => {
      const c = newClient();
      await as(c.client).proposals.save(proposal);
      const submitted = await as(c.client).proposals.submit();
      const id = submitted.proposal!.id;
      const p = who(c.id);
      await expect(as(p).proposals.ofClient(c.id)).rejects.toMatchObject({
        extensions: { code: 'FORBIDDEN' },
      });
      await expect(
        plansReferenceResolvers.Proposal.__resolveReference({ id }, as(p)),
      ).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
      // Their own "my proposal" is never hers.
      await as(p)
        .proposals.mine()
        .then((mine) => expect(mine?.clientId).not.toBe(c.id))
        .catch((e: { extensions?: { code?: string } }) =>
          expect(e.extensions?.code).toBe('FORBIDDEN'),
        );
      const before = await count(`plans.proposal WHERE client_id = $1 AND wishes = $2`, [
        c.id,
        proposal.wishes,
      ]);
      await as(p)
        .proposals.save({ wishes: 'vieras' })
        .then((r) => expect(r.proposal?.clientId).not.toBe(c.id))
        .catch((e: { extensions?: { code?: string } }) =>
          expect(e.extensions?.code).toBe('FORBIDDEN'),
        );
      expect(before).toBe(1);
      expect(await count(`plans.proposal WHERE client_id = $1 AND wishes = 'vieras'`, [c.id])).toBe(
        0,
      );
    },
  );

  it('an unknown or malformed id through _entities answers as a refusal, never as "missing"', async () => {
    await expect(
      plansReferenceResolvers.Proposal.__resolveReference({ id: crypto.randomUUID() }, as(adviser)),
    ).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
    await expect(
      plansReferenceResolvers.Proposal.__resolveReference({ id: 'x' }, as(adviser)),
    ).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });

  it('no one signed in gets nothing', async () => {
    await expect(as(null).proposals.mine()).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
  });
});

describe('a plan started from the proposal', () => {
  it('takes the support needs and goals from the submitted proposal and names it', async () => {
    const c = newClient();
    await as(c.client).proposals.save(proposal);
    const notYet = await as(adviser).plans.create({
      clientId: c.id,
      municipalityCode: '837',
      year: YEAR,
      fromProposal: true,
    });
    expect(notYet.errors.map((e) => e.code)).toEqual(['NO_PROPOSAL']);
    const submitted = await as(c.client).proposals.submit();
    const r = await as(adviser).plans.create({
      clientId: c.id,
      municipalityCode: '837',
      year: YEAR,
      fromProposal: true,
    });
    expect(r.errors).toEqual([]);
    expect(r.plan!.proposalId).toBe(submitted.proposal!.id);
    expect(r.plan!.supportNeeds).toBe(`${proposal.wishes}\n\n${proposal.needs}`);
    const goals = await as(adviser).loaders.goals.load(r.plan!.id);
    expect(goals.map((g) => g.description)).toEqual([
      'Käyn päivätoiminnassa kolmesti viikossa',
      'Opettelen bussilla kulkemista',
    ]);
  });

  it('tells staff of another municipality nothing about a proposal', async () => {
    const c = newClient('837');
    await as(c.client).proposals.save(proposal);
    await as(c.client).proposals.submit();
    const r = await as(nokiaWorker).plans.create({
      clientId: c.id,
      municipalityCode: '536',
      year: YEAR,
      fromProposal: true,
    });
    expect(r.errors.map((e) => e.code)).toEqual(['WRONG_MUNICIPALITY']);
  });
});

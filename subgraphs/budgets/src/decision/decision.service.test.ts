import crypto from 'node:crypto';
import { PDFParse } from 'pdf-parse';
import { DEMO, todayInFinland, type Principal } from '@hb/kit';
import { principal, queryDatabase, requestContext } from '@hb/kit/testing';
import type { BudgetsContext } from '../shared/context.types';
import { budgetsFixture } from '../testing/budgets-fixture';
import { createStores } from '../shared/stores';
import { extendContext } from '../context';
import type { ProviderFacts, RemoteServices } from '../remote/remote-services';
import type { DecideBudgetInput } from '../budget/budget.type';
import { decisionReferenceResolvers } from './decision.resolver';
import { addDays } from '../domain/decision-content';

/**
 * Decisions on a real PostgreSQL: deciding, re-assessing and ending a budget each archive a
 * decision whose PDF (read back with pdf-parse) says the amount, the class, the restrictions
 * and the appeal instructions in the client's language; appeals; ending lapses once; the
 * database refuses to change a decision; everyone else gets what a random id gets.
 */
const clientsById = new Map<string, string>([[DEMO.essiClientId, '837']]);
const consentsByMember = new Map<string, string[]>();
const approved = crypto.randomUUID();
const providers = new Map<string, ProviderFacts>([
  [
    approved,
    {
      id: approved,
      kind: 'COMPANY',
      approvalStatus: 'APPROVED',
      municipalitiesServed: ['837'],
      offerings: [{ id: crypto.randomUUID(), serviceTypeCode: 'DAY_ACTIVITIES' }],
    },
  ],
]);
const remote: RemoteServices = {
  clients: {
    client: async (_ctx, id) =>
      clientsById.has(id) ? { id, municipalityCode: clientsById.get(id)!, firstName: 'Åsa' } : null,
  },
  providers: { provider: async (_ctx, id) => providers.get(id) ?? null },
  consents: {
    myConsentScopes: async (ctx, clientId) =>
      ctx.principal?.clientId === clientId ? (consentsByMember.get(ctx.principal.sub) ?? []) : [],
  },
};

const f = budgetsFixture({ seed: 'demo', remote });
const { as, q } = f;

const worker = principal('WORKER', {
  sub: DEMO.workerId,
  municipalities: ['837'],
  name: 'Outi Omatyöntekijä',
});
const year = new Date().getFullYear();

async function classId(level: number | null): Promise<string> {
  const [row] = await q<{ id: string }>(
    `SELECT id FROM budgets.hb_class WHERE service_type = 'DAY_ACTIVITIES' AND municipality_code = '837' AND level IS NOT DISTINCT FROM $1`,
    [level],
  );
  return row!.id;
}

function newClient(): string {
  const id = crypto.randomUUID();
  clientsById.set(id, '837');
  return id;
}

async function decide(overrides: Partial<DecideBudgetInput> = {}) {
  const result = await as(worker).budgets.decide(
    {
      clientId: newClient(),
      year,
      serviceType: 'DAY_ACTIVITIES',
      hbClassId: await classId(2),
      weeklyUnits: 2,
      weeks: 48,
      paymentIntervalMonths: 3,
      instrument: 'VOUCHER',
      decision: {
        ordinaryPart: '3 päivää viikossa tavallisessa päivätoiminnassa',
        otherRestrictions: 'Ei ulkomaanmatkoihin',
      },
      ...overrides,
    },
    as(worker).catalog,
  );
  expect(result.errors).toEqual([]);
  return result;
}

/** The PDF's text, as a reader would copy it (no-break spaces as spaces). */
async function pdfText(ctx: BudgetsContext, decisionId: string): Promise<string> {
  const d = (await ctx.budgets.decisions.get(decisionId))!;
  const bytes = Buffer.from(await ctx.budgets.decisions.documentBase64(d), 'base64');
  expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    return (await parser.getText()).text.replace(/\u00a0/g, ' ').replace(/[ \t]+/g, ' ');
  } finally {
    await parser.destroy();
  }
}

const euros = (cents: number) =>
  `${String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')},${String(cents % 100).padStart(2, '0')} €`;

describe('decisions', () => {
  it('deciding, re-assessing and ending each archive a decision whose PDF says what was decided', async () => {
    const first = await decide();
    const budget = first.budget!;
    const d1 = first.decision!;
    expect(d1).toMatchObject({ kind: 'GRANT', version: 1, previousId: null, language: 'fi' });
    expect(d1.content.decider.name).toBe('Outi Omatyöntekijä');
    expect(d1.content.hbClass?.criteria.length).toBeGreaterThan(0);
    const text1 = await pdfText(as(worker), d1.id);
    for (const s of [
      'Päätös henkilökohtaisesta budjetista',
      euros(budget.grantedCents),
      'HB-luokka 2',
      d1.content.hbClass!.criteria[0]!.slice(0, 20),
      'Budjettia ei saa käyttää rikolliseen toimintaan.',
      'Budjettia ei saa käyttää uhkapeleihin.',
      'Ei ulkomaanmatkoihin',
      '3 päivää viikossa tavallisessa päivätoiminnassa',
      'Oikaisuvaatimusohje',
      '30 päivän kuluessa',
      'Sosiaalihuoltolaki',
    ]) {
      expect(text1).toContain(s);
    }

    const second = await decide({
      clientId: budget.clientId,
      hbClassId: await classId(4),
      weeklyUnits: 3,
      decision: { clientFees: 'Ateriamaksu 5,00 € päivältä' },
    });
    const d2 = second.decision!;
    expect(d2).toMatchObject({ kind: 'REASSESSMENT', version: 2, previousId: d1.id });
    const text2 = await pdfText(as(worker), d2.id);
    expect(text2).toContain('uudelleenarviointi');
    expect(text2).toContain(euros(second.budget!.grantedCents));
    expect(text2).toContain('HB-luokka 4');
    expect(text2).toContain('Ateriamaksu 5,00 € päivältä');
    // What the re-assessment did not restate is carried over from the decision it replaces.
    expect(text2).toContain('Ei ulkomaanmatkoihin');
    expect(text2).toContain('Oikaisuvaatimusohje');

    const ctx = as(worker);
    const before = (await ctx.budgets.balance(budget)).remainingCents;
    const ended = await ctx.endings.endBudget(budget.id, {
      endDate: `${year}-01-31`,
      reason: 'Asiakas palaa tavanomaiseen päivätoimintaan omasta toiveestaan.',
    });
    expect(ended.errors).toEqual([]);
    expect(ended.lapsedCents).toBe(before);
    const d3 = ended.decision!;
    expect(d3).toMatchObject({ kind: 'ENDING', version: 3, previousId: d2.id });
    const text3 = await pdfText(as(worker), d3.id);
    expect(text3).toContain('Päätös henkilökohtaisen budjetin päättämisestä');
    expect(text3).toContain(`Käyttämätön osa ${euros(before)} raukeaa`);
    expect(text3).toContain('HB-luokka 4');
    expect(text3).toContain('uhkapeleihin');
    expect(text3).toContain('Oikaisuvaatimusohje');

    const decisions = await as(worker).budgets.decisions.forBudget(budget);
    expect(decisions.map((d) => [d.version, d.kind])).toEqual([
      [1, 'GRANT'],
      [2, 'REASSESSMENT'],
      [3, 'ENDING'],
    ]);
  });

  it('writes the document in Swedish for a Swedish-speaking client', async () => {
    const { budget, decision } = await decide({
      decision: { language: 'SV', otherRestrictions: 'Inte för resor utomlands' },
    });
    expect(decision!.language).toBe('sv');
    const text = await pdfText(as(worker), decision!.id);
    for (const s of [
      'Beslut om personlig budget',
      euros(budget!.grantedCents),
      'HB-klass 2',
      'Budgeten får inte användas för brottslig verksamhet.',
      'hasardspel',
      'Inte för resor utomlands',
      'Anvisning om begäran om omprövning',
      'inom 30 dagar',
    ]) {
      expect(text).toContain(s);
    }
    expect(text).not.toContain('Oikaisuvaatimusohje');
    // The re-assessment keeps the language it was decided in.
    const again = await decide({ clientId: budget!.clientId, weeklyUnits: 3, decision: null });
    expect(again.decision!.language).toBe('sv');
  });

  it('an ended budget lapses its remainder once, cancels its commitments and takes no more decisions', async () => {
    const { budget } = await decide();
    const ctx = as(worker);
    const commitment = await ctx.commitments.issue({
      budgetId: budget!.id,
      providerId: approved,
      amount: '500.00',
      reason: 'Toteutussuunnitelman mukaan',
      discretionaryReason: null,
    });
    expect(commitment.errors).toEqual([]);
    const charge = await as(worker).ledger.recordCharge({
      budgetId: budget!.id,
      providerId: approved,
      amount: '100.00',
      serviceDate: `${year}-01-15`,
      description: 'Ohjaus',
      idempotencyKey: crypto.randomUUID(),
    });
    expect(charge.errors).toEqual([]);
    const unresolved = () =>
      q(`SELECT 1 FROM budgets.budget_alert WHERE budget_id = $1 AND status <> 'RESOLVED'`, [
        budget!.id,
      ]);
    // Nothing spent this late in the year: the budget is alerted (under-use, lapse ahead).
    expect((await unresolved()).length).toBeGreaterThan(0);
    const input = { endDate: `${year}-02-28`, reason: 'Palvelutarve muuttui.' };
    const first = await as(worker).endings.endBudget(budget!.id, input);
    // Its alerts were about using the budget; that is over.
    expect(await unresolved()).toEqual([]);
    expect(first.errors).toEqual([]);
    expect(first.cancelledCommitments).toBe(1);
    const again = await as(worker).endings.endBudget(budget!.id, input);
    expect(again.errors.map((e) => e.code)).toEqual(['ALREADY_ENDED']);
    expect(again.decision).toBeNull();

    const lapses = await q<{ n: number; cents: string }>(
      `SELECT count(*)::int AS n, sum(amount_cents)::text AS cents FROM budgets.ledger_transaction
       WHERE budget_id = $1 AND kind = 'LAPSE'`,
      [budget!.id],
    );
    expect(lapses[0]!.n).toBe(1);
    expect(Number(lapses[0]!.cents)).toBe(first.lapsedCents);
    const [balance] = await q<{ remaining: string; pending: string; lapsed: string }>(
      `SELECT remaining_cents::text AS remaining, pending_cents::text AS pending,
         lapsed_cents::text AS lapsed FROM budgets.budget_balance WHERE budget_id = $1`,
      [budget!.id],
    );
    // The pending charge keeps its money; everything else lapsed.
    expect(balance).toEqual({
      remaining: '0',
      pending: '10000',
      lapsed: String(first.lapsedCents),
    });
    expect(first.lapsedCents).toBe(budget!.grantedCents - 10000);
    const [row] = await q<{ status: string; endDate: string }>(
      `SELECT status, to_char(end_date, 'YYYY-MM-DD') AS "endDate" FROM budgets.budget WHERE id = $1`,
      [budget!.id],
    );
    expect(row).toEqual({ status: 'ENDED', endDate: `${year}-02-28` });
    const [c] = await q<{ status: string }>(
      `SELECT status FROM budgets.payment_commitment WHERE budget_id = $1`,
      [budget!.id],
    );
    expect(c!.status).toBe('CANCELLED');
    expect(
      await q(
        `SELECT 1 FROM budgets.instalment WHERE budget_id = $1 AND paid_transaction_id IS NULL`,
        [budget!.id],
      ),
    ).toEqual([]);

    // The client rejects the pending charge: its money lapses too, not back to an ended budget.
    const rejected = await as(principal('CLIENT', { clientId: budget!.clientId })).ledger.reject(
      charge.transaction!.id,
      'Ei toteutunut',
    );
    expect(rejected.errors).toEqual([]);
    const [after] = await q<{ remaining: string; lapsed: string }>(
      `SELECT remaining_cents::text AS remaining, lapsed_cents::text AS lapsed
       FROM budgets.budget_balance WHERE budget_id = $1`,
      [budget!.id],
    );
    expect(after).toEqual({ remaining: '0', lapsed: String(budget!.grantedCents) });

    const reassess = await as(worker).budgets.decide(
      {
        clientId: budget!.clientId,
        year,
        serviceType: 'DAY_ACTIVITIES',
        hbClassId: await classId(2),
        weeklyUnits: 1,
        weeks: 48,
        paymentIntervalMonths: 3,
        instrument: 'VOUCHER',
      },
      as(worker).catalog,
    );
    expect(reassess.errors.map((e) => e.code)).toEqual(['BUDGET_ENDED']);
  });

  it.each([
    ['a missing reason', { reason: '  ' }, 'input.reason'],
    ['a date that is not one', { endDate: '2026-02-30' }, 'input.endDate'],
    ['another year', { endDate: `${year - 1}-12-31` }, 'input.endDate'],
    ['tomorrow', { endDate: addDays(todayInFinland(), 1) }, 'input.endDate'],
  ])('ending with %s is refused and changes nothing', async (_name, change, field) => {
    const { budget } = await decide();
    const input = { endDate: `${year}-01-31`, reason: 'Syy', ...change };
    const result = await as(worker).endings.endBudget(budget!.id, input);
    expect(result.errors.map((e) => e.field)).toEqual([field]);
    const [row] = await q<{ status: string }>(`SELECT status FROM budgets.budget WHERE id = $1`, [
      budget!.id,
    ]);
    expect(row!.status).not.toBe('ENDED');
    expect(
      await q(`SELECT 1 FROM budgets.decision WHERE budget_id = $1 AND kind = 'ENDING'`, [
        budget!.id,
      ]),
    ).toEqual([]);
  });

  it('the database refuses to change or delete a decision, whoever asks', async () => {
    const { decision } = await decide();
    await expect(
      q(`UPDATE budgets.decision SET decider_name = 'Joku muu' WHERE id = $1`, [decision!.id]),
    ).rejects.toThrow(/cannot be changed or deleted/);
    await expect(q(`DELETE FROM budgets.decision WHERE id = $1`, [decision!.id])).rejects.toThrow(
      /cannot be changed or deleted/,
    );
    // Not even the superuser.
    await expect(
      queryDatabase(f.url, `UPDATE budgets.decision SET content = '{}' WHERE id = $1`, [
        decision!.id,
      ]),
    ).rejects.toThrow(/cannot be changed or deleted/);
    await expect(
      queryDatabase(f.url, `DELETE FROM budgets.decision WHERE id = $1`, [decision!.id]),
    ).rejects.toThrow(/cannot be changed or deleted/);
    const [row] = await q<{ deciderName: string }>(
      `SELECT decider_name AS "deciderName" FROM budgets.decision WHERE id = $1`,
      [decision!.id],
    );
    expect(row!.deciderName).toBe('Outi Omatyöntekijä');
  });

  it('an appeal is filed by the client or a consented team member and decided by her staff', async () => {
    const { budget, decision } = await decide();
    const clientId = budget!.clientId;
    const client = principal('CLIENT', { clientId });
    const filed = await as(client).appeals.file(decision!.id, {
      demand: 'Pyydän luokkaa 3.',
      reasons: 'Tarvitsen ohjausta enemmän kuin luokka 2 antaa.',
    });
    expect(filed.errors).toEqual([]);
    expect(filed.appeal).toMatchObject({ status: 'FILED', inTime: true, filedByRole: 'CLIENT' });

    const member = principal('TEAM_MEMBER', { clientId });
    const refused = await as(member).appeals.file(decision!.id, {
      demand: 'x',
      reasons: 'y',
    });
    expect(refused.errors.map((e) => e.code)).toEqual(['NOT_FOUND']);
    consentsByMember.set(member.sub, ['BUDGET']);
    const byMember = await as(member).appeals.file(decision!.id, {
      demand: 'Tuen määrä',
      reasons: 'Perustelut',
    });
    expect(byMember.errors).toEqual([]);

    const invalid = await as(client).appeals.file(decision!.id, {
      demand: ' ',
      reasons: 'x'.repeat(5001),
    });
    expect(invalid.errors.map((e) => e.field)).toEqual(['input.demand', 'input.reasons']);

    const appealId = filed.appeal!.id;
    const foreignWorker = principal('WORKER', { municipalities: ['536'] });
    expect(
      (await as(foreignWorker).appeals.startHandling(appealId, 'Otan käsittelyyn')).errors.map(
        (e) => e.code,
      ),
    ).toEqual(['NOT_FOUND']);
    const handling = await as(worker).appeals.startHandling(appealId, 'Otan käsittelyyn');
    expect(handling.appeal).toMatchObject({
      status: 'IN_HANDLING',
      handlingNote: 'Otan käsittelyyn',
    });
    const decided = await as(worker).appeals.decide(appealId, {
      outcome: 'PARTLY_UPHELD',
      reasoning: 'Luokka 3 kolmena päivänä viikossa; uusi päätös tehdään.',
    });
    expect(decided.errors).toEqual([]);
    expect(decided.appeal).toMatchObject({
      status: 'DECIDED',
      outcome: 'PARTLY_UPHELD',
      decidedByName: 'Outi Omatyöntekijä',
    });
    const foreign = await as(foreignWorker).appeals.decide(appealId, {
      outcome: 'REJECTED',
      reasoning: 'x',
    });
    expect(foreign.errors.map((e) => e.code)).toEqual(['NOT_FOUND']);
    const twice = await as(worker).appeals.decide(appealId, {
      outcome: 'REJECTED',
      reasoning: 'x',
    });
    expect(twice.errors.map((e) => e.code)).toEqual(['APPEAL_NOT_OPEN']);

    const ctx = as(client);
    const d = (await ctx.budgets.decisions.get(decision!.id))!;
    expect((await ctx.appeals.ofDecision(d)).map((a) => a.status)).toEqual(['DECIDED', 'FILED']);
  });

  it('refuses everyone else, and a foreign decision answers as a random one', async () => {
    const { budget, decision } = await decide();
    const clientId = budget!.clientId;
    const id = decision!.id;
    const random = crypto.randomUUID();
    const others: Array<[string, Principal]> = [
      ['another client', principal('CLIENT', { clientId: crypto.randomUUID() })],
      ['a team member without consent', principal('TEAM_MEMBER', { clientId })],
      ["another client's team member", principal('TEAM_MEMBER', { clientId: DEMO.essiClientId })],
      ['a provider', principal('PROVIDER', { providerId: approved })],
      ['organiser staff', principal('ORGANISER', { municipalities: ['837'] })],
      [
        'a municipal system without scope',
        principal('MUNICIPAL_SYSTEM', { municipalities: ['837'] }),
      ],
      ['a worker of another municipality', principal('WORKER', { municipalities: ['536'] })],
      ['an adviser of another municipality', principal('ADVISER', { municipalities: ['536'] })],
    ];
    for (const [, who] of others) {
      const ctx = as(who);
      expect(await ctx.budgets.decisions.get(id)).toBeNull();
      expect(await ctx.budgets.decisions.get(random)).toBeNull();
      expect(await decisionReferenceResolvers.Decision.__resolveReference({ id }, ctx)).toBeNull();
      const appeal = await ctx.appeals.file(id, { demand: 'x', reasons: 'y' });
      const randomAppeal = await ctx.appeals.file(random, {
        demand: 'x',
        reasons: 'y',
      });
      expect(appeal).toEqual(randomAppeal);
      if (who.role === 'WORKER' || who.role === 'ADVISER') {
        const end = await ctx.endings.endBudget(budget!.id, {
          endDate: `${year}-01-31`,
          reason: 'x',
        });
        const endRandom = await ctx.endings.endBudget(random, {
          endDate: `${year}-01-31`,
          reason: 'x',
        });
        expect(end).toEqual(endRandom);
        expect(end.errors.map((e) => e.code)).toEqual(['NOT_FOUND']);
      } else {
        await expect(
          ctx.endings.endBudget(budget!.id, { endDate: `${year}-01-31`, reason: 'x' }),
        ).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
        await expect(
          ctx.appeals.decide(random, { outcome: 'REJECTED', reasoning: 'x' }),
        ).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
      }
    }
    await expect(as(null).budgets.decisions.get(id)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
    });
    expect(await q(`SELECT 1 FROM budgets.decision_appeal WHERE decision_id = $1`, [id])).toEqual(
      [],
    );
    const [row] = await q<{ status: string }>(`SELECT status FROM budgets.budget WHERE id = $1`, [
      budget!.id,
    ]);
    expect(row!.status).not.toBe('ENDED');

    // Those who may: the client, a consented team member, her staff, a system with the scope.
    const member = principal('TEAM_MEMBER', { clientId });
    consentsByMember.set(member.sub, ['BUDGET']);
    for (const who of [
      principal('CLIENT', { clientId }),
      member,
      principal('ADVISER', { municipalities: ['837'] }),
      principal('MUNICIPAL_SYSTEM', { municipalities: ['837'], scopes: ['budgets:read'] }),
    ]) {
      const ctx = as(who);
      expect((await ctx.budgets.decisions.get(id))?.id).toBe(id);
      await ctx.accessLog.flush();
    }
    const [{ n }] = (await queryDatabase<{ n: number }>(
      f.url,
      `SELECT count(*)::int AS n FROM audit.access_log WHERE client_id = $1 AND subject = 'Decision' AND action = 'READ'`,
      [clientId],
    )) as [{ n: number }];
    expect(n).toBeGreaterThanOrEqual(4);
  });

  it('names the office when the token carries no name, never an id', async () => {
    const unnamed = principal('ADVISER', { municipalities: ['837'] });
    const result = await as(unnamed).budgets.decide(
      {
        clientId: newClient(),
        year,
        serviceType: 'DAY_ACTIVITIES',
        hbClassId: await classId(2),
        weeklyUnits: 1,
        weeks: 10,
        paymentIntervalMonths: 12,
        instrument: 'VOUCHER',
      },
      as(unnamed).catalog,
    );
    expect(result.decision!.deciderName).toBe('HB-neuvoja');
    expect(await pdfText(as(unnamed), result.decision!.id)).not.toContain(unnamed.sub);
  });

  // Last: it closes the year of every budget above.
  it('year end leaves an ended budget ended: nothing lapses twice', async () => {
    const { budget } = await decide();
    const ended = await as(worker).endings.endBudget(budget!.id, {
      endDate: `${year}-01-31`,
      reason: 'Palvelutarve muuttui.',
    });
    expect(ended.errors).toEqual([]);
    const organiser = principal('ORGANISER', { municipalities: ['837'] });
    const yearEnd = extendContext(createStores(f.database.dataSource), {
      remote,
      today: () => `${year}-12-31`,
    })(requestContext(f.database.dataSource, organiser, 'budgets'));
    const closed = await yearEnd.yearEnd.closeYear('837', year);
    expect(closed.errors).toEqual([]);
    const [row] = await q<{ status: string; lapses: number }>(
      `SELECT b.status, (SELECT count(*)::int FROM budgets.ledger_transaction t
         WHERE t.budget_id = b.id AND t.kind = 'LAPSE') AS lapses
       FROM budgets.budget b WHERE b.id = $1`,
      [budget!.id],
    );
    expect(row).toEqual({ status: 'ENDED', lapses: 1 });
  });
});

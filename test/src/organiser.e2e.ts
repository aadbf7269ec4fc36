import crypto from 'node:crypto';
import { DEMO, PIRKANMAA_ORGANISER_ID } from '@hb/kit';
import { type GraphQLResponse, tokens, usePlatform } from './testkit';

/**
 * The wellbeing services county as organiser (issue 18 item 3), through the gateway with real
 * tokens: an organiser token of Pirkanmaan hyvinvointialue names the organiser, not its 23
 * municipalities; it sets a class value once and the value applies in all 23; it approves a
 * provider of Nokia and reads the county-wide report by municipality. A token of another
 * organiser (Kanta-Hämeen hyvinvointialue) can do none of it and learns nothing: its refusals
 * look the same as for something that does not exist.
 */
const platform = usePlatform();
let pirha: string;
let kantaHame: string;
const NOKIA = '536';
const NEXT_YEAR = new Date().getFullYear() + 1;
const YEAR = new Date().getFullYear();

beforeAll(async () => {
  pirha = await platform.token({
    sub: DEMO.organiserId,
    role: 'ORGANISER',
    organiserId: PIRKANMAA_ORGANISER_ID,
  });
  kantaHame = await platform.token({
    sub: crypto.randomUUID(),
    role: 'ORGANISER',
    organiserId: 'kanta-hame',
  });
});

const codes = (res: GraphQLResponse<unknown>) => (res.errors ?? []).map((e) => e.extensions?.code);

/** Every Pirkanmaa municipality's DAY_ACTIVITIES class of `level`, valued for `year`. */
async function dayClassValues(level: number, year: number): Promise<Map<string, string | null>> {
  const fields = DEMO.pirkanmaa
    .map(
      (code) =>
        `m${code}: classes(municipalityCode: "${code}", year: ${year}) { id level unitPrice { amount } }`,
    )
    .join(' ');
  const res = await platform.gql<{
    serviceTypes: Array<
      { code: string } & Record<
        string,
        Array<{ id: string; level: number | null; unitPrice: { amount: string } | null }>
      >
    >;
  }>(`{ serviceTypes { code ${fields} } }`);
  expect(res.errors).toBeUndefined();
  const day = res.data!.serviceTypes.find((t) => t.code === 'DAY_ACTIVITIES')!;
  return new Map(
    DEMO.pirkanmaa.map((code) => [
      code,
      day[`m${code}`]!.find((c) => c.level === level)?.unitPrice?.amount ?? null,
    ]),
  );
}

async function nokiaClassId(level: number): Promise<string> {
  const res = await platform.gql<{
    serviceTypes: Array<{ code: string; classes: Array<{ id: string; level: number | null }> }>;
  }>(`{ serviceTypes { code classes(municipalityCode: "${NOKIA}") { id level } } }`);
  return res
    .data!.serviceTypes.find((t) => t.code === 'DAY_ACTIVITIES')!
    .classes.find((c) => c.level === level)!.id;
}

const SET_PRICE = `mutation($c: ID!, $y: Int, $p: String!) {
  setHbClassPrice(hbClassId: $c, unitPrice: $p, year: $y) { hbClass { id unitPrice { amount } } errors { code } } }`;

describe('the organiser in the graph (contract names)', () => {
  it('serves Query.organisers, Organiser.municipalities and Municipality.organiser', async () => {
    const res = await platform.gql<{
      organisers: Array<{
        id: string;
        name: string;
        kind: string;
        municipalities: Array<{ code: string }>;
      }>;
      municipalities: Array<{ code: string; organiser: { id: string; name: string } | null }>;
    }>(
      `{ organisers { id name kind municipalities { code } } municipalities { code organiser { id name } } }`,
    );
    expect(res.errors).toBeUndefined();
    const pirkanmaa = res.data!.organisers.find((o) => o.id === PIRKANMAA_ORGANISER_ID)!;
    expect(pirkanmaa.name).toBe('Pirkanmaan hyvinvointialue');
    expect(pirkanmaa.kind).toBe('WELLBEING_SERVICES_COUNTY');
    expect(pirkanmaa.municipalities.map((m) => m.code).sort()).toEqual([...DEMO.pirkanmaa].sort());
    expect(res.data!.organisers.map((o) => o.id)).toEqual(
      expect.arrayContaining(['kanta-hame', 'helsinki']),
    );
    const nokia = res.data!.municipalities.find((m) => m.code === NOKIA)!;
    expect(nokia.organiser).toEqual({ id: 'pirkanmaa', name: 'Pirkanmaan hyvinvointialue' });
  });
});

describe('class values are the organiser’s', () => {
  it('are set once by Pirkanmaan hyvinvointialue and apply in all 23 municipalities', async () => {
    const before = await dayClassValues(2, NEXT_YEAR);
    expect(new Set(before.values()).size).toBe(1);
    const classId = await nokiaClassId(2);

    // Another organiser and a token of one municipality only: refused, nothing changes.
    for (const token of [kantaHame, await tokens(platform).organiser(DEMO.tampere)]) {
      const refused = await platform.gql<{ setHbClassPrice: unknown }>(
        SET_PRICE,
        { c: classId, y: NEXT_YEAR, p: '199.90' },
        { token },
      );
      expect(codes(refused)).toEqual(['FORBIDDEN']);
      expect(refused.data?.setHbClassPrice ?? null).toBeNull();
    }
    expect(await dayClassValues(2, NEXT_YEAR)).toEqual(before);

    const set = await platform.gql<{
      setHbClassPrice: { hbClass: { unitPrice: { amount: string } }; errors: unknown[] };
    }>(SET_PRICE, { c: classId, y: NEXT_YEAR, p: '177.70' }, { token: pirha });
    expect(set.errors).toBeUndefined();
    expect(set.data!.setHbClassPrice).toMatchObject({
      errors: [],
      hbClass: { unitPrice: { amount: '177.70' } },
    });
    const after = await dayClassValues(2, NEXT_YEAR);
    expect([...after.keys()].sort()).toEqual([...DEMO.pirkanmaa].sort());
    for (const [code, amount] of after) expect([code, amount]).toEqual([code, '177.70']);
    // This year's value is untouched.
    expect(new Set((await dayClassValues(2, YEAR)).values())).not.toContain('177.70');
  });
});

describe('provider approval is the organiser’s', () => {
  async function applyInNokia(): Promise<string> {
    const weights = [7, 9, 10, 5, 8, 4, 2];
    let businessId = '';
    while (!businessId) {
      const digits = String(crypto.randomInt(1_000_000, 9_999_999));
      const r = [...digits].reduce((sum, d, i) => sum + Number(d) * weights[i]!, 0) % 11;
      if (r !== 1) businessId = `${digits}-${r === 0 ? 0 : 11 - r}`;
    }
    const res = await platform.gql<{ applyAsProvider: { provider: { id: string } | null } }>(
      `mutation($i: ProviderApplicationInput!) { applyAsProvider(input: $i) { provider { id } errors { code message } } }`,
      {
        i: {
          name: `Nokian päivätoiminta ${crypto.randomBytes(3).toString('hex')}`,
          businessId,
          kind: 'COMPANY',
          municipalitiesServed: [NOKIA],
          languages: ['fi'],
        },
      },
    );
    const id = res.data?.applyAsProvider.provider?.id;
    if (!id) throw new Error(`applyAsProvider failed: ${JSON.stringify(res)}`);
    return id;
  }

  const DECIDE = `mutation($p: ID!) { decideProviderApplication(providerId: $p, decision: APPROVED) { provider { id approvalStatus } errors { code } } }`;

  it('Pirkanmaa approves a provider of Nokia; Kanta-Häme cannot and learns nothing', async () => {
    const provider = await applyInNokia();
    const outside = await platform.gql(DECIDE, { p: provider }, { token: kantaHame });
    const unknown = await platform.gql(DECIDE, { p: crypto.randomUUID() }, { token: kantaHame });
    const shape = (res: GraphQLResponse<unknown>) => ({
      data: res.data,
      errors: (res.errors ?? []).map((e) => ({ message: e.message, code: e.extensions?.code })),
    });
    expect(codes(outside).length).toBe(1);
    // The provider outside its area is answered exactly like one that does not exist.
    expect(shape(outside)).toEqual(shape(unknown));

    const approved = await platform.gql<{
      decideProviderApplication: { provider: { approvalStatus: string }; errors: unknown[] };
    }>(DECIDE, { p: provider }, { token: pirha });
    expect(approved.errors).toBeUndefined();
    expect(approved.data!.decideProviderApplication).toMatchObject({
      errors: [],
      provider: { approvalStatus: 'APPROVED' },
    });
  });
});

describe('the organiser’s report', () => {
  const REPORT = `query($y: Int!, $o: ID) { organiserReport(year: $y, organiserId: $o) {
    year organiser { id name } minGroupSize
    totalCost { suppressed clientCount granted { amount } }
    costs { serviceType { code } suppressed clientCount }
    municipalities { municipalityCode totalCost { suppressed clientCount granted { amount } } }
  } }`;

  it('gives Pirkanmaa a county-wide total and the breakdown by its 23 municipalities', async () => {
    const res = await platform.gql<{
      organiserReport: {
        organiser: { id: string; name: string };
        totalCost: { suppressed: boolean; clientCount: number | null };
        municipalities: Array<{
          municipalityCode: string;
          totalCost: { suppressed: boolean; clientCount: number | null };
        }>;
      };
    }>(REPORT, { y: YEAR }, { token: pirha });
    expect(res.errors).toBeUndefined();
    const report = res.data!.organiserReport;
    expect(report.organiser).toEqual({ id: 'pirkanmaa', name: 'Pirkanmaan hyvinvointialue' });
    expect(report.municipalities.map((m) => m.municipalityCode).sort()).toEqual(
      [...DEMO.pirkanmaa].sort(),
    );
    // The demo world's Tampere cohort: the county total is shown and counts at least them.
    const tampere = report.municipalities.find((m) => m.municipalityCode === DEMO.tampere)!;
    expect(tampere.totalCost.suppressed).toBe(false);
    expect(report.totalCost.suppressed).toBe(false);
    expect(report.totalCost.clientCount).toBeGreaterThanOrEqual(tampere.totalCost.clientCount!);
  });

  it('refuses another organiser the Pirkanmaa report, as it refuses an unknown one', async () => {
    const other = await platform.gql(REPORT, { y: YEAR, o: 'pirkanmaa' }, { token: kantaHame });
    const unknown = await platform.gql(REPORT, { y: YEAR, o: 'atlantis' }, { token: kantaHame });
    expect(codes(other)).toEqual(['FORBIDDEN']);
    expect(other.data ?? null).toBeNull();
    expect(JSON.stringify(other.errors)).not.toContain('Pirkanmaan');
    expect(other.errors!.map((e) => e.message)).toEqual(unknown.errors!.map((e) => e.message));
  });

  it('scopes a municipal system token to its organiser', async () => {
    const system = await platform.token({
      sub: `${DEMO.municipalSystemId}-pirha`,
      role: 'MUNICIPAL_SYSTEM',
      organiserId: PIRKANMAA_ORGANISER_ID,
      scopes: ['reports:read'],
    });
    const res = await platform.gql<{ reports: Array<{ municipalityCode: string }> }>(
      `query($y: Int!) { reports(year: $y) { municipalityCode } }`,
      { y: YEAR },
      { token: system },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.reports.map((r) => r.municipalityCode).sort()).toEqual(
      [...DEMO.pirkanmaa].sort(),
    );
  });
});

describe('year end is the organiser’s', () => {
  const CLOSE = `mutation($y: Int!, $o: ID) { closeOrganiserYear(year: $y, organiserId: $o) {
    organiserId closedCount lapsed { amount } municipalities { municipalityCode } errors { code field } } }`;

  it('Kanta-Häme may not close Pirkanmaa’s year; Pirkanmaa is told the year is not over', async () => {
    const other = await platform.gql(CLOSE, { y: YEAR, o: 'pirkanmaa' }, { token: kantaHame });
    expect(codes(other)).toEqual(['FORBIDDEN']);
    expect(other.data ?? null).toBeNull();
    const early = await platform.gql<{
      closeOrganiserYear: { closedCount: number; errors: Array<{ code: string }> };
    }>(CLOSE, { y: YEAR }, { token: pirha });
    expect(early.errors).toBeUndefined();
    expect(early.data!.closeOrganiserYear).toMatchObject({
      closedCount: 0,
      errors: [{ code: 'YEAR_NOT_OVER', field: 'year' }],
    });
  });
});

describe('goal attainment per client group beside its cost', () => {
  type Group = {
    serviceType: { code: string };
    classLevel: number | null;
    individual: boolean;
    suppressed: boolean;
    clientCount: number | null;
  };
  const key = (g: Group) => `${g.serviceType.code}|${g.classLevel}|${g.individual}`;

  it('gives Tampere’s groups their goal attainment under the same suppression', async () => {
    const res = await platform.gql<{
      report: {
        costsByGroup: Group[];
        goalsByGroup: Array<Group & { averageAttainment: number | null }>;
      };
    }>(
      `query($y: Int!) { report(municipalityCode: "837", year: $y) {
        costsByGroup { serviceType { code } classLevel individual suppressed clientCount }
        goalsByGroup { serviceType { code } classLevel individual suppressed clientCount averageAttainment } } }`,
      { y: YEAR },
      { token: pirha },
    );
    expect(res.errors).toBeUndefined();
    const { costsByGroup, goalsByGroup } = res.data!.report;
    expect(goalsByGroup.map(key).sort()).toEqual(costsByGroup.map(key).sort());
    for (const g of goalsByGroup) {
      const cost = costsByGroup.find((c) => key(c) === key(g))!;
      if (cost.suppressed) expect([key(g), g.suppressed]).toEqual([key(g), true]);
      if (g.suppressed) expect([g.clientCount, g.averageAttainment]).toEqual([null, null]);
      else {
        expect(g.clientCount).toBeGreaterThanOrEqual(5);
        if (g.averageAttainment !== null) {
          expect(g.averageAttainment).toBeGreaterThanOrEqual(0);
          expect(g.averageAttainment).toBeLessThanOrEqual(100);
        }
      }
    }
    // The demo cohort makes some group's attainment showable.
    expect(goalsByGroup.some((g) => !g.suppressed && g.averageAttainment !== null)).toBe(true);
  });

  it('never serves the groups’ client lists in the public graph', async () => {
    const res = await platform.gql(
      `query($y: Int!) { report(municipalityCode: "837", year: $y) { groupMembers { clientIds } } }`,
      { y: YEAR },
      { token: pirha },
    );
    expect(res.data ?? null).toBeNull();
    expect(JSON.stringify(res.errors)).toContain('groupMembers');
  });

  it('refuses the groups’ goals to another organiser', async () => {
    const res = await platform.gql(
      `query($y: Int!) { report(municipalityCode: "837", year: $y) { goalsByGroup { clientCount } } }`,
      { y: YEAR },
      { token: kantaHame },
    );
    expect(codes(res)).toContain('FORBIDDEN');
    expect(res.data?.report ?? null).toBeNull();
  });
});

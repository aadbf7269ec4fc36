import type { DataSource } from 'typeorm';
import { DEMO, todayInFinland, type Logger } from '@hb/kit';
import { seedTampereCohortPlans } from './demo-tampere-cohort';

/**
 * The demo plan of `pnpm start`: Essi's accepted implementation plan for the current year,
 * with goals, review dates and the people taking part. Runs only on empty tables.
 *
 * No allocations are seeded: an allocation names a budget of the budgets service, whose id
 * is made when that service seeds and cannot be known here. The practical plan states the
 * intended split in words; an adviser sets the allocations with `setAllocations`, which checks
 * them against the live budget.
 */
export async function seedPlansDemo(db: DataSource, logger: Logger): Promise<void> {
  const [{ count }] = await db.query<[{ count: number }]>(
    `SELECT count(*)::int AS count FROM plans.implementation_plan`,
  );
  if (count > 0) return;
  const year = Number(todayInFinland().slice(0, 4));
  await db.transaction(async (m) => {
    const [plan] = await m.query<[{ id: string }]>(
      `INSERT INTO plans.implementation_plan (client_id, municipality_code, year, version, status,
         support_needs, practical_plan, accepted_at, accepted_by, accepted_by_role, accepted_on_behalf, created_by)
       VALUES ($1::uuid, $2, $3::int, 1, 'ACCEPTED', $4, $5, make_date($3::int, 1, 20)::timestamptz, $7::text, 'CLIENT', false, $6)
       RETURNING id`,
      [
        DEMO.essiClientId,
        DEMO.tampere,
        year,
        'Essi tarvitsee tukea valintojen tekemiseen (tuettu päätöksenteko) ja selkokielistä tietoa ' +
          'palveluvaihtoehdoista. Äiti Marja on mukana tapaamisissa Essin toiveesta.',
        'Päivätoiminnasta kaksi päivää viikossa (48 viikkoa × 2 pv × 160 € = 15 360 €) muutetaan ' +
          'henkilökohtaiseksi budjetiksi. Sillä ostetaan henkilökohtaista ohjausta kotona keskiviikkoisin ' +
          'ja perjantaisin kello 8 alkaen. Muut kolme päivää jatkuvat tavallisessa päivätoiminnassa. ' +
          'HB-neuvoja kirjaa kohdennukset budjettiin, kun päätös on tehty.',
        DEMO.adviserId,
        DEMO.essiClientId,
      ],
    );
    const goals: Array<[string, string, string[]]> = [
      [
        'Essi harjoittelee arjen taitoja kotona ohjauksen tuella ja tekee aamutoimet yhä itsenäisemmin.',
        'Itsenäisesti tehtyjen aamutoimien osuus ohjauspäivinä',
        [`${year}-04-30`, `${year}-10-31`],
      ],
      [
        'Essi osallistuu viikoittain itse valitsemaansa harrastukseen ja tapaa ikäisiään.',
        'Harrastuskerrat kuukaudessa',
        [`${year}-06-15`, `${year}-12-15`],
      ],
      [
        'Essi tutustuu työtoimintaan ja kertoo, haluaako jatkaa sitä ensi vuonna.',
        'Tutustumiskäynnit ja Essin oma arvio',
        [`${year}-11-30`],
      ],
    ];
    for (const [position, [description, indicator, dates]] of goals.entries()) {
      await m.query(
        `INSERT INTO plans.goal (plan_id, lineage_id, position, description, indicator, review_dates)
         VALUES ($1, gen_random_uuid(), $2, $3, $4, $5::date[])`,
        [plan.id, position, description, indicator, dates],
      );
    }
    const participants: Array<[string, string, string]> = [
      ['Essi Esimerkki', 'CLIENT', 'Päättää palveluistaan ja tuottajista, hyväksyy suunnitelman.'],
      [
        'Marja Esimerkki',
        'TEAM_MEMBER',
        'Äiti; tukee Essiä päätöksenteossa ja on mukana tapaamisissa.',
      ],
      [
        'Olli Omatyö',
        'OWN_WORKER',
        'Omatyöntekijä; palvelutarpeen arviointi, päätökset ja seuranta.',
      ],
      [
        'Hanna Neuvonen',
        'HB_ADVISER',
        'HB-neuvoja; suunnitelman laatiminen, palveluiden etsiminen ja budjetin seuranta.',
      ],
    ];
    for (const [position, [name, role, responsibility]] of participants.entries()) {
      await m.query(
        `INSERT INTO plans.participant (plan_id, position, name, role, responsibility) VALUES ($1, $2, $3, $4, $5)`,
        [plan.id, position, name, role, responsibility],
      );
    }
    await seedTampereCohortPlans(m, year, todayInFinland());
  });
  logger.info('seeded demo implementation plan');
}

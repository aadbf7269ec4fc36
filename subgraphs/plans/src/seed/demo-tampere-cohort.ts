import type { EntityManager } from 'typeorm';
import { DEMO, TAMPERE_COHORT } from '@hb/kit';

/**
 * The Tampere cohort's implementation plans (see TAMPERE_COHORT): accepted for the year, two
 * goals each with review dates, and one review of each goal with its attainment, so that the
 * organiser's report shows goal attainment next to cost.
 */
export async function seedTampereCohortPlans(
  m: EntityManager,
  year: number,
  today: string,
): Promise<void> {
  const reviewed = `${year}-06-30` < today ? `${year}-06-30` : today;
  for (const c of TAMPERE_COHORT) {
    const [plan] = await m.query<[{ id: string }]>(
      `INSERT INTO plans.implementation_plan (client_id, municipality_code, year, version, status,
         support_needs, practical_plan, accepted_at, accepted_by, accepted_by_role, accepted_on_behalf, created_by)
       VALUES ($1::uuid, $2, $3::int, 1, 'ACCEPTED', $4, $5, make_date($3::int, 1, 25)::timestamptz, $1::text, 'CLIENT', false, $6)
       RETURNING id`,
      [
        c.id,
        DEMO.tampere,
        year,
        `${c.firstName} tarvitsee tukea arjessa ja osallistumisessa.`,
        c.service.serviceType === 'TRANSPORT'
          ? 'Kuljetuspalvelu henkilökohtaisena budjettina harrastuksiin ja asiointiin.'
          : 'Päivätoiminta ja henkilökohtainen ohjaus henkilökohtaisena budjettina.',
        DEMO.adviserId,
      ],
    );
    const goals: Array<[string, string, number]> = [
      [
        `${c.firstName} osallistuu viikoittain itse valitsemaansa toimintaan.`,
        'Kerrat kuukaudessa',
        c.attainment[0],
      ],
      [
        `${c.firstName} tekee arjen asioita yhä itsenäisemmin.`,
        'Oma ja ohjaajan arvio',
        c.attainment[1],
      ],
    ];
    for (const [position, [description, indicator, attainment]] of goals.entries()) {
      const [goal] = await m.query<[{ id: string }]>(
        `INSERT INTO plans.goal (plan_id, lineage_id, position, description, indicator, review_dates)
         VALUES ($1, gen_random_uuid(), $2, $3, $4, $5::date[]) RETURNING id`,
        [plan.id, position, description, indicator, [`${year}-06-30`, `${year}-12-15`]],
      );
      await m.query(
        `INSERT INTO plans.goal_review (goal_id, reviewed_at, attainment, reviewer) VALUES ($1, $2, $3, $4)`,
        [goal.id, reviewed, attainment, DEMO.adviserId],
      );
    }
  }
}

import {
  Money,
  UserError,
  badInput,
  forbidden,
  isUuid,
  parseAmount,
  requirePrincipal,
  type Principal,
  type RequestContext,
} from '@hb/kit';
import type { BudgetsLoaders } from '../shared/loaders';
import type { BudgetsStores } from '../shared/stores';
import type { ResolvedOptions } from '../shared/options';
import {
  calculateBudget,
  checkYear,
  resolveSchedule,
  type BudgetCalculation,
  type BudgetScheduleInput,
} from '../domain';
import { budgetAccess } from '../budget/budget-access.policy';
import type { HbClassRow } from './catalog.store';

/** The schedule fields shared by `calculateBudget` and `decideBudget`. */
export interface ScheduleFields {
  year: number;
  unitPrice?: string | null;
  monthlyUnits?: number[] | null;
  weeklyUnits?: number | null;
  weeks?: number | null;
  kilometres?: number | null;
}

export type Calculated =
  | {
      ok: true;
      calc: BudgetCalculation;
      schedule: BudgetScheduleInput;
      unitPriceCents: number | null;
    }
  | { ok: false; errors: UserError[] };

/** Service types, HB classes and their values, and the budget calculation. */
export class CatalogService {
  constructor(
    private readonly stores: BudgetsStores,
    private readonly ctx: RequestContext,
    private readonly loaders: BudgetsLoaders,
    private readonly options: ResolvedOptions,
  ) {}

  principal(): Principal {
    return requirePrincipal(this.ctx);
  }

  currentYear(): number {
    return Number(this.options.today().slice(0, 4));
  }

  /** Service types and class values are public reference data (the catalogue shows them). */
  serviceTypes() {
    return this.stores.catalog.serviceTypes();
  }

  classes(serviceType: string, municipalityCode: string, year?: number | null) {
    const y = year ?? this.currentYear();
    if (checkYear(y)) throw badInput('year must be from 2000 to 2100.');
    return this.loaders.classes.load(`${serviceType}|${municipalityCode}|${y}`);
  }

  hbClass(id: string, year: number) {
    return isUuid(id) && !checkYear(year)
      ? this.loaders.hbClass.load(`${id}|${year}`)
      : Promise.resolve(null);
  }

  /** Resolves the schedule against a class and calculates it; errors name `input.*` fields. */
  calculateFor(cls: HbClassRow, fields: ScheduleFields): Calculated {
    let unitPriceCents: number | null = null;
    if (fields.unitPrice !== null && fields.unitPrice !== undefined) {
      const parsed = parseAmount(fields.unitPrice);
      if (!parsed.ok)
        return {
          ok: false,
          errors: [UserError.of('VALIDATION', parsed.message, 'input.unitPrice')],
        };
      if (parsed.cents <= 0) {
        return {
          ok: false,
          errors: [UserError.of('VALIDATION', 'Unit price must be above zero.', 'input.unitPrice')],
        };
      }
      unitPriceCents = parsed.cents;
    }
    const resolved = resolveSchedule(cls, { ...fields, unitPriceCents });
    if (!resolved.ok) {
      return {
        ok: false,
        errors: resolved.errors.map((e) =>
          UserError.of('VALIDATION', e.message, `input.${e.field}`),
        ),
      };
    }
    const calc = calculateBudget(resolved.schedule);
    if (!calc.ok) {
      return {
        ok: false,
        errors: calc.errors.map((e) =>
          UserError.of('VALIDATION', e.message, `input.${fieldOf(e.field)}`),
        ),
      };
    }
    return { ok: true, calc, schedule: resolved.schedule, unitPriceCents: resolved.unitPriceCents };
  }

  /** `calculateBudget`: a pure preview for a signed-in user; nothing is stored. */
  async calculate(
    input: ScheduleFields & {
      serviceType: string;
      municipalityCode: string;
      hbClassId?: string | null;
    },
  ) {
    this.principal();
    if (checkYear(input.year)) throw badInput('year must be from 2000 to 2100.');
    let cls: HbClassRow | null;
    if (input.hbClassId) {
      cls = await this.hbClass(input.hbClassId, input.year);
    } else {
      const all = await this.classes(input.serviceType, input.municipalityCode, input.year);
      cls = all.find((c) => c.individual) ?? null;
    }
    if (
      !cls ||
      cls.serviceTypeCode !== input.serviceType ||
      cls.municipalityCode !== input.municipalityCode
    ) {
      throw badInput('No such HB class for this service type and municipality.');
    }
    const result = this.calculateFor(cls, input);
    if (!result.ok) throw badInput(result.errors.map((e) => `${e.field}: ${e.message}`).join(' '));
    return {
      total: Money.fromCents(result.calc.totalCents),
      months: result.calc.months.map((m) => ({ month: m.month, amount: Money.fromCents(m.cents) })),
      explanation: result.calc.explanation,
    };
  }

  /**
   * Organiser staff set a class's value from a year on: the organiser's value, so setting it
   * through any one municipality's class sets it in all the organiser's municipalities. Budgets
   * keep the unit price they were decided with, so this never changes a decided budget.
   */
  async setPrice(hbClassId: string, year: number | null | undefined, unitPrice: string) {
    const principal = this.principal();
    const y = year ?? this.currentYear();
    if (checkYear(y))
      return {
        hbClass: null,
        errors: [UserError.of('VALIDATION', 'year must be from 2000 to 2100.', 'year')],
      };
    const cls = await this.hbClass(hbClassId, y);
    if (!cls)
      return {
        hbClass: null,
        errors: [UserError.of('NOT_FOUND', 'No such HB class.', 'hbClassId')],
      };
    const allowed = cls.organiserId
      ? budgetAccess.canManageOrganiser(principal, cls.organiserId)
      : budgetAccess.canManageMunicipality(principal, cls.municipalityCode);
    if (!allowed) throw forbidden('Only the organiser’s staff may set its class values.');
    if (cls.individual) {
      return {
        hbClass: null,
        errors: [
          UserError.of(
            'VALIDATION',
            'The individual class has no class value; it is set per decision.',
            'hbClassId',
          ),
        ],
      };
    }
    const parsed = parseAmount(unitPrice);
    if (!parsed.ok || parsed.cents <= 0) {
      const message = parsed.ok ? 'Unit price must be above zero.' : parsed.message;
      return { hbClass: null, errors: [UserError.of('VALIDATION', message, 'unitPrice')] };
    }
    if (cls.organiserId && cls.level !== null) {
      // The organiser's value: one row for the level, valid in every municipality it organises.
      await this.stores.catalog.setOrganiserValue(
        this.stores.db,
        { organiserId: cls.organiserId, serviceTypeCode: cls.serviceTypeCode, level: cls.level },
        y,
        parsed.cents,
        principal.sub,
      );
    } else {
      await this.stores.catalog.setPrice(this.stores.db, cls.id, y, parsed.cents, principal.sub);
    }
    this.loaders.hbClass.clearAll();
    this.loaders.classes.clearAll();
    return { hbClass: await this.hbClass(cls.id, y), errors: [] };
  }
}

/** Domain field names that differ from the API's. */
function fieldOf(domainField: string): string {
  return domainField === 'unitPriceCents' || domainField === 'totalCents'
    ? 'unitPrice'
    : domainField;
}

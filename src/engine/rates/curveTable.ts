/**
 * A curve argument: a `Tenor | Rate` table of zero rates, or of par quotes bootstrapped into zero rates.
 *
 *   Tenor | Rate (or Zero rate, Zero, Yield, Spot)   zero rates as given
 *   Tenor | Par rate (or Swap rate, Par swap rate)   par rates of swaps in the `SOFR` convention (annual fixed
 *                                                    payments, Act/360 with 365.25-day years, swap.ts)
 *   Tenor | Par yield (or Treasury yield)            par yields of bonds paying semiannual coupons (accrual 1/2)
 *
 * Bootstrap (Hull, "Options, Futures, and Other Derivatives", the bootstrap method): pillar by pillar, the zero
 * rate z_i at tenor T_i is the root of  S_i x sum_j alpha_j DF(t_j) = 1 - DF(T_i),  the fixed payments t_j every
 * 1/f years back from T_i, DF from the curve built so far with z_i at T_i (linear in the zero rate between
 * pillars, flat before the first): each par instrument reprices to par on the result. A tenor at or below one
 * period is a single payment: DF(T) = 1 / (1 + S alpha(T)).
 */
import { Matrix } from "../core/cells";
import { numError, valueError } from "../core/errors";
import { brent } from "../core/rootFinding";
import { ColumnSpec, parseTable, whereRow } from "../core/table";
import { Compounding, MAX_RATE, MAX_YEARS, MIN_RATE, ZeroCurve, discount, makeCurve } from "./curve";
import { accrualOfYears, SwapDayCount } from "./swapConventions";

export const CURVE_COLUMNS: readonly ColumnSpec[] = [
  { key: "tenor", header: "Tenor", synonyms: ["Years", "Maturity", "Term", "Time", "T"], type: "number", rule: { min: 0, max: MAX_YEARS } },
  {
    key: "rate",
    header: "Rate",
    synonyms: ["Zero rate", "Zero", "Yield", "Spot rate", "Spot"],
    type: "number",
    optional: true,
    rule: { min: MIN_RATE, max: MAX_RATE },
  },
  {
    key: "par",
    header: "Par rate",
    synonyms: ["Swap rate", "Par swap rate", "Par"],
    type: "number",
    optional: true,
    rule: { min: MIN_RATE, max: MAX_RATE },
  },
  {
    key: "parYield",
    header: "Par yield",
    synonyms: ["Treasury yield", "Treasury par yield"],
    type: "number",
    optional: true,
    rule: { min: MIN_RATE, max: MAX_RATE },
  },
];

export interface ParQuotes {
  tenors: number[];
  rates: number[];
  frequency: number;
  dayCount: SwapDayCount;
}

/** Zero curve on which every par quote reprices to par (see the header). */
export function bootstrapPar(q: ParQuotes, compounding: Compounding = "annual", arg = "curve"): ZeroCurve {
  const tenors: number[] = [];
  const zeros: number[] = [];
  q.tenors.forEach((T, i) => {
    if (!(T > 0)) numError(`${arg} row ${i + 1}: a par quote needs a tenor > 0, got ${T}`, arg);
    const s = q.rates[i];
    const n = Math.max(1, Math.ceil(T * q.frequency - 1e-9));
    const times = Array.from({ length: n }, (_, j) => (j === n - 1 ? T : T - (n - 1 - j) / q.frequency));
    const accruals = times.map((t, j) => accrualOfYears(t - (j === 0 ? 0 : times[j - 1]), q.dayCount));
    const residual = (z: number) => {
      const c = makeCurve([...tenors, T], [...zeros, z], compounding, arg);
      let annuity = 0;
      for (let j = 0; j < n; j++) annuity += accruals[j] * discount(c, times[j]);
      return s * annuity - (1 - discount(c, T));
    };
    const z = brent(residual, MIN_RATE + 1e-9, MAX_RATE - 1e-9, {
      xTol: 1e-15,
      what: `${arg} row ${i + 1}: no zero rate between ${MIN_RATE} and ${MAX_RATE} reprices the par quote ${s} at ${T} years`,
    });
    tenors.push(T);
    zeros.push(z);
  });
  return makeCurve(tenors, zeros, compounding, arg);
}

/** Reads a curve table: zero rates, or par rates / par yields bootstrapped into zero rates. */
export function readCurve(matrix: Matrix, compounding: Compounding = "annual", arg = "curve"): ZeroCurve {
  const t = parseTable<{ tenor: number; rate?: number; par?: number; parYield?: number }>(matrix, { arg, columns: CURVE_COLUMNS });
  const present = (["rate", "par", "parYield"] as const).filter((k) => t.headers[k] !== undefined);
  if (present.length !== 1) {
    valueError(
      present.length === 0
        ? `${arg}: missing column 'Rate' (zero rates), 'Par rate' (swap rates) or 'Par yield' (Treasury par yields)`
        : `${arg}: give one of the columns ${present.map((k) => `'${t.headers[k]}'`).join(" and ")}, not both`,
      arg,
    );
  }
  const key = present[0];
  t.rows.forEach((r, i) => {
    if (r[key] === undefined) valueError(`${whereRow(t, i)}: ${t.headers[key]} is empty`, arg);
    if (i > 0 && !(r.tenor > t.rows[i - 1].tenor)) {
      valueError(
        `${whereRow(t, i)}: tenors must be strictly increasing, but ${r.tenor} follows ${t.rows[i - 1].tenor} (${whereRow(t, i - 1)})`,
        arg,
      );
    }
  });
  const tenors = t.rows.map((r) => r.tenor);
  const rates = t.rows.map((r) => r[key] as number);
  if (key === "rate") return makeCurve(tenors, rates, compounding, arg);
  return key === "par"
    ? bootstrapPar({ tenors, rates, frequency: 1, dayCount: "act/360" }, compounding, arg)
    : bootstrapPar({ tenors, rates, frequency: 2, dayCount: "years" }, compounding, arg);
}

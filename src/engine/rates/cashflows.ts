/**
 * Cash flows (`Time | Amount`, years and base currency) valued on a zero curve.
 *
 *   PV   = sum_i A_i DF(t_i)
 *   PV01 = PV(curve - 1bp) - PV(curve)          (README, Conventions: positive for positive cash flows)
 *
 * A cash flow beyond the curve's last tenor is discounted at the last zero rate (flat extrapolation); one
 * before the first tenor at the first rate. Cash flows need not be sorted; a flow at time 0 has DF = 1.
 */
import { Matrix } from "../core/cells";
import { ColumnSpec, parseTable } from "../core/table";
import { MAX_YEARS, ONE_BP, ZeroCurve, discountAt, zeroRate } from "./curve";

export interface CashFlows {
  times: number[];
  amounts: number[];
}

export const MAX_AMOUNT = 1e15;

export const CASHFLOW_COLUMNS: readonly ColumnSpec[] = [
  {
    key: "time",
    header: "Time",
    synonyms: ["Years", "Tenor", "T", "Year", "Maturity", "Term"],
    type: "number",
    rule: { min: 0, max: MAX_YEARS },
  },
  {
    key: "amount",
    header: "Amount",
    synonyms: ["Cash flow", "Cashflow", "CF", "Payment", "Value", "Flow", "Liability", "Benefit"],
    type: "number",
    rule: { min: -MAX_AMOUNT, max: MAX_AMOUNT },
  },
];

/** Reads a `Time | Amount` table (time in years >= 0, amounts in base currency). */
export function readCashFlows(matrix: Matrix, arg = "cashflows"): CashFlows {
  const t = parseTable<{ time: number; amount: number }>(matrix, { arg, columns: CASHFLOW_COLUMNS });
  return { times: t.rows.map((r) => r.time), amounts: t.rows.map((r) => r.amount) };
}

/** Present value on the curve shifted in parallel by `shift`. */
export function presentValue(cf: CashFlows, curve: ZeroCurve, shift = 0): number {
  let pv = 0;
  for (let i = 0; i < cf.times.length; i++) {
    const t = cf.times[i];
    pv += cf.amounts[i] * discountAt(zeroRate(curve, t) + shift, t, curve.compounding);
  }
  return pv;
}

/** PV01 = PV(curve - 1bp) - PV(curve). */
export function pv01(cf: CashFlows, curve: ZeroCurve): number {
  let sum = 0;
  for (let i = 0; i < cf.times.length; i++) sum += flowPv01(curve, cf.times[i], cf.amounts[i]);
  return sum;
}

/** One cash flow's PV01: A (DF at r - 1bp minus DF at r). */
export function flowPv01(curve: ZeroCurve, t: number, amount: number): number {
  const r = zeroRate(curve, t);
  return amount * (discountAt(r - ONE_BP, t, curve.compounding) - discountAt(r, t, curve.compounding));
}

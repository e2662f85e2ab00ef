/**
 * Plan-level leverage (the function reference in the README, OVERLAY.LEVERAGE definitions).
 *
 *   NAV              = sum of physical market values, Cash included
 *   Physical         = sum of physical market values of the non-cash classes
 *   Synthetic long   = sum of the positive Overlay positions of the non-cash classes
 *   Synthetic short  = sum of the negative Overlay positions of the non-cash classes (a negative number)
 *   Net exposure     = sum over the non-cash classes of physical + synthetic
 *                    = Physical + Synthetic long + Synthetic short
 *   Gross exposure   = sum of |physical| of the non-cash classes + sum of |synthetic| positions
 *   Gross / net leverage = gross / net exposure divided by NAV
 *
 * The Cash row's Overlay is the funding leg of the futures (the cash that backs them), not a position: it is
 * left out of the exposures. So equitising cash adds no net leverage: a plan fully invested through futures
 * (all cash, futures for the whole NAV) has net leverage 1.0.
 *
 * With a book of positions (src/engine/book), the synthetic long and short are summed per position (a long and
 * a short future in one class both count in the gross), and the report adds the book's derivatives exposure
 * as SEC Rule 18f-4 measures it (gross notional, options delta-adjusted, rate derivatives in 10-year bond
 * equivalents: src/engine/book/derive.ts) and its ratio to NAV. Net exposure = the non-cash effective exposure
 * of the plan, so it agrees with OVERLAY.EXPOSURE by construction: sum of effective exposure (Cash included)
 * = NAV + levered + unfunded (src/engine/book/effective.ts).
 *
 * Status compares the net leverage with [min, max] (1e-12 of slack). Trade to range is the exposure (base
 * currency) to add (+) or remove (-) to come back inside: (max - L) x NAV when over, (min - L) x NAV when
 * under, 0 within; with a target, (target - L) x NAV. Equivalently goal x NAV - net exposure.
 */
import { numError } from "../core/errors";
import { Book } from "../book/derive";
import { Plan } from "../portfolio/portfolio";

export type LeverageStatus = "within" | "over" | "under";

export interface LeverageOptions {
  min: number;
  max: number;
  target?: number;
}

export interface LeverageReport {
  nav: number;
  physical: number;
  syntheticLong: number;
  /** Negative (or 0): the short synthetic positions. */
  syntheticShort: number;
  grossExposure: number;
  netExposure: number;
  grossLeverage: number;
  netLeverage: number;
  min: number;
  max: number;
  target?: number;
  status: LeverageStatus;
  /** Exposure to add (+) or remove (-), base currency, to come back inside [min, max] or to reach target. */
  tradeToRange: number;
  /** Synthetic exposure financed from cash (the funding leg). */
  funding: number;
  /** Synthetic exposure declared levered, plus funded exposure with no Cash row to finance it. */
  unfunded: number;
  /** With a book: SEC Rule 18f-4 derivatives exposure (adjusted gross notional), base currency, and / NAV. */
  grossNotional?: number;
  grossNotionalLeverage?: number;
}

export function leverage(plan: Plan, opts: LeverageOptions, book?: Book): LeverageReport {
  const nav = plan.nav;
  let physical = 0;
  let grossPhysical = 0;
  let syntheticLong = 0;
  let syntheticShort = 0;
  for (const c of plan.classes) {
    if (c.isCash) continue;
    physical += c.marketValue;
    grossPhysical += Math.abs(c.marketValue);
  }
  // Per position with a book (a class's typed Overlay where it has no positions), per class without one.
  plan.classes.forEach((c, i) => {
    if (c.isCash) return;
    if (book && book.byClass[i].positions > 0) return;
    if (c.overlay > 0) syntheticLong += c.overlay;
    else syntheticShort += c.overlay;
  });
  if (book) {
    for (const p of book.positions) {
      if (p.exposure > 0) syntheticLong += p.exposure;
      else syntheticShort += p.exposure;
    }
  }
  const netExposure = physical + syntheticLong + syntheticShort;
  const grossExposure = grossPhysical + syntheticLong - syntheticShort;
  const netLeverage = netExposure / nav;
  const grossLeverage = grossExposure / nav;
  const status: LeverageStatus = netLeverage > opts.max + 1e-12 ? "over" : netLeverage < opts.min - 1e-12 ? "under" : "within";
  let goal = netLeverage;
  if (opts.target !== undefined) goal = opts.target;
  else if (status === "over") goal = opts.max;
  else if (status === "under") goal = opts.min;
  // goal x NAV - net exposure (not (goal - L) x NAV: fewer rounding steps, so 0.8 x 100 - 90 is exactly -10).
  const tradeToRange = goal === netLeverage ? 0 : goal * nav - netExposure;
  const report: LeverageReport = {
    nav,
    physical,
    syntheticLong,
    syntheticShort: syntheticShort === 0 ? 0 : syntheticShort,
    grossExposure,
    netExposure,
    grossLeverage,
    netLeverage,
    min: opts.min,
    max: opts.max,
    target: opts.target,
    status,
    tradeToRange,
    funding: plan.funding,
    unfunded: plan.levered + plan.unfunded,
  };
  if (book) {
    report.grossNotional = book.total.adjustedNotional;
    report.grossNotionalLeverage = book.total.adjustedNotional / nav;
  }
  for (const [k, v] of Object.entries(report)) {
    if (typeof v === "number" && !Number.isFinite(v)) numError(`portfolio: ${k} is too large to compute (overflow)`);
  }
  return report;
}

/**
 * The effective plan: Portfolio + Positions -> the plan every other function reads, and the reconciliation.
 *
 *   class synthetic exposure = the sum of its positions' exposure (derive.ts)    (never typed twice: a class
 *                              with positions must leave its Overlay empty)
 *   levered part             = the exposure of its positions marked Levered
 *   Cash synthetic           = -(funded synthetic exposure), the funding leg (portfolio.ts, withFunding)
 *
 * Reconciliation (holds by construction, and is checked by a property test):
 *   sum of effective exposure = NAV + levered + unfunded = NAV x (1 + declared leverage)
 *   net exposure (non-cash effective) = NAV - Cash effective + levered + unfunded
 * "unfunded" is funded exposure with no Cash row to finance it; a funding leg larger than the Cash row's
 * market value is a cash shortfall (the book finances more than the plan holds in cash), also named.
 */
import { Matrix } from "../core/cells";
import { valueError } from "../core/errors";
import { AssetClass, Plan, effective, withFunding } from "../portfolio/portfolio";
import { Book, BookOptions, deriveBook } from "./derive";
import { Position, readPositions } from "./positions";

/** The plan with the book's synthetic exposure per class and the funding leg recomputed. */
export function planWithBook(plan: Plan, book: Book, arg = "positions"): Plan {
  const classes: AssetClass[] = plan.classes.map((c, i) => {
    if (c.isCash) return c;
    const b = book.byClass[i];
    if (b.positions === 0) return c;
    if (c.overlay !== 0) {
      valueError(
        `${c.where}: Overlay is typed and the Positions table holds positions for '${c.name}': leave Overlay empty, the book derives it`,
        arg,
      );
    }
    return { ...c, overlay: b.synthetic, levered: b.levered };
  });
  return withFunding({ ...plan, classes });
}

export interface Reconciliation {
  nav: number;
  /** Sum of effective exposure, Cash included. */
  effective: number;
  /** Synthetic exposure financed from cash. */
  funding: number;
  levered: number;
  unfunded: number;
  /** Funding beyond the Cash row's market value (>= 0). */
  cashShortfall: number;
  /** (effective - NAV) / NAV = (levered + unfunded) / NAV. */
  declaredLeverage: number;
  /** Non-cash effective exposure / NAV: the net leverage of OVERLAY.LEVERAGE. */
  netLeverage: number;
  /** effective - NAV x (1 + declared leverage): 0 up to rounding. */
  difference: number;
}

export function reconcile(plan: Plan): Reconciliation {
  let eff = 0;
  let net = 0;
  for (const c of plan.classes) {
    eff += effective(c);
    if (!c.isCash) net += effective(c);
  }
  const declaredLeverage = (plan.levered + plan.unfunded) / plan.nav;
  const cashMv = plan.cash >= 0 ? plan.classes[plan.cash].marketValue : 0;
  return {
    nav: plan.nav,
    effective: eff,
    funding: plan.funding,
    levered: plan.levered,
    unfunded: plan.unfunded,
    cashShortfall: Math.max(0, plan.funding - cashMv),
    declaredLeverage,
    netLeverage: net / plan.nav,
    difference: eff - plan.nav * (1 + declaredLeverage),
  };
}

/** Portfolio + an optional Positions table -> the effective plan and its book (undefined without positions). */
export function planAndBook(
  plan: Plan,
  positions: Matrix | undefined,
  opts: BookOptions = {},
  arg = "positions",
): { plan: Plan; book?: Book; positions: Position[] } {
  if (positions === undefined) return { plan, positions: [] };
  const rows = readPositions(positions, arg);
  const book = deriveBook(rows, plan, opts, arg);
  return { plan: planWithBook(plan, book, arg), book, positions: rows };
}

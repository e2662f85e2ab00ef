/**
 * Initial margin over the whole book against what can post it (the futures workflows' margin check):
 *
 *   need        = the book's initial margin + the proposal's (Margin x FX per contract traded; a trade that
 *                 reduces a position is counted in full, so the figure errs on the side of more margin)
 *   cash        = the Portfolio's Cash row (physical market value)
 *   collateral  = sum over the Collateral rows eligible for IM that are not cash of Value x (1 - Haircut)
 *                 (what is already posted counts: it backs the book's margin today)
 *   covered     when need <= cash + collateral
 *
 * A Collateral row that is cash (no Factor, no bond terms, 0 days to cash: liquidity.ts's isCashCollateral) is
 * the plan's cash at the FCM or custodian, already in the Cash row, so it is not counted twice. Clearing houses
 * take eligible securities for initial margin at a haircut (CME Clearing's acceptable collateral schedule; the
 * Collateral table's Haircut is that schedule's figure).
 */
import { CollateralHolding } from "../stress/stress";
import { isCashCollateral } from "./liquidity";

export interface MarginCover {
  need: number;
  cash: number;
  /** IM-eligible non-cash collateral after haircuts, base currency. */
  collateral: number;
  /** The assets counted in `collateral`, with what each adds, and the cash rows left to the Cash row. */
  counted: { asset: string; afterHaircut: number }[];
  cashRows: string[];
  covered: boolean;
}

export function marginCover(need: number, cash: number, holdings: readonly CollateralHolding[] = []): MarginCover {
  const counted: MarginCover["counted"] = [];
  const cashRows: string[] = [];
  let collateral = 0;
  for (const h of holdings) {
    if (isCashCollateral(h)) cashRows.push(h.asset);
    else if (h.eligible.im && h.value > 0) {
      const afterHaircut = h.value * (1 - h.haircut);
      counted.push({ asset: h.asset, afterHaircut });
      collateral += afterHaircut;
    }
  }
  return { need, cash, collateral, counted, cashRows, covered: need <= cash + collateral + 1e-6 };
}

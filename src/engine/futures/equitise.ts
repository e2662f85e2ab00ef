/**
 * Cash equitisation: invest idle cash above a buffer through futures.
 *
 *   amount to equitise E = cash - buffer     (negative: sell futures to restore the buffer)
 *   mode "target":      E spread over the non-cash classes pro rata to their targets
 *   mode "underweight": E first fills the gaps between target and effective exposure (pro rata to the
 *                       gaps), and what remains is spread pro rata to targets
 * An illiquid class is equitised through its proxy's futures (its share is executed on the proxy's row);
 * a class with no future and no proxy gets no share. Contracts are rounded to the nearest whole contract,
 * so each class keeps at most half a contract's exposure as its residual.
 * The classic worked example: Hull, Options, Futures, and Other Derivatives, ch. 3 (hedging with index
 * futures, N* = beta x V_A / V_F).
 */
import { numError, valueError } from "../core/errors";
import { Plan, effective } from "../portfolio/portfolio";
import { FutureSpec, Sizing, contractValue, exposureOf, futuresByClass, sizeContracts } from "./futures";

/** The sizing of a given whole number of contracts against the exposure asked for. */
function sizeWith(exposure: number, f: FutureSpec, contracts: number): Sizing {
  const got = exposureOf(contracts, f);
  return { contracts, notional: contracts * contractValue(f), exposure: got, residual: exposure - got };
}

export type EquitiseMode = "target" | "underweight";
export const EQUITISE_MODES: readonly EquitiseMode[] = ["target", "underweight"];

export interface EquitiseOptions {
  /** Cash to equitise, base currency; default: the Cash row's effective exposure. */
  cash?: number;
  /** Cash to keep, base currency; default: Cash target x NAV. */
  buffer?: number;
  mode: EquitiseMode;
  /**
   * Whole contracts per class (index-aligned with plan.classes) to use instead of nearest rounding, for the
   * classes that execute futures (rebalance/optimalRounding.ts); omitted or null: nearest.
   */
  contracts?: readonly (number | null | undefined)[];
}

export interface EquitiseLine {
  assetClass: string;
  /** Exposure to add, base currency (including the shares of illiquid classes it stands in for). */
  exposure: number;
  /** Contract name, "via <proxy>" for an illiquid class, or "" when the class has no future. */
  contract: string;
  contracts: number | null;
  notional: number | null;
  residual: number | null;
}

export interface EquitiseResult {
  amount: number;
  cash: number;
  buffer: number;
  lines: EquitiseLine[];
  total: { exposure: number; notional: number; residual: number };
}

export function equitise(plan: Plan, futures: FutureSpec[], opts: EquitiseOptions): EquitiseResult {
  const cashRow = plan.cash >= 0 ? plan.classes[plan.cash] : undefined;
  if (opts.cash === undefined && !cashRow) valueError("cash: the portfolio has no Cash row, so give the cash to equitise");
  const cash = opts.cash ?? effective(cashRow!);
  const buffer = opts.buffer ?? (cashRow ? cashRow.target * plan.nav : 0);
  const amount = cash - buffer;
  const fut = futuresByClass(plan, futures);

  // Which class executes each class's share: itself (liquid, with a future) or its proxy.
  const executor = plan.classes.map((c, i) => {
    if (c.isCash) return -1;
    if (c.liquid) return fut[i] ? i : -1;
    return c.proxy >= 0 && fut[c.proxy] ? c.proxy : -1;
  });
  const eligible = plan.classes.map((_, i) => executor[i] >= 0);
  const targets = plan.classes.map((c, i) => (eligible[i] ? Math.max(0, c.target) : 0));
  const targetSum = targets.reduce((s, x) => s + x, 0);
  if (amount !== 0 && !(targetSum > 0)) {
    numError("Futures: no non-cash class with a positive target has a future (or a proxy with one) to equitise into");
  }

  const share = new Array<number>(plan.classes.length).fill(0);
  if (opts.mode === "target") {
    plan.classes.forEach((_, i) => (share[i] = (amount * targets[i]) / targetSum));
  } else {
    const dir = amount < 0 ? -1 : 1;
    const gaps = plan.classes.map((c, i) => (eligible[i] ? Math.max(0, dir * (c.target * plan.nav - effective(c))) : 0));
    const gapSum = gaps.reduce((s, x) => s + x, 0);
    const need = Math.abs(amount);
    if (gapSum >= need && gapSum > 0) {
      gaps.forEach((g, i) => (share[i] = (dir * need * g) / gapSum));
    } else {
      const rest = need - gapSum;
      gaps.forEach((g, i) => (share[i] = dir * (g + (rest * targets[i]) / targetSum)));
    }
  }

  const executed = new Array<number>(plan.classes.length).fill(0);
  share.forEach((s, i) => {
    if (executor[i] >= 0) executed[executor[i]] += s;
  });

  const lines: EquitiseLine[] = [];
  const total = { exposure: 0, notional: 0, residual: 0 };
  plan.classes.forEach((c, i) => {
    if (c.isCash) return;
    if (executor[i] >= 0 && executor[i] !== i) {
      lines.push({
        assetClass: c.name,
        exposure: 0,
        contract: `via ${plan.classes[executor[i]].name}`,
        contracts: null,
        notional: null,
        residual: null,
      });
      return;
    }
    const f = fut[i];
    if (!f || executor[i] < 0) {
      lines.push({ assetClass: c.name, exposure: 0, contract: "", contracts: null, notional: null, residual: null });
      return;
    }
    const fixed = opts.contracts?.[i];
    const s = fixed === null || fixed === undefined ? sizeContracts(executed[i], f, "nearest") : sizeWith(executed[i], f, fixed);
    lines.push({
      assetClass: c.name,
      exposure: executed[i],
      contract: f.contract,
      contracts: s.contracts,
      notional: s.notional,
      residual: s.residual,
    });
    total.exposure += executed[i];
    total.notional += s.notional;
    total.residual += s.residual;
  });
  return { amount, cash, buffer, lines, total };
}

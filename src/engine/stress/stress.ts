/**
 * One stress scenario end to end: the book fully revalued (revalue.ts), its margin calls per account, the
 * collateral revalued under the same scenario with stressed haircuts, and the ladder that meets the calls
 * (collateral.ts).
 *
 *   Need      = cash VM + CSA VM + IM top-up (collateral.ts)
 *   Available = free collateral after stressed prices and haircuts, every asset (whatever its use or delay)
 *   Coverage  = Available / Need;  "covered" by T+d when the ladder's shortfall at T+d is 0
 */
import { CollateralAsset, LADDER_DAYS, LadderStep, Needs, StressedAsset, ladder, stressCollateral } from "./collateral";
import { BookLoss, FactorSpace, Instrument, PreparedBook, StressScenario, bookLoss, unitValue, zeroShocks } from "./revalue";

/** A collateral asset and how its price moves: a bond or index model (undefined: cash), in a foreign currency or not. */
export interface CollateralHolding extends CollateralAsset {
  model?: Instrument;
  /** fx factor of its currency, -1 for the base currency. */
  fx: number;
}

/** The tier of a cash top-up: drawn before every tier a table may give (tiers are >= -1e6). */
const TOP_UP_TIER = -1e7;

export interface PreparedCollateral {
  holdings: readonly CollateralHolding[];
  base: Float64Array;
}

export function prepareCollateral(space: FactorSpace, holdings: readonly CollateralHolding[]): PreparedCollateral {
  const zero = zeroShocks(space);
  return { holdings, base: Float64Array.from(holdings.map((h) => (h.model ? unitValue(h.model, space, zero) : 1))) };
}

/** V(shocked)/V(today) of every holding (its currency's move included). */
export function collateralRatios(space: FactorSpace, c: PreparedCollateral, s: ArrayLike<number>): Float64Array {
  return Float64Array.from(c.holdings, (h, i) => {
    const px = h.model ? unitValue(h.model, space, s) / c.base[i] : 1;
    return px * (h.fx >= 0 ? 1 + s[space.factors[h.fx].offset] : 1);
  });
}

export interface ScenarioOutcome {
  scenario: string;
  loss: BookLoss;
  needs: Needs;
  need: number;
  /** Posted initial margin after the stress. */
  postedIm: number;
  available: number;
  coverage?: number;
  ladder: LadderStep[];
  /** The first ladder day with no shortfall; undefined when short at the last. */
  coveredBy?: number;
  lastTier?: number;
  collateral: StressedAsset[];
}

export interface StressOptions {
  scaleRates?: number;
  /** Shocks already paid at scale 1 (the rate positions are scaled on the move beyond them). */
  from?: ArrayLike<number>;
  /** Cash added to the collateral (a top-up), tier 1, eligible for every use. */
  topUp?: number;
  days?: readonly number[];
  withLinear?: boolean;
}

export function runScenario(book: PreparedBook, coll: PreparedCollateral, sc: StressScenario, o: StressOptions = {}): ScenarioOutcome {
  const loss = bookLoss(book, sc, o.scaleRates ?? 1, o.from, o.withLinear ?? true);
  const ratios = collateralRatios(book.space, coll, sc.shocks);
  const stressed = stressCollateral(coll.holdings, ratios, sc.haircutMultiplier);
  if (o.topUp && o.topUp > 0) {
    stressed.unshift({
      asset: "Top-up",
      tier: TOP_UP_TIER,
      daysToCash: 0,
      eligible: { cashVm: true, csaVm: true, im: true },
      free: o.topUp,
      posted: 0,
    });
  }
  const postedIm = stressed.reduce((s, a) => s + a.posted, 0);
  const needs: Needs = {
    cashVm: Math.max(0, loss.cashVm),
    csaVm: Math.max(0, loss.csaVm),
    imTopUp: Math.max(0, loss.initialMargin - postedIm),
  };
  const need = needs.cashVm + needs.csaVm + needs.imTopUp;
  const available = stressed.reduce((s, a) => s + a.free, 0);
  const steps = ladder(stressed, needs, o.days ?? LADDER_DAYS);
  const hit = steps.find((st) => st.shortfall <= 1e-9 * Math.max(1, need));
  const cov = need > 0 ? available / need : undefined;
  return {
    scenario: sc.name,
    loss,
    needs,
    need,
    postedIm,
    available,
    coverage: cov !== undefined && Number.isFinite(cov) ? cov : undefined,
    ladder: steps,
    coveredBy: hit?.day,
    lastTier: steps[steps.length - 1].lastTier,
    collateral: stressed,
  };
}

/** Spare collateral minus shortfall at the ladder's last day: > 0 covered, < 0 short, 0 exactly exhausted. */
export function surplusOf(o: ScenarioOutcome): number {
  const last = o.ladder[o.ladder.length - 1];
  return last.spare - last.shortfall;
}

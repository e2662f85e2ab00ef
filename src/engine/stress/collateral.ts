/**
 * Collateral as clearing houses and CSAs treat it: each asset is eligible for some uses, part of it may already
 * be posted as initial margin, it takes some days to turn into cash, and it is revalued under the scenario with
 * its haircut stressed.
 *
 *   uses: cash VM (futures and listed options: variation margin is paid in cash, CME Rule 930 / ICE Clear
 *         Europe's rules), CSA VM (OTC: cash or the securities the CSA lists, ISDA 2016 VM CSA), IM (the
 *         clearing house's or the CSA's eligible assets)
 *   stressed value  V1 = Value x (V(shocked) / V(today))   (bonds from their cash flows, equities by their return)
 *   stressed haircut h1 = min(1, Haircut x the scenario's haircut multiplier)
 *   posted IM after stress  = Posted x V1 / Value x (1 - h1);  free = (Value - Posted) x V1 / Value x (1 - h1)
 *   needs: cash VM = max(0, sum of cash-channel losses), CSA VM = max(0, sum of CSA-channel losses) (netted
 *          within a margin account, never across), IM top-up = max(0, stressed IM - posted IM after stress)
 *
 * Ladder at T+d (d = 0, 1, 3, 5 business days): an asset serves a use from T+0 when it is eligible for it, and
 * any use from T+(days to cash) once sold (its proceeds are cash; the stressed haircut stands for the fire-sale
 * discount). The needs are met in the order cash VM, CSA VM, IM (the most restrictive first), each drawing on
 * the usable assets by tier, then by fewest other uses. Shortfall(T+d) = needs - what is met; the replenishment
 * path is what the ladder raises by each day.
 */
export const LADDER_DAYS = [0, 1, 3, 5] as const;

export interface Eligibility {
  cashVm: boolean;
  csaVm: boolean;
  im: boolean;
}

export interface CollateralAsset {
  asset: string;
  /** Market value today, base currency. */
  value: number;
  haircut: number;
  tier: number;
  daysToCash: number;
  eligible: Eligibility;
  /** Part of Value already posted as initial margin. */
  posted: number;
}

export interface Needs {
  cashVm: number;
  csaVm: number;
  imTopUp: number;
}

export interface StressedAsset {
  asset: string;
  tier: number;
  daysToCash: number;
  eligible: Eligibility;
  /** Free collateral after the stressed price and haircut. */
  free: number;
  /** Posted initial margin after the stressed price and haircut. */
  posted: number;
}

/** Revalue the collateral: `ratio[i]` = V(shocked)/V(today) of asset i. */
export function stressCollateral(assets: readonly CollateralAsset[], ratio: ArrayLike<number>, haircutMultiplier: number): StressedAsset[] {
  return assets.map((a, i) => {
    const h = Math.min(1, a.haircut * haircutMultiplier);
    const keep = Math.max(0, ratio[i]) * (1 - h);
    return {
      asset: a.asset,
      tier: a.tier,
      daysToCash: a.daysToCash,
      eligible: a.eligible,
      free: (a.value - a.posted) * keep,
      posted: a.posted * keep,
    };
  });
}

export interface LadderStep {
  day: number;
  /** What is met of each need by T+day (cumulative). */
  cashVm: number;
  csaVm: number;
  im: number;
  shortfall: number;
  /** Free collateral left unused at T+day (after the needs met). */
  spare: number;
  /** The highest tier drawn on by T+day, undefined when nothing is drawn. */
  lastTier?: number;
}

const USES: (keyof Eligibility)[] = ["cashVm", "csaVm", "im"];

/** The ladder of one scenario: the needs met day by day from the stressed collateral. */
export function ladder(assets: readonly StressedAsset[], needs: Needs, days: readonly number[] = LADDER_DAYS): LadderStep[] {
  const order = assets
    .map((a, i) => ({ a, i, uses: USES.filter((u) => a.eligible[u]).length }))
    .sort((x, y) => x.a.tier - y.a.tier || x.uses - y.uses || x.i - y.i);
  const want: Record<keyof Eligibility, number> = { cashVm: needs.cashVm, csaVm: needs.csaVm, im: needs.imTopUp };
  return days.map((day) => {
    const left = order.map((o) => Math.max(0, o.a.free));
    const met: Record<keyof Eligibility, number> = { cashVm: 0, csaVm: 0, im: 0 };
    let lastTier: number | undefined;
    for (const u of USES) {
      let need = want[u];
      for (let k = 0; k < order.length && need > 0; k++) {
        const a = order[k].a;
        if (!(a.eligible[u] || a.daysToCash <= day) || left[k] <= 0) continue;
        const take = Math.min(left[k], need);
        left[k] -= take;
        need -= take;
        met[u] += take;
        lastTier = lastTier === undefined ? a.tier : Math.max(lastTier, a.tier);
      }
    }
    const shortfall = USES.reduce((s, u) => s + Math.max(0, want[u] - met[u]), 0);
    return { day, cashVm: met.cashVm, csaVm: met.csaVm, im: met.im, shortfall, spare: left.reduce((s, x) => s + x, 0), lastTier };
  });
}

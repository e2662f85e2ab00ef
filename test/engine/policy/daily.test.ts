/**
 * The tactical layer and the daily proposal, hand-worked on plan A (test/helpers/plans.ts), and the tilt's life:
 * put on, kept by the next day's proposal, unwound at expiry or at its stop loss.
 */
import { readFutures } from "../../../src/engine/futures/futures";
import { dailyProposal } from "../../../src/engine/policy/daily";
import { readTiltBook, tiltedTargets } from "../../../src/engine/policy/tilts";
import { readPortfolio } from "../../../src/engine/portfolio/portfolio";
import { expectEngineError } from "../../helpers/engineErrors";
import { FUTURES_A, M } from "../../helpers/plans";

// NAV 1,000m, everything at target: Equity 0.50 [0.45, 0.55], Bonds 0.35 [0.30, 0.40], Commodities 0.05, Cash 0.10.
const AT_TARGET = [
  ["Asset class", "Market value", "Target", "Min", "Max", "Overlay"],
  ["Equity", 500 * M, 0.5, 0.45, 0.55, ""],
  ["Bonds", 350 * M, 0.35, 0.3, 0.4, ""],
  ["Commodities", 50 * M, 0.05, 0.03, 0.07, ""],
  ["Cash", 100 * M, 0.1, 0.05, 0.15, ""],
];
const TILTS = [
  ["Id", "Asset class", "Tilt", "Start", "Expiry", "Stop loss", "P&L"],
  ["Risk on", "Equity", 0.03, 46000, 46090, 5 * M, ""],
  ["Risk on", "Bonds", -0.03, "", "", "", ""],
];

function day(portfolio: unknown[][], asOf: number, tilts: unknown[][] = TILTS) {
  const plan = readPortfolio(portfolio as never);
  const fut = readFutures(FUTURES_A as never, plan);
  return dailyProposal(plan, fut, readTiltBook(tilts as never, plan), { asOf, rule: "edge", trigger: "bands" });
}

/** The next day's Portfolio: the proposal's contracts as Overlay (their exposure), the funding leg derived. */
function after(portfolio: unknown[][], r: ReturnType<typeof day>): unknown[][] {
  return portfolio.map((row, i) => {
    if (i === 0 || row[0] === "Cash") return row;
    const l = r.lines.find((x) => x.assetClass === row[0])!;
    const prior = typeof row[5] === "number" ? row[5] : 0;
    return [...row.slice(0, 5), prior + (l.postWeight - l.weight) * r.nav];
  });
}

describe("the tactical layer", () => {
  test("statuses on a date: pending, active, expired, stopped", () => {
    const plan = readPortfolio(AT_TARGET);
    const legs = readTiltBook(TILTS, plan);
    expect(tiltedTargets(plan, legs, 45999).tilts[0].status).toBe("pending");
    const on = tiltedTargets(plan, legs, 46000);
    expect(on.tilts[0].status).toBe("active");
    expect(on.targets.slice(0, 2).map((t) => Math.round(t * 1e12) / 1e12)).toEqual([0.53, 0.32]);
    expect(tiltedTargets(plan, legs, 46090).tilts[0]).toMatchObject({ status: "expired", reason: "expired on 46090" });
    const stopped = readTiltBook([TILTS[0], [...TILTS[1].slice(0, 6), -5.2 * M], TILTS[2]], plan);
    expect(tiltedTargets(plan, stopped, 46010).tilts[0]).toMatchObject({
      status: "stopped",
      reason: "stop loss: P&L -5200000 <= -5000000",
    });
  });

  test("tilts are scaled so every tilted target stays inside its range: +8% equity scales to 5/8", () => {
    const plan = readPortfolio(AT_TARGET);
    const big = readTiltBook(
      [
        ["Id", "Asset class", "Tilt"],
        ["X", "Equity", 0.08],
        ["X", "Cash", -0.08],
      ],
      plan,
    );
    const t = tiltedTargets(plan, big, 46000);
    // Equity 0.50 + 0.08 s <= 0.55 -> s = 0.625; Cash 0.10 - 0.08 s >= 0.05 -> s = 0.625 too
    expect(t.scale).toBeCloseTo(0.625, 12);
    expect(t.targets[0]).toBeCloseTo(0.55, 12);
  });

  test("active tilts must net to zero", () => {
    const plan = readPortfolio(AT_TARGET);
    expectEngineError(
      () =>
        tiltedTargets(
          plan,
          readTiltBook(
            [
              ["Id", "Asset class", "Tilt"],
              ["X", "Equity", 0.02],
            ],
            plan,
          ),
          1,
        ),
      "value",
      /must net to zero.*0\.02/,
    );
  });
});

describe("the daily proposal keeps the tilt until its expiry", () => {
  test("day 1 puts the tilt on: +30m Equity = 120 ES, -30m Bonds = -273 TY (30m / 110,000 = 272.7)", () => {
    const r = day(AT_TARGET, 46000);
    const by = Object.fromEntries(r.lines.map((l) => [l.assetClass, l]));
    expect(by.Equity.contracts).toBe(120);
    expect(by.Bonds.contracts).toBe(-273);
    expect(by.Commodities.contracts).toBe(0);
    expect(by.Equity.target).toBeCloseTo(0.53, 12);
    expect(Math.abs(r.lines.reduce((s, l) => s + l.trade, 0))).toBeLessThan(1e-6);
    // re-verified from the contracts: Equity 0.50 + 120 x 250,000 / 1,000m = 0.53
    expect(by.Equity.postWeight).toBeCloseTo(0.5 + (120 * 250_000) / (1000 * M), 12);
  });

  test("day 2 (the tilt held in the book) proposes nothing: the rebalance does not undo the tilt", () => {
    const r1 = day(AT_TARGET, 46000);
    const r2 = day(after(AT_TARGET, r1), 46001);
    for (const l of r2.lines) if (l.contracts !== null) expect(l.contracts).toBe(0);
  });

  test("at expiry the tilt unwinds: -120 ES, +273 TY", () => {
    const r1 = day(AT_TARGET, 46000);
    const r3 = day(after(AT_TARGET, r1), 46090);
    const by = Object.fromEntries(r3.lines.map((l) => [l.assetClass, l]));
    expect(r3.tilts[0].status).toBe("expired");
    expect(by.Equity.contracts).toBe(-120);
    expect(by.Bonds.contracts).toBe(273);
  });

  test("new cash is equitised pro rata to the tilted targets; a minimum trade size drops the small trades", () => {
    // +100m of cash, NAV 1,100m, buffer 10% = 110m: 90m to invest over 0.53 / 0.32 / 0.05 of 0.90.
    const plan = readPortfolio(AT_TARGET);
    const fut = readFutures(FUTURES_A, plan);
    const legs = readTiltBook(TILTS, plan);
    const r = dailyProposal(plan, fut, legs, { asOf: 46000, rule: "edge", trigger: "bands", newCash: 100 * M, minContracts: 60 });
    const by = Object.fromEntries(r.lines.map((l) => [l.assetClass, l]));
    expect(r.nav).toBe(1100 * M);
    // Equity: 90 x 0.53 / 0.90 = 53m equitised, then to its tilted 53% of 1,100m = 583m: +30m more; 83m = 332 ES
    expect(by.Equity.equitise).toBeCloseTo(53 * M, 4);
    expect(by.Equity.rebalance).toBeCloseTo(30 * M, 4);
    expect(by.Equity.contracts).toBe(332);
    // Bonds: +32m equitised, -30m to its tilted 32% (382m -> 352m): net +2m = 18 TY, under the minimum of 60;
    // Commodities: 90 x 0.05 / 0.90 = 5m = 50 BCOM, under it too. Both stay in cash.
    expect(r.dropped).toEqual([
      { assetClass: "Bonds", contract: "TY", contracts: 18, notional: 1_980_000 },
      { assetClass: "Commodities", contract: "BCOM", contracts: 50, notional: 5_000_000 },
    ]);
    expect(by.Commodities.contracts).toBe(0);
    expect(r.notes.join(" ")).toMatch(/Under the minimum trade size, not traded: Bonds 18, Commodities 50/);
    // Cash: 200m - 332 x 250,000 = 117m = 10.636% of 1,100m
    expect(by.Cash.postWeight).toBeCloseTo(117 / 1100, 12);
    // every class inside its range after the proposal
    for (const l of r.lines) expect(l.postStatus).toBe("within");
  });
});

describe("a tilt staged in tranches is re-scaled against the ranges on the day each tranche trades", () => {
  // +4% Equity / -4% Bonds in 4 equal weekly tranches from 46000; Equity's max is 52.5%.
  const plan = readPortfolio(AT_TARGET.map((r, i) => (i === 1 ? [r[0], r[1], r[2], r[3], 0.525, r[5]] : r)));
  const legs = readTiltBook(
    [
      ["Id", "Asset class", "Tilt", "Start", "Expiry", "Tranches", "Interval"],
      ["Staged", "Equity", 0.04, 46000, 46200, 4, 7],
      ["Staged", "Bonds", -0.04, "", "", "", ""],
    ],
    plan,
  );
  test("1% on the first day, 2% a week later; on the third tranche's day 3% is scaled to the 2.5% that fits", () => {
    const t1 = tiltedTargets(plan, legs, 46000);
    expect(t1.tilt[0]).toBeCloseTo(0.01, 12);
    expect(t1.tilts[0].reason).toBe("tranche 1 of 4, until 46200");
    expect(tiltedTargets(plan, legs, 46007).tilt[0]).toBeCloseTo(0.02, 12);
    // 46014: 3% requested; Equity 0.50 + 0.03 s <= 0.525 -> s = 5/6: 2.5%, and Bonds -2.5%
    const t3 = tiltedTargets(plan, legs, 46014);
    expect(t3.scale).toBeCloseTo(5 / 6, 12);
    expect(t3.tilt[0]).toBeCloseTo(0.025, 12);
    expect(t3.tilt[1]).toBeCloseTo(-0.025, 12);
  });
  test("a staged tilt needs a Start", () => {
    expectEngineError(
      () =>
        readTiltBook(
          [
            ["Id", "Asset class", "Tilt", "Tranches"],
            ["X", "Equity", 0.01, 3],
            ["X", "Bonds", -0.01, ""],
          ],
          plan,
        ),
      "value",
      /a tilt in tranches needs a Start/,
    );
  });
});

describe("the plan's net leverage bounds (issue 14): kept within the ranges, or the proposal says why not", () => {
  // AT_TARGET: net leverage 0.90 (Cash 10% of 1,000m). ES 250k, TY 110k, BCOM 100k a contract.
  const plan = readPortfolio(AT_TARGET);
  const fut = readFutures(FUTURES_A, plan);
  const run = (bounds: { minLeverage?: number; maxLeverage?: number }) =>
    dailyProposal(plan, fut, [], { asOf: 46000, rule: "edge", trigger: "bands", ...bounds });
  const contracts = (r: ReturnType<typeof run>) => Object.fromEntries(r.lines.map((l) => [l.assetClass, l.contracts]));
  const netOf = (k: Record<string, number | null>) => 0.9 + (k.Equity! * 250_000 + k.Bonds! * 110_000 + k.Commodities! * 100_000) / 1e9;

  it("a floor of 0.93: 30m added pro rata to the targets in whole contracts, the last gap by the smallest contract", () => {
    // By hand: 30m x 0.5/0.9 = 16.67m = 66.7 ES -> 66; 30m x 0.35/0.9 = 11.67m = 106.1 TY -> 106; 1.67m = 16.7 BCOM -> 16:
    // 29.76m, 0.24m short. Whole contracts that fit the gap: 0 ES (0.25m), 2 TY (0.22m), 0 BCOM; 0.02m short, so one
    // more of the smallest contract, BCOM (0.1m): 30.08m, net leverage 0.93008.
    const r = run({ minLeverage: 0.93, maxLeverage: 1.1 });
    expect(contracts(r)).toEqual({ Equity: 66, Bonds: 108, Commodities: 17, Cash: null });
    expect(netOf(contracts(r) as never)).toBeCloseTo(0.93008, 10);
    expect(r.leverage).toEqual({
      before: 0.9,
      after: expect.closeTo(0.93008, 10),
      min: 0.93,
      max: 1.1,
      status: "within",
      reason: undefined,
    });
    expect(r.notes).toContain(
      "Net leverage 0.9000 after the trades, under its floor of 0.93: Equity +66, Bonds +108, Commodities +17 contracts to bring it back",
    );
    expect(r.lines.find((l) => l.assetClass === "Cash")!.postWeight).toBeCloseTo(0.06992, 10);
  });
  it("a floor of 1.0 cannot be met: Cash may fall only to its 5% min; the reason names it", () => {
    // 50m of Cash room: 27.78m = 111 ES, 19.44m = 176 TY, 2.78m = 27 BCOM (49.81m), then 1 TY fits the 190k left (80k).
    const r = run({ minLeverage: 1 });
    expect(contracts(r)).toEqual({ Equity: 111, Bonds: 177, Commodities: 27, Cash: null });
    expect(r.leverage.status).toBe("under");
    expect(r.leverage.after).toBeCloseTo(0.94992, 10);
    expect(r.leverage.reason).toBe(
      "Net leverage cannot be brought up to its floor of 1 inside the ranges: 0.9499 after the trades " +
        "(needs 0.1000 of NAV; Cash at 10.00% has 0.0500 of NAV of room above its min (5.00%))",
    );
    r.lines.forEach((l) => expect(l.postStatus).toBe("within"));
  });
  it("a cap of 0.85: exposure removed, Cash up to its 15% max at most", () => {
    const r = run({ maxLeverage: 0.85 });
    expect(contracts(r)).toEqual({ Equity: -111, Bonds: -177, Commodities: -27, Cash: null });
    expect(r.leverage.status).toBe("over");
    expect(r.leverage.after).toBeCloseTo(0.85008, 10);
    expect(r.leverage.reason).toMatch(/Cash at 10.00% has 0.0500 of NAV of room below its max \(15.00%\)/);
  });
  it("inside its bounds nothing moves; no bounds, no step", () => {
    expect(run({ minLeverage: 0.85, maxLeverage: 0.95 }).lines.every((l) => !l.contracts)).toBe(true);
    expect(run({}).leverage.status).toBe("unbounded");
    expectEngineError(() => run({ minLeverage: 1.1, maxLeverage: 1 }), "value", /minLeverage \(1.1\) is above maxLeverage \(1\)/);
  });
});

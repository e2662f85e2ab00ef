/**
 * The buffer by root-finding on the full revaluation, the ladder, and the resilience figure, each re-verified
 * independently: the exhausting move leaves coverage 1; a linear book gives the closed form (Available - IM) / DV01
 * (TPR's April 2023 worked example: operational 100bp + market stress 250bp = 350bp); the maximum hedge, rebuilt as
 * a new book of scaled quantities, has exactly the required buffer; the ladder meets or reports every call.
 */
import fc from "fast-check";
import { exhaustingMove, surplusAt, uniformMove } from "../../../src/engine/stress/buffer";
import { CollateralAsset, ladder, stressCollateral } from "../../../src/engine/stress/collateral";
import { resilience } from "../../../src/engine/stress/resilience";
import { Instrument, StressPosition, bondFlows, factorSpace, prepareBook } from "../../../src/engine/stress/revalue";
import { CollateralHolding, prepareCollateral, runScenario } from "../../../src/engine/stress/stress";

const SPACE = factorSpace([
  { name: "Rates", kind: "rate" },
  { name: "Equity", kind: "return" },
]);
const ALL = { cashVm: true, csaVm: true, im: true };
const cash = (value: number, tier = 1): CollateralHolding => ({
  asset: `Cash ${tier}`,
  value,
  haircut: 0,
  tier,
  daysToCash: 0,
  eligible: ALL,
  posted: 0,
  fx: -1,
});

describe("a linear book: the buffer is the closed form", () => {
  // 800 T-Bond futures with CME's DV01 of 137.54 each: 110,032 per bp; IM 800 x 4,000 = 3.2m. Collateral 41,711,200
  // after haircuts: (41,711,200 - 3,200,000) / 110,032 = 350 bp, TPR's 250bp market + 100bp operational buffer.
  const pos: StressPosition[] = [
    {
      id: "US",
      quantity: 800,
      instrument: { kind: "linear", dv01: 137.54, rate: 0, years: 0 },
      margin: 4000,
      fxRate: 1,
      fx: -1,
      channel: "cash",
    },
  ];
  const book = prepareBook(SPACE, pos);
  const coll = prepareCollateral(SPACE, [cash(11_711_200), { ...cash(32_000_000, 2), haircut: 0.0625, asset: "Gilts" }]);

  test("350 bp, coverage 1 at the root", () => {
    const b = exhaustingMove(book, coll, "rate");
    expect(b.status).toBe("exhausts");
    expect(b.shock!).toBeCloseTo(350, 6);
    expect(b.outcome!.coverage!).toBeCloseTo(1, 9);
    expect(b.outcome!.lastTier).toBe(2);
  });

  test("for any linear book and cash, the root-found buffer is the closed form (Available - IM) / DV01", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.double({ min: 1, max: 500, noNaN: true }),
        fc.double({ min: 0, max: 10000, noNaN: true }),
        fc.double({ min: 1e5, max: 1e9, noNaN: true }),
        (q, dv01, margin, value) => {
          const b = prepareBook(SPACE, [{ ...pos[0], quantity: q, margin, instrument: { kind: "linear", dv01, rate: 0, years: 0 } }]);
          const x = (value - q * margin) / (q * dv01);
          const r = exhaustingMove(b, prepareCollateral(SPACE, [cash(value)]), "rate");
          if (x < 0) expect(r.status).toBe("short already");
          else if (x > 2000) expect(r.status).toBe("beyond");
          else expect(r.shock!).toBeCloseTo(x, 5);
        },
      ),
    );
  });

  test("no return positions: the equity fall says so", () => {
    expect(exhaustingMove(prepareBook(factorSpace([{ name: "Rates", kind: "rate" }]), pos), coll, "return").status).toBe("no positions");
  });

  test("the resilience figure: at the maximum scale the buffer is the required 350bp (so 1x), triggers at 0", () => {
    const r = resilience(book, coll, { marketBp: 250, operationalBp: 100, hedgeRatio: 0.8 });
    expect(r.maxScale!).toBeCloseTo(1, 8);
    expect(r.maxHedgeRatio!).toBeCloseTo(0.8, 8);
    expect(r.meets).toBe(true);
    expect(r.topUpAtBp!).toBeCloseTo(0, 6);
    expect(r.deleverageAtBp!).toBeCloseTo(100, 6);
  });
});

describe("full revaluation: a long-bond futures book against cash and gilts", () => {
  const ub: Instrument = {
    kind: "tfuture",
    flows: bondFlows(25.62, 0.0475, 2),
    yld: 0.048,
    rate: 0,
    conversionFactor: 0.8384,
    contractSize: 100000,
  };
  const es: Instrument = { kind: "future", price: 5900, multiplier: 50, factor: 1 };
  const pos: StressPosition[] = [
    { id: "UB", quantity: 850, instrument: ub, margin: 8000, fxRate: 1, fx: -1, channel: "cash" },
    { id: "ES", quantity: 150, instrument: es, margin: 22000, fxRate: 1, fx: -1, channel: "cash" },
  ];
  const gilts: CollateralHolding = {
    asset: "Notes",
    value: 30e6,
    haircut: 0.02,
    tier: 2,
    daysToCash: 1,
    eligible: { cashVm: false, csaVm: true, im: true },
    posted: 10e6,
    fx: -1,
    model: { kind: "bond", flows: bondFlows(5, 0.04, 2), yld: 0.04, rate: 0, spread: -1, multiplier: 1 },
  };
  const book = prepareBook(SPACE, pos);
  const coll = prepareCollateral(SPACE, [cash(15e6), gilts]);

  test("the buffer is where the surplus changes sign, and beats the linear extrapolation", () => {
    const b = exhaustingMove(book, coll, "rate");
    expect(b.status).toBe("exhausts");
    const x = b.shock!;
    expect(surplusAt(book, coll, "rate", x - 0.01)).toBeGreaterThan(0);
    expect(surplusAt(book, coll, "rate", x + 0.01)).toBeLessThan(0);
    // Independent: the same root from the scenario runner's need and available at x.
    const o = runScenario(book, coll, uniformMove(SPACE, "rate", x));
    expect(o.need).toBeCloseTo(o.available, 2);
  });

  test("the maximum hedge, rebuilt as a book of scaled quantities, has exactly the required buffer", () => {
    const r = resilience(book, coll, { marketBp: 250, operationalBp: 100 });
    expect(r.maxScaleStatus).toBe("found");
    const scaled = prepareBook(
      SPACE,
      pos.map((p) => (p.id === "UB" ? { ...p, quantity: p.quantity * r.maxScale! } : p)),
    );
    expect(exhaustingMove(scaled, coll, "rate").shock!).toBeCloseTo(350, 4);
    // Whole contracts towards the smaller position keep the buffer at least 350bp.
    const after = r.toMaximum.find((t) => t.id === "UB")!.after;
    const whole = prepareBook(
      SPACE,
      pos.map((p) => (p.id === "UB" ? { ...p, quantity: after } : p)),
    );
    expect(exhaustingMove(whole, coll, "rate").shock!).toBeGreaterThanOrEqual(350);
  });

  test("deleverage: after the trigger rise, the scaled book's remaining buffer is the required one", () => {
    const r = resilience(book, coll, { marketBp: 250, operationalBp: 100 });
    const B = r.buffer.shock!;
    expect(r.deleverageAtBp!).toBeCloseTo(B - 250, 6);
    expect(r.topUpAtBp!).toBeCloseTo(Math.max(0, B - 350), 6);
    // Surplus from the trigger, R further, with the rate positions scaled: 0.
    const g = surplusAt(book, coll, "rate", 350, { fromMove: r.deleverageAtBp!, scaleRates: r.deleverageScale! });
    expect(Math.abs(g)).toBeLessThan(1);
    // Top-up cash restores the buffer: with it, the surplus at the trigger plus B is 0.
    expect(Math.abs(surplusAt(book, coll, "rate", r.topUpAtBp! + Math.max(B, 350), { topUp: r.topUpCash! }))).toBeLessThan(1);
  });

  test("equity: nothing exhausts the collateral before a 100% fall here, and the report says so", () => {
    const b = exhaustingMove(book, prepareCollateral(SPACE, [cash(100e6)]), "return");
    expect(b.status).toBe("beyond");
    expect(b.shock).toBeUndefined();
  });
});

describe("the ladder", () => {
  const assets: CollateralAsset[] = [
    { asset: "Cash", value: 10, haircut: 0, tier: 1, daysToCash: 0, eligible: ALL, posted: 0 },
    { asset: "Bills", value: 20, haircut: 0.01, tier: 1, daysToCash: 1, eligible: { cashVm: false, csaVm: true, im: true }, posted: 5 },
    { asset: "Credit", value: 50, haircut: 0.1, tier: 3, daysToCash: 5, eligible: { cashVm: false, csaVm: false, im: false }, posted: 0 },
  ];

  test("cash VM is met from cash at T+0, from bills sold at T+1, from credit at T+5", () => {
    const st = stressCollateral(assets, [1, 1, 0.9], 2);
    // Credit after a 10% price fall and a 20% haircut: 50 x 0.9 x 0.8 = 36. Bills free: 15 x 0.98 = 14.7.
    expect(st[2].free).toBeCloseTo(36, 12);
    expect(st[1].free).toBeCloseTo(14.7, 12);
    const steps = ladder(st, { cashVm: 40, csaVm: 0, imTopUp: 0 });
    expect(steps.map((s) => s.shortfall)).toEqual([30, expect.closeTo(15.3, 9), expect.closeTo(15.3, 9), 0]);
  });

  test("met + shortfall = the calls, the shortfall never grows, spare + met = free collateral", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.double({ min: 0.5, max: 1.5, noNaN: true }), { minLength: 3, maxLength: 3 }),
        (needs, ratio) => {
          const st = stressCollateral(assets, ratio, 1.5);
          const steps = ladder(st, { cashVm: needs[0], csaVm: needs[1], imTopUp: needs[2] });
          const total = needs[0] + needs[1] + needs[2];
          const free = st.reduce((s, a) => s + a.free, 0);
          steps.forEach((s, k) => {
            expect(s.cashVm + s.csaVm + s.im + s.shortfall).toBeCloseTo(total, 9);
            expect(s.spare + s.cashVm + s.csaVm + s.im).toBeCloseTo(free, 9);
            if (k > 0) expect(s.shortfall).toBeLessThanOrEqual(steps[k - 1].shortfall + 1e-9);
          });
        },
      ),
    );
  });
});

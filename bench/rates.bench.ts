/**
 * Rates and LDI benchmarks (issue 4):
 *  - key-rate 01s of 1,200 monthly liability cash flows on the 12 default key tenors (target < 0.5 ms),
 *    beside a textbook bump-and-reprice (12 full revaluations) and the OVERLAY.KRD custom-function path;
 *  - OVERLAY.HEDGETRADES with 8 instruments, 4 of them whole futures contracts (target < 5 ms), beside an
 *    exhaustive search of the integer units in a +/-2 contract box around the least-squares solution;
 *  - Excel PRICE/DURATION/DV01 of a 30-year semiannual bond.
 */
import { solveHedge } from "../src/engine/ldi/hedgeTrades";
import { bondAnalytics } from "../src/engine/rates/bond";
import { CashFlows, presentValue, pv01 } from "../src/engine/rates/cashflows";
import { ZeroCurve, discountAt, makeCurve, zeroRate } from "../src/engine/rates/curve";
import { DEFAULT_KEY_TENORS, keyRate01s, triangleVector } from "../src/engine/rates/keyRates";
import { callFunction, findFunction } from "../src/functions/registry";
import type { BenchGroup } from "./harness";

const curve = makeCurve(
  [0.5, 1, 2, 3, 5, 7, 10, 15, 20, 30, 40, 50],
  [0.041, 0.04, 0.038, 0.037, 0.037, 0.038, 0.04, 0.042, 0.043, 0.042, 0.041, 0.04],
);
const curveTable = [["Tenor", "Rate"], ...curve.tenors.map((t, i) => [t, curve.rates[i]])];
/** 1,200 monthly liability payments (100 years), a run-off pension profile. */
const liabilities: CashFlows = {
  times: Array.from({ length: 1200 }, (_, i) => (i + 1) / 12),
  amounts: Array.from({ length: 1200 }, (_, i) => 2e6 * Math.exp(-i / 360) * (1 + 0.5 * Math.sin(i / 60))),
};
const liabilityTable = [["Time", "Amount"], ...liabilities.times.map((t, i) => [t, liabilities.amounts[i]])];
const keys = DEFAULT_KEY_TENORS;

/** Peer: key-rate 01s by revaluing the whole book under each of the 12 bumped curves (no linearisation). */
function bumpAndReprice(cf: CashFlows, c: ZeroCurve): number[] {
  const base = presentValue(cf, c);
  return keys.map((_, k) => {
    let pv = 0;
    for (let i = 0; i < cf.times.length; i++) {
      const t = cf.times[i];
      pv += cf.amounts[i] * discountAt(zeroRate(c, t) - 1e-4 * triangleVector(keys, t)[k], t, c.compounding);
    }
    return pv - base;
  });
}

const instruments = [
  { name: "TU future", tenor: 2, pv01: 38, integer: true },
  { name: "FV future", tenor: 4.5, pv01: 47, integer: true },
  { name: "TY future", tenor: 7, pv01: 72, integer: true },
  { name: "US future", tenor: 18, pv01: 190, integer: true },
  { name: "5y swap", tenor: 5, pv01: 0.00046, integer: false },
  { name: "10y swap", tenor: 10, pv01: 0.00082, integer: false },
  { name: "30y swap", tenor: 30, pv01: 0.0019, integer: false },
  { name: "50y swap", tenor: 50, pv01: 0.0024, integer: false },
];
const instrumentTable = [["Instrument", "Tenor", "PV01", "Integer"], ...instruments.map((x) => [x.name, x.tenor, x.pv01, x.integer])];
const liabilityKr01 = keyRate01s(liabilities, curve, keys);
const assetKr01 = liabilityKr01.map((x) => 0.35 * x);

/** Peer: every integer combination within +/-2 contracts of the least-squares units, continuous units re-solved. */
function exhaustiveBox(): { objective: number } {
  const cont = solveHedge({
    keys,
    liabilityKr01,
    assetKr01,
    instruments: instruments.map((x) => ({ ...x, integer: false })),
    targetRatio: 0.8,
  });
  const ints = instruments.map((x, j) => (x.integer ? j : -1)).filter((j) => j >= 0);
  let best = Infinity;
  const steps = [-2, -1, 0, 1, 2];
  const total = Math.pow(steps.length, ints.length);
  for (let c = 0; c < total; c++) {
    let code = c;
    const fixed = ints.map((j) => {
      const s = steps[code % steps.length];
      code = Math.floor(code / steps.length);
      return Math.round(cont.units[j]) + s;
    });
    // Residual gap after the fixed futures, hedged by the swaps alone (continuous least squares).
    const residual = keys.map(
      (_, k) =>
        0.8 * liabilityKr01[k] -
        assetKr01[k] -
        ints.reduce((s, j, c2) => s + fixed[c2] * instruments[j].pv01 * triangleVector(keys, instruments[j].tenor)[k], 0),
    );
    const swaps = instruments.filter((x) => !x.integer);
    const r = solveHedge({ keys, liabilityKr01: residual, assetKr01: new Array(keys.length).fill(0), instruments: swaps, targetRatio: 1 });
    best = Math.min(best, r.objective);
  }
  return { objective: best };
}

export function groups(): BenchGroup[] {
  const krd = findFunction("KRD")!;
  const hedgetrades = findFunction("HEDGETRADES")!;
  const bondTerms = { settlement: 45000, maturity: 45000 + 10957, rate: 0.045, redemption: 100, frequency: 2 as const, basis: 1 as const };
  return [
    {
      title: "Key-rate 01s: 1,200 monthly liability cash flows on 12 key tenors",
      cases: [
        {
          name: "keyRate01s (engine)",
          items: 1200,
          target: "< 0.5 ms a call",
          meets: (ms) => ms < 0.5,
          fn: () => keyRate01s(liabilities, curve, keys),
        },
        { name: "bump-and-reprice, 12 revaluations", items: 1200, fn: () => bumpAndReprice(liabilities, curve) },
        {
          name: "OVERLAY.KRD (table in, spill out)",
          items: 1200,
          fn: async () => {
            const r = await callFunction(krd, [liabilityTable, curveTable]);
            if (!Array.isArray(r)) throw new Error(String((r as { message?: string }).message));
          },
        },
      ],
      notes: () => {
        const ours = keyRate01s(liabilities, curve, keys);
        const peer = bumpAndReprice(liabilities, curve);
        const p = pv01(liabilities, curve);
        const sumOurs = ours.reduce((s, x) => s + x, 0);
        const sumPeer = peer.reduce((s, x) => s + x, 0);
        const maxRel = Math.max(...ours.map((x, k) => (x === 0 ? 0 : Math.abs(x - peer[k]) / Math.abs(x))));
        return [
          `PV01 ${p.toFixed(2)}; sum of our KR01s - PV01 = ${(sumOurs - p).toExponential(2)}; sum of bump-and-reprice KR01s - PV01 = ${(sumPeer - p).toExponential(2)} (${(((sumPeer - p) / p) * 100).toFixed(4)}%)`,
          `largest relative difference per key, ours vs bump-and-reprice: ${(maxRel * 100).toFixed(4)}% (the second-order term the linearisation drops)`,
        ];
      },
    },
    {
      title: "OVERLAY.HEDGETRADES: 1,200 liability flows, 12 keys, 8 instruments (4 whole futures, 4 swaps)",
      cases: [
        {
          name: "OVERLAY.HEDGETRADES (tables in, spill out)",
          target: "< 5 ms a call",
          meets: (ms) => ms < 5,
          fn: async () => {
            const r = await callFunction(hedgetrades, [liabilityTable, curveTable, 0.8, instrumentTable]);
            if (!Array.isArray(r)) throw new Error(String((r as { message?: string }).message));
          },
        },
        {
          name: "solveHedge (engine, KR01s given)",
          fn: () => solveHedge({ keys, liabilityKr01, assetKr01, instruments, targetRatio: 0.8 }),
        },
        { name: "exhaustive +/-2 contract box (625 least-squares solves)", fn: () => exhaustiveBox() },
      ],
      notes: () => {
        const ours = solveHedge({ keys, liabilityKr01, assetKr01, instruments, targetRatio: 0.8 });
        const box = exhaustiveBox();
        return [
          `objective (sum of squared KR01 gaps): ours ${ours.objective.toExponential(6)}, exhaustive box ${box.objective.toExponential(6)}, continuous bound ${ours.continuousObjective.toExponential(6)}`,
          `units: ${instruments.map((x, j) => `${x.name} ${x.integer ? ours.units[j] : ours.units[j].toExponential(3)}`).join(", ")}`,
        ];
      },
    },
    {
      title: "Excel PRICE / DURATION / DV01: a 30-year semiannual bond (60 coupons)",
      cases: [{ name: "bondAnalytics (all measures)", items: 1, fn: () => bondAnalytics(bondTerms, 0.05) }],
    },
  ];
}

/**
 * Rates and LDI benchmarks (issue 4):
 *  - key-rate 01s of 1,200 monthly liability cash flows on the 12 default key tenors (target < 0.5 ms),
 *    beside a textbook bump-and-reprice (12 full revaluations) and the OVERLAY.KRD custom-function path;
 *  - the hedge solve of issue 15: 12 keys, 20 instruments, all in whole units (target < 50 ms), beside the same
 *    instruments in continuous amounts (the LP relaxation) and the OVERLAY.HEDGETRADES custom-function path;
 *  - Excel PRICE/DURATION/DV01 of a 30-year semiannual bond.
 */
import { Matrix } from "../src/engine/core/cells";
import { solveHedge } from "../src/engine/ldi/hedgeTrades";
import { readHedgeInstruments } from "../src/engine/ldi/instruments";
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

/** The hedge solve of issue 15: 12 keys, 20 instruments (5 futures in whole contracts, 15 SOFR swaps in $1m steps). */
const hedgeKeys = [1, 2, 3, 4, 5, 7, 10, 12, 15, 20, 25, 30];
const swapTenors = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 20, 25, 30];
const instrumentTable: unknown[][] = [
  ["Instrument", "Kind", "Tenor", "Coupon", "Contract", "Delivery", "Factor"],
  ["TU Mar26", "future", 1.92, 0.035, "TU", 0.25, 0.9318],
  ["FV Mar26", "future", 4.83, 0.04, "FV", 0.25, 0.9098],
  ["TY Mar26", "future", 6.87, 0.0425, "TY", 0.25, 0.9069],
  ["US Mar26", "future", 15.37, 0.04375, "US", 0.25, 0.8407],
  ["UB Mar26", "future", 29.13, 0.04625, "UB", 0.25, 0.8126],
  ...swapTenors.map((t) => [`${t}y SOFR swap`, "swap", t, "", "", "", ""]),
];
const hedgeInstruments = readHedgeInstruments(instrumentTable as Matrix, curve, hedgeKeys);
/** A closed plan's 60 annual benefit payments (the sample plan's profile, about 2.6bn of liabilities). */
const planLiabilities: CashFlows = {
  times: Array.from({ length: 60 }, (_, i) => i + 1),
  amounts: Array.from({ length: 60 }, (_, i) => 1.4e8 * Math.pow(1.025, i) * Math.exp(-Math.pow((i + 1) / 30, 2.4))),
};
const planLiabilityTable = [["Time", "Amount"], ...planLiabilities.times.map((t, i) => [t, planLiabilities.amounts[i]])];
const hedgeLiabilityKr01 = keyRate01s(planLiabilities, curve, hedgeKeys);
const hedgeAssetKr01 = hedgeLiabilityKr01.map((x) => 0.25 * x);
const hedgeProblem = {
  keys: hedgeKeys,
  liabilityKr01: hedgeLiabilityKr01,
  assetKr01: hedgeAssetKr01,
  instruments: hedgeInstruments,
  targetRatio: 0.8,
  totalBand: 0.01,
  bucketBand: 0.05,
};
/** Peer: the same instruments with continuous amounts (the LP relaxation alone: the bound whole units are held to). */
const continuousProblem = { ...hedgeProblem, instruments: hedgeInstruments.map((x) => ({ ...x, increment: 0 })) };

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
      title:
        "OVERLAY.HEDGETRADES: 60 annual liability flows, 12 keys, 20 instruments in whole units (5 futures, 15 swaps in $1m steps), HiGHS",
      iterations: 20,
      cases: [
        {
          name: "solveHedge (engine, vectors given, whole units)",
          target: "< 50 ms a call",
          meets: (ms) => ms < 50,
          fn: () => solveHedge(hedgeProblem),
        },
        { name: "solveHedge, continuous amounts (LP only)", fn: () => solveHedge(continuousProblem) },
        {
          name: "OVERLAY.HEDGETRADES (tables in, spill out)",
          fn: async () => {
            const r = await callFunction(hedgetrades, [planLiabilityTable, curveTable, 0.8, instrumentTable, undefined, [hedgeKeys]]);
            if (!Array.isArray(r)) throw new Error(String((r as { message?: string }).message));
          },
        },
      ],
      notes: async () => {
        const ours = await solveHedge(hedgeProblem);
        const cont = await solveHedge(continuousProblem);
        const outside = ours.outside.map((k) => `${hedgeKeys[k]}y`).join(", ") || "none";
        return [
          `objective (L1 key-rate gaps in ratio points + band excess + turnover): whole units ${ours.objective!.toFixed(6)}, LP relaxation bound ${ours.bound!.toFixed(6)}, continuous solve ${cont.objective!.toFixed(6)}`,
          `total hedge ratio after ${(ours.totalAfter * 100).toFixed(3)}% (band 79% to 81%); keys outside the 5-point band: ${outside}`,
          `trades: ${hedgeInstruments.map((x, j) => `${x.name} ${ours.trades[j]}`).join(", ")}`,
        ];
      },
    },
    {
      title: "Excel PRICE / DURATION / DV01: a 30-year semiannual bond (60 coupons)",
      cases: [{ name: "bondAnalytics (all measures)", items: 1, fn: () => bondAnalytics(bondTerms, 0.05) }],
    },
  ];
}

/**
 * Options: Black-Scholes price and all Greeks for 1,000,000 options, and implied vol for 100,000 prices,
 * through the batch API over Float64Arrays, side by side with the `black-scholes` and `implied-volatility`
 * npm packages on the same inputs (issue 3). Targets: >= 10M prices/s (with all Greeks) and >= 1M implied
 * vols/s. The peers have no dividend yield, so q = 0 here; they are slow enough that they run on the first
 * few thousand (or few dozen) of the same options, and their throughput is compared per option.
 * Accuracy (notes): ours against exact arithmetic (the BigInt reference of test/engine/core/highPrecision.ts),
 * the peers against ours.
 */
import { bsmPriceKernel } from "../src/engine/options/blackScholes";
import { OptionBatch, bsmBatch, bsmPriceBatch, greeksArrays, impliedVolBatch } from "./optionBatch";
import { rational, refPhiFixedQ, toDouble } from "../test/engine/core/highPrecision";
import type { BenchGroup } from "./harness";

const blackScholes = require("black-scholes") as {
  blackScholes: (s: number, k: number, t: number, v: number, r: number, cp: string) => number;
};

const impliedVolatility = require("implied-volatility") as {
  getImpliedVolatility: (price: number, s: number, k: number, t: number, r: number, cp: string, estimate?: number) => number;
};

/** Deterministic uniform numbers (Park-Miller), so every run measures the same options. */
function rng(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

/**
 * n options: spot 100, strikes within +-60% in log, 1 week to 3 years, rates 0-8%, vols 5-80%, q = 0.
 * outOfTheMoney: calls above the forward and puts below it, redrawn until the price is at least 1e-6
 * (a quote; far out of the money at a week and 5% vol the price underflows and has no vol to find).
 */
function options(n: number, seed: number, outOfTheMoney = false): OptionBatch {
  const u = rng(seed);
  const b: OptionBatch = {
    type: new Float64Array(n),
    spot: new Float64Array(n),
    strike: new Float64Array(n),
    years: new Float64Array(n),
    rate: new Float64Array(n),
    yield: new Float64Array(n),
    vol: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    draw(i);
    while (outOfTheMoney && !(bsmPriceKernel(b.type[i], 100, b.strike[i], b.years[i], b.rate[i], 0, b.vol[i]) >= 1e-6)) draw(i);
  }
  return b;

  function draw(i: number) {
    b.spot[i] = 100;
    b.years[i] = 0.02 + 3 * u();
    b.rate[i] = 0.08 * u();
    b.vol[i] = 0.05 + 0.75 * u();
    const m = (u() - 0.5) * 1.2;
    b.strike[i] = 100 * Math.exp(m);
    const call = u() < 0.5;
    if (outOfTheMoney) {
      // Implied vols are taken from out-of-the-money quotes: calls above the forward, puts below.
      const fwd = 100 * Math.exp(b.rate[i] * b.years[i]);
      b.type[i] = b.strike[i] >= fwd ? 1 : -1;
    } else b.type[i] = call ? 1 : -1;
  }
}

const N_PRICE = 1_000_000;
const N_IV = 100_000;
const PEER_PRICE = 2_000;
const PEER_IV = 20;

const fmt = (x: number) => x.toExponential(2);

/** Exact price of option i for the doubles the kernel forms (see blackScholes.test.ts). */
function exactPrice(b: OptionBatch, i: number): number {
  const w = b.type[i];
  const S = b.spot[i];
  const K = b.strike[i];
  const T = b.years[i];
  const r = b.rate[i];
  const s = b.vol[i] * Math.sqrt(T);
  const d1 = (Math.log(S / K) + r * T) / s + 0.5 * s;
  const [p1, q1] = rational(w * d1);
  const [ps, qs] = rational(w * s);
  const [pa, qa] = rational(S);
  const [pk, qk] = rational(K * Math.exp(-r * T));
  const a = (pa * refPhiFixedQ(p1, q1)) / qa;
  const c = (pk * refPhiFixedQ(p1 * qs - ps * q1, q1 * qs)) / qk;
  return toDouble(BigInt(w) * (a - c));
}

export function groups(): BenchGroup[] {
  const inp = options(N_PRICE, 42);
  const out = greeksArrays(N_PRICE);
  const prices = new Float64Array(N_PRICE);
  const cp = (i: number) => (inp.type[i] > 0 ? "call" : "put");

  const ivInp = options(N_IV, 7, true);
  const ivPrices = new Float64Array(N_IV);
  bsmPriceBatch(ivInp, ivPrices);
  const ivOut = new Float64Array(N_IV);
  const ivCp = (i: number) => (ivInp.type[i] > 0 ? "call" : "put");

  const pricing: BenchGroup = {
    title: "Black-Scholes price + delta, gamma, vega, theta, rho, dividend rho: 1,000,000 options (q = 0)",
    time: 1000,
    cases: [
      {
        name: "overlay bsmBatch (price and 6 Greeks)",
        items: N_PRICE,
        target: ">= 10M options/s",
        meets: (ms) => (N_PRICE * 1000) / ms >= 10e6,
        fn: () => bsmBatch(inp, out),
      },
      {
        name: "overlay bsmPriceBatch (price only)",
        items: N_PRICE,
        target: ">= 10M prices/s",
        meets: (ms) => (N_PRICE * 1000) / ms >= 10e6,
        fn: () => bsmPriceBatch(inp, prices),
      },
      {
        name: `black-scholes npm (price only, first ${PEER_PRICE.toLocaleString("en")})`,
        items: PEER_PRICE,
        fn: () => {
          let s = 0;
          for (let i = 0; i < PEER_PRICE; i++)
            s += blackScholes.blackScholes(inp.spot[i], inp.strike[i], inp.years[i], inp.vol[i], inp.rate[i], cp(i));
          return s;
        },
      },
    ],
    notes: (means) => {
      const ours = N_PRICE / means.get("overlay bsmBatch (price and 6 Greeks)")!;
      const oursPrice = N_PRICE / means.get("overlay bsmPriceBatch (price only)")!;
      const peer = PEER_PRICE / means.get(`black-scholes npm (price only, first ${PEER_PRICE.toLocaleString("en")})`)!;
      // The mean above includes whatever else the machine runs; the fastest of 10 calls shows the kernel alone.
      let best = Infinity;
      for (let k = 0; k < 10; k++) {
        const t0 = performance.now();
        bsmBatch(inp, out);
        best = Math.min(best, performance.now() - t0);
      }
      bsmPriceBatch(inp, prices);
      // Ours against exact arithmetic on a sample.
      let oursRel = 0;
      for (let i = 0; i < 300; i++) {
        const ref = exactPrice(inp, i);
        if (ref > 0) oursRel = Math.max(oursRel, Math.abs(prices[i] - ref) / ref);
      }
      // The peer against ours on 20,000 of the same options.
      let peerAbs = 0;
      let peerRel = 0;
      let peerZero = 0;
      let n = 0;
      for (let i = 0; i < 20_000; i++) {
        const p = blackScholes.blackScholes(inp.spot[i], inp.strike[i], inp.years[i], inp.vol[i], inp.rate[i], cp(i));
        peerAbs = Math.max(peerAbs, Math.abs(p - prices[i]));
        if (prices[i] > 1e-8) peerRel = Math.max(peerRel, Math.abs(p - prices[i]) / prices[i]);
        if (!(p > 0) && prices[i] > 0) peerZero++;
        n++;
      }
      // Deep out of the money: 3x the spot, 10% vol, 0.1 years (~1.5e-265): the peer's N(x) is 0 beyond |x| = 8.
      const deep = blackScholes.blackScholes(100, 300, 0.1, 0.1, 0, "call");
      const deepOurs = bsmPriceKernel(1, 100, 300, 0.1, 0, 0, 0.1);
      return [
        `throughput: ours ${(ours / 1e3).toFixed(2)}M options/s with all Greeks (fastest of 10 calls: ${(N_PRICE / best / 1e3).toFixed(2)}M/s), ${(oursPrice / 1e3).toFixed(2)}M/s price only; black-scholes npm ${(peer / 1e3).toFixed(4)}M prices/s`,
        `ratio: ours (price + 6 Greeks) is ${(ours / peer).toFixed(0)}x the peer's price-only throughput; ours price-only ${(oursPrice / peer).toFixed(0)}x`,
        `accuracy, ours: max relative error ${fmt(oursRel)} against exact arithmetic (300 options, BigInt reference)`,
        `accuracy, black-scholes npm on ${n.toLocaleString("en")} of the same options: max abs error ${fmt(peerAbs)}, max relative ${fmt(peerRel)} (prices > 1e-8), ${peerZero} prices <= 0 where ours is positive; deep OTM call (S 100, K 300, 0.1y, 10%): peer ${deep}, ours ${fmt(deepOurs)}`,
      ];
    },
  };

  const iv: BenchGroup = {
    title: "Implied volatility: 100,000 out-of-the-money prices >= 1e-6 (q = 0)",
    time: 1000,
    cases: [
      {
        name: "overlay impliedVolBatch",
        items: N_IV,
        target: ">= 1M vols/s",
        meets: (ms) => (N_IV * 1000) / ms >= 1e6,
        fn: () => impliedVolBatch(ivInp, ivPrices, ivOut),
      },
      {
        name: `implied-volatility npm (first ${PEER_IV})`,
        items: PEER_IV,
        fn: () => {
          let s = 0;
          for (let i = 0; i < PEER_IV; i++)
            s += impliedVolatility.getImpliedVolatility(
              ivPrices[i],
              ivInp.spot[i],
              ivInp.strike[i],
              ivInp.years[i],
              ivInp.rate[i],
              ivCp(i),
            );
          return s;
        },
      },
    ],
    notes: (means) => {
      const ours = N_IV / means.get("overlay impliedVolBatch")!;
      const peer = PEER_IV / means.get(`implied-volatility npm (first ${PEER_IV})`)!;
      impliedVolBatch(ivInp, ivPrices, ivOut);
      let oursMax = 0;
      let oursNaN = 0;
      for (let i = 0; i < N_IV; i++) {
        const e = Math.abs(ivOut[i] - ivInp.vol[i]);
        if (Number.isNaN(e)) oursNaN++;
        else oursMax = Math.max(oursMax, e);
      }
      let peerMax = 0;
      let peerSum = 0;
      let peerOff = 0;
      const m = 300;
      for (let i = 0; i < m; i++) {
        const v = impliedVolatility.getImpliedVolatility(
          ivPrices[i],
          ivInp.spot[i],
          ivInp.strike[i],
          ivInp.years[i],
          ivInp.rate[i],
          ivCp(i),
        );
        const e = Math.abs(v - ivInp.vol[i]);
        peerMax = Math.max(peerMax, e);
        peerSum += e;
        if (e > 1e-4) peerOff++;
      }
      return [
        `throughput: ours ${(ours / 1e3).toFixed(2)}M vols/s; implied-volatility npm ${(peer / 1e3).toFixed(5)}M vols/s; ratio ${(ours / peer).toFixed(0)}x`,
        `accuracy, ours: max |vol - true vol| ${fmt(oursMax)} over all ${N_IV.toLocaleString("en")} round trips (${oursNaN} without a solution)`,
        `accuracy, implied-volatility npm on the first ${m} of the same prices: max |vol - true vol| ${fmt(peerMax)}, mean ${fmt(peerSum / m)}, ${peerOff} off by more than 1e-4 (bisection on its own series N(x), which is 0 beyond |x| = 8)`,
      ];
    },
  };

  return [pricing, iv];
}

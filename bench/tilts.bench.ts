/**
 * Tilts, leverage and liquidity: OVERLAY.TILT and OVERLAY.LIQUIDITY through the custom-function path
 * (registry -> argument readers -> engine -> spill) at growing sizes, and OVERLAY.TRACKINGERROR with its
 * covariance checks (symmetry, pivoted Cholesky) beside a bare quadratic form with no checks.
 * The issue sets no timing target; the notes give the cost per item and the scaling.
 */
import { callFunction, findFunction } from "../src/functions/registry";
import type { BenchGroup } from "./harness";

/** A plan of n classes (the last is Cash) inside their ranges, a future per class, and a funded tilt vector. */
function tiltCase(n: number): unknown[] {
  const portfolio: unknown[][] = [["Asset class", "Market value", "Target", "Min", "Max"]];
  const futures: unknown[][] = [["Asset class", "Contract", "Price", "Multiplier", "Beta"]];
  const tilts: unknown[][] = [["Asset class", "Tilt"]];
  const t = 1 / n;
  for (let i = 0; i < n; i++) {
    const cash = i === n - 1;
    const name = cash ? "Cash" : `Class ${i}`;
    portfolio.push([name, 1e9 * t, t, t * 0.8, t * 1.2]);
    if (!cash) {
      futures.push([name, `F${i}`, 1000 + i, 50, 1 + 0.1 * Math.sin(i)]);
      tilts.push([name, (i % 2 === 0 ? 1 : -1) * t * 0.3]);
    }
  }
  if ((n - 1) % 2 === 1) tilts.push(["Cash", -t * 0.3]); // odd number of legs: Cash funds the last one
  return [portfolio, futures, tilts, "funded", 1e9];
}

/** p positions over 4 factors (2 rate, 2 return), s scenarios, 5 collateral rows in 3 tiers. */
function liquidityCase(p: number, s: number): unknown[] {
  const factors = ["Rates", "Swaps", "Equity", "EM"];
  const positions: unknown[][] = [["Contract", "Quantity", "Price", "Multiplier", "Margin", "Factor", "DV01"]];
  for (let i = 0; i < p; i++) {
    const f = i % 4;
    positions.push([`P${i}`, 100 + i, 100 + i, f < 2 ? 1000 : 50, 3000, factors[f], f < 2 ? 80 + (i % 50) : ""]);
  }
  const collateral = [
    ["Asset", "Value", "Haircut", "Tier"],
    ["Cash", 5e7, 0, 1],
    ["Bills", 5e7, 0.01, 1],
    ["Gilts", 2e8, 0.05, 2],
    ["Corporates", 1e8, 0.15, 3],
    ["Equities", 1e8, 0.3, 3],
  ];
  const scenarios: unknown[][] = [["Scenario", ...factors]];
  for (let k = 0; k < s; k++) scenarios.push([`S${k}`, (k % 30) * 10, (k % 20) * 12, -(k % 10) * 0.03, -(k % 7) * 0.04]);
  return [positions, collateral, scenarios];
}

/** n assets: a covariance from a one-factor model (PSD), weights and a policy. */
function teCase(n: number): { args: unknown[]; S: number[][]; w: number[]; b: number[] } {
  const vol = Array.from({ length: n }, (_, i) => 0.05 + (0.2 * ((i * 7) % n)) / n);
  const beta = Array.from({ length: n }, (_, i) => 0.5 + ((i * 3) % n) / n);
  const S = vol.map((_, i) => vol.map((_, j) => 0.03 * beta[i] * beta[j] + (i === j ? vol[i] * vol[i] : 0)));
  const b = Array.from({ length: n }, () => 1 / n);
  const w = b.map((x, i) => x + (i % 2 === 0 ? 0.001 : -0.001));
  return { args: [w.map((x) => [x]), b.map((x) => [x]), S], S, w, b };
}

function okCall(id: string, args: unknown[]) {
  const def = findFunction(id)!;
  return async () => {
    const r = await callFunction(def, args);
    if (r instanceof Error) throw new Error(`${id}: ${r.message}`);
  };
}

export function groups(): BenchGroup[] {
  const tiltSizes = [10, 100, 1000];
  const tiltArgs = new Map(tiltSizes.map((n) => [n, tiltCase(n)]));
  const liq = [
    { p: 10, s: 10 },
    { p: 100, s: 100 },
    { p: 1000, s: 100 },
  ];
  const teSizes = [10, 100, 300];
  const te = new Map(teSizes.map((n) => [n, teCase(n)]));
  const bare = (S: number[][], w: number[], b: number[]) => {
    const a = w.map((x, i) => x - b[i]);
    let q = 0;
    for (let i = 0; i < a.length; i++) for (let j = 0; j < a.length; j++) q += a[i] * S[i][j] * a[j];
    return Math.sqrt(q);
  };
  return [
    {
      title: "OVERLAY.TILT through the custom-function path (funded, maxGross)",
      cases: tiltSizes.map((n) => ({ name: `${n} asset classes`, items: n, fn: okCall("TILT", tiltArgs.get(n)!) })),
      notes: (means) => [
        `cost per class: ${tiltSizes.map((n) => `${n}: ${((means.get(`${n} asset classes`)! * 1000) / n).toFixed(2)} us`).join(", ")}`,
        `linearity: time(1,000) / time(100) = ${(means.get("1000 asset classes")! / means.get("100 asset classes")!).toFixed(1)} (10 for linear cost)`,
      ],
    },
    {
      title: "OVERLAY.LIQUIDITY through the custom-function path",
      cases: liq.map(({ p, s }) => ({
        name: `${p} positions x ${s} scenarios`,
        items: p * s,
        fn: okCall("LIQUIDITY", liquidityCase(p, s)),
      })),
      notes: (means) => {
        const t = (p: number, s: number) => means.get(`${p} positions x ${s} scenarios`)!;
        return [
          `per position-scenario: ${liq.map(({ p, s }) => `${p}x${s}: ${((t(p, s) * 1e6) / (p * s)).toFixed(0)} ns`).join(", ")}`,
          `time(1000x100) / time(100x100) = ${(t(1000, 100) / t(100, 100)).toFixed(1)} (10 for linear cost in positions)`,
        ];
      },
    },
    ...teSizes.map((n): BenchGroup => ({
      title: `OVERLAY.TRACKINGERROR, ${n} assets: with the covariance checks vs a bare quadratic form`,
      cases: [
        { name: `TRACKINGERROR (${n})`, fn: okCall("TRACKINGERROR", te.get(n)!.args) },
        { name: `bare sqrt(a'Sa), no parsing or checks (${n})`, fn: () => bare(te.get(n)!.S, te.get(n)!.w, te.get(n)!.b) },
      ],
      notes: async () => {
        const c = te.get(n)!;
        const r = (await callFunction(findFunction("TRACKINGERROR")!, c.args)) as number;
        return [`same value: |ours - bare| = ${Math.abs(r - bare(c.S, c.w, c.b)).toExponential(2)}`];
      },
    })),
  ];
}

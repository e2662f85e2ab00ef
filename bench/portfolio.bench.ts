/**
 * Foundation benchmarks: the table parser on 10,000 rows, and OVERLAY.REBALANCE through the custom-function
 * path (registry -> argument readers -> engine -> spill) for 20, 200 and 2,000 asset classes.
 * Target: 2,000 classes under 5 ms a call, cost growing linearly with the classes.
 */
import { parseTable } from "../src/engine/core/table";
import { PORTFOLIO_COLUMNS } from "../src/engine/portfolio/portfolio";
import { callFunction, findFunction } from "../src/functions/registry";
import type { BenchGroup } from "./harness";

/** A plan of n classes (the last is Cash), every 10th illiquid with a proxy; classes drift off target. */
export function syntheticPlan(n: number): { portfolio: unknown[][]; futures: unknown[][] } {
  const portfolio: unknown[][] = [["Asset class", "Market value", "Target", "Min", "Max", "Liquid", "Proxy"]];
  const futures: unknown[][] = [["Asset class", "Contract", "Price", "Multiplier", "Beta"]];
  const t = 1 / n;
  for (let i = 0; i < n; i++) {
    const cash = i === n - 1;
    const name = cash ? "Cash" : `Class ${i}`;
    const illiquid = !cash && i % 10 === 9;
    const drift = 1 + 0.3 * Math.sin(i * 1.7);
    portfolio.push([name, 1e9 * t * drift, t, t * 0.85, t * 1.15, !illiquid, illiquid ? `Class ${i - 1}` : ""]);
    if (!cash && !illiquid) futures.push([name, `F${i}`, 1000 + i, 50, 1]);
  }
  return { portfolio, futures };
}

export function groups(): BenchGroup[] {
  const rows: unknown[][] = [PORTFOLIO_COLUMNS.slice(0, 5).map((c) => c.header)];
  for (let i = 0; i < 10_000; i++) rows.push([`Class ${i}`, 1000 + i, 0.0001, 0, 0.01]);
  const def = findFunction("REBALANCE")!;
  const sizes = [20, 200, 2000];
  const plans = new Map(sizes.map((n) => [n, syntheticPlan(n)]));
  return [
    {
      title: "Table parser: a 10,000-row Portfolio table (5 columns)",
      cases: [{ name: "parseTable 10,000 rows", items: 10_000, fn: () => parseTable(rows as never, { arg: "Portfolio", columns: PORTFOLIO_COLUMNS, key: "name" }) }],
    },
    {
      title: "OVERLAY.REBALANCE through the custom-function path (edge rule, always)",
      cases: sizes.map((n) => ({
        name: `${n} asset classes`,
        items: n,
        target: n === 2000 ? "< 5 ms a call" : undefined,
        meets: n === 2000 ? (ms: number) => ms < 5 : undefined,
        fn: async () => {
          const p = plans.get(n)!;
          const r = await callFunction(def, [p.portfolio, p.futures, "edge", "always"]);
          if (!Array.isArray(r)) throw new Error(String((r as { message?: string }).message));
        },
      })),
      notes: (means) => {
        const per = sizes.map((n) => (means.get(`${n} asset classes`)! * 1000) / n);
        return [
          `cost per class: ${sizes.map((n, i) => `${n}: ${per[i].toFixed(2)} us`).join(", ")}`,
          `linearity: time(2,000) / time(200) = ${(means.get("2000 asset classes")! / means.get("200 asset classes")!).toFixed(1)} (10 for linear cost)`,
        ];
      },
    },
  ];
}

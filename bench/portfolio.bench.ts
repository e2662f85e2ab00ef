/**
 * Foundation benchmarks: the table parser on 10,000 rows, and OVERLAY.REBALANCE through the custom-function
 * path (registry -> argument readers -> engine -> spill) for 20, 200 and 2,000 asset classes.
 * Target: 2,000 classes under 5 ms a call, cost growing linearly with the classes.
 * The book's derivations (issue 13): 10,000 positions (futures, options by Black-Scholes delta, swaps and
 * futures by DV01, TRS) read, derived and applied to the plan, and OVERLAY.BOOK through the function path.
 */
import { deriveBook } from "../src/engine/book/derive";
import { planWithBook, reconcile } from "../src/engine/book/effective";
import { readPositions } from "../src/engine/book/positions";
import { parseTable } from "../src/engine/core/table";
import { readPortfolio } from "../src/engine/portfolio/portfolio";
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

/** A plan of 10 classes and a book of n positions over them: futures, options, swaps, TRS. */
export function syntheticBook(n: number): { portfolio: unknown[][]; positions: unknown[][] } {
  const portfolio: unknown[][] = [
    ["Asset class", "Market value", "Target", "Min", "Max", "Duration"],
    ...Array.from({ length: 9 }, (_, i) => [`Class ${i}`, 1e9, 0.1, 0, 0.5, i % 3 === 0 ? 7 + i : ""]),
    ["Cash", 1e9, 0.1, -10, 10, ""],
  ];
  const positions: unknown[][] = [
    [
      "Id",
      "Asset class",
      "Instrument",
      "Kind",
      "Quantity",
      "Price",
      "Multiplier",
      "Option type",
      "Strike",
      "Vol",
      "Years",
      "Rate",
      "DV01",
      "Margin",
    ],
  ];
  for (let i = 0; i < n; i++) {
    const c = i % 9;
    const kind = ["future", "option", "trs", "swap"][i % 4];
    const rate = c % 3 === 0;
    if (kind === "swap" && !rate)
      positions.push([`P${i}`, `Class ${c}`, "F", "future", 10 + (i % 50), 100 + c, 1000, "", "", "", "", "", "", 2000]);
    else if (kind === "swap") positions.push([`P${i}`, `Class ${c}`, "IRS", "swap", 1e6, "", "", "", "", "", "", "", 0.0008, ""]);
    else if (kind === "option")
      positions.push([
        `P${i}`,
        `Class ${c}`,
        "O",
        "option",
        5 + (i % 20),
        5000,
        50,
        i % 2 ? "call" : "put",
        4500 + (i % 1000),
        0.2,
        0.5,
        0.04,
        "",
        1000,
      ]);
    else if (kind === "trs") positions.push([`P${i}`, `Class ${c}`, "T", "trs", 1e6, "", "", "", "", "", "", "", "", ""]);
    else positions.push([`P${i}`, `Class ${c}`, "F", "future", 10 + (i % 50), 100 + c, 1000, "", "", "", "", "", rate ? 70 : "", 2000]);
  }
  return { portfolio, positions };
}

export function groups(): BenchGroup[] {
  const rows: unknown[][] = [PORTFOLIO_COLUMNS.slice(0, 5).map((c) => c.header)];
  for (let i = 0; i < 10_000; i++) rows.push([`Class ${i}`, 1000 + i, 0.0001, 0, 0.01]);
  const def = findFunction("REBALANCE")!;
  const sizes = [20, 200, 2000];
  const plans = new Map(sizes.map((n) => [n, syntheticPlan(n)]));
  const bookInput = syntheticBook(10_000);
  const bookPlan = readPortfolio(bookInput.portfolio as never);
  const bookPositions = readPositions(bookInput.positions as never);
  const bookDef = findFunction("BOOK")!;
  return [
    {
      title: "The book: 10,000 positions (futures, options by Black-Scholes delta, swaps and futures by DV01, TRS)",
      cases: [
        { name: "readPositions 10,000 rows", items: 10_000, fn: () => readPositions(bookInput.positions as never) },
        {
          name: "deriveBook + planWithBook + reconcile",
          items: 10_000,
          fn: () => reconcile(planWithBook(bookPlan, deriveBook(bookPositions, bookPlan))),
        },
        {
          name: "OVERLAY.BOOK through the function path",
          items: 10_000,
          target: "< 100 ms a call",
          meets: (ms: number) => ms < 100,
          fn: async () => {
            const r = await callFunction(bookDef, [bookInput.portfolio, bookInput.positions, undefined, "reconcile"]);
            if (!Array.isArray(r)) throw new Error(String((r as { message?: string }).message));
          },
        },
      ],
    },
    {
      title: "Table parser: a 10,000-row Portfolio table (5 columns)",
      cases: [
        {
          name: "parseTable 10,000 rows",
          items: 10_000,
          fn: () => parseTable(rows as never, { arg: "Portfolio", columns: PORTFOLIO_COLUMNS, key: "name" }),
        },
      ],
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

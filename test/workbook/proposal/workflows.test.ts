/**
 * The workflows: figures against hand-worked cases (the function reference's definitions (README)) and against the registry
 * function's own spill on the sample plan (the pane must show exactly what the formula gives), the
 * guardrail checks on cases built to pass and to fail, and errors attributed to the field at fault.
 */
import { MemoryWorkbook } from "../../../src/workbook/MemoryWorkbook";
import { WORKFLOWS, computeProposal, defaultSources, findWorkflow, runWorkflow } from "../../../src/workbook/proposal";
import { Proposal, WorkflowError, WorkflowInputs } from "../../../src/workbook/proposal/model";
import * as S from "../../../src/playground/samplePlan";
import { ok, rowsOf } from "../../helpers/call";

const inputs = (tables: Record<string, unknown[][]>): WorkflowInputs =>
  Object.fromEntries(Object.entries(tables).map(([k, v]) => [k, { ref: `${k}[#All]`, values: v }])) as WorkflowInputs;

async function propose(id: string, tables: Record<string, unknown[][]>, options: Record<string, unknown> = {}): Promise<Proposal> {
  return computeProposal(findWorkflow(id)!, inputs(tables), options as never);
}

async function failure(id: string, tables: Record<string, unknown[][]>, options: Record<string, unknown> = {}): Promise<WorkflowError> {
  const e = await propose(id, tables, options).catch((x) => x);
  expect(e).toBeInstanceOf(WorkflowError);
  return e as WorkflowError;
}

const check = (p: Proposal, name: RegExp) => {
  const c = p.checks.find((x) => name.test(x.name));
  if (!c) throw new Error(`no check ${name} in ${p.checks.map((x) => x.name).join(", ")}`);
  return c;
};

// A plan small enough to work by hand: NAV 1000, contracts worth 10 each.
const PORTFOLIO = [
  ["Asset class", "Market value", "Target", "Min", "Max"],
  ["Equity", 650, 0.55, 0.5, 0.6],
  ["Bonds", 300, 0.4, 0.35, 0.45],
  ["Cash", 50, 0.05, 0, 0.1],
];
const FUTURES = [
  ["Asset class", "Contract", "Price", "Multiplier", "Margin"],
  ["Equity", "ES", 10, 1, 2],
  ["Bonds", "FV", 5, 2, 2],
];

describe("Rebalance", () => {
  test("hand-worked: back to target moves 100 out of equity into bonds, 10 contracts each", async () => {
    const p = await propose("rebalance", { Portfolio: PORTFOLIO, Futures: FUTURES });
    expect(p.trades).toEqual([
      { assetClass: "Equity", instrument: "ES", side: "Sell", quantity: 10, unit: "contracts", notional: -100 },
      { assetClass: "Bonds", instrument: "FV", side: "Buy", quantity: 10, unit: "contracts", notional: 100 },
    ]);
    const expected: [string, number, number][] = [
      ["Equity", 0.65, 0.55],
      ["Bonds", 0.3, 0.4],
      ["Cash", 0.05, 0.05],
    ];
    expect(p.exposures!.lines.map((l) => l.name)).toEqual(expected.map((e) => e[0]));
    p.exposures!.lines.forEach((l, i) => {
      expect(l.before).toBeCloseTo(expected[i][1], 12);
      expect(l.after).toBeCloseTo(expected[i][2], 12);
    });
    expect(check(p, /net to zero/).status).toBe("pass");
    expect(check(p, /Whole contracts/).status).toBe("pass");
    expect(check(p, /inside ranges/).status).toBe("pass");
    // Gross notional 200 = 20% of NAV: at the default limit of 20%.
    expect(check(p, /Gross notional/).status).toBe("pass");
    // Margin 20 contracts x 2 = 40 against cash of 50.
    expect(check(p, /margin/i)).toEqual({
      name: "Initial margin covered by cash",
      status: "pass",
      detail: "Initial margin 40 against cash of 50.",
    });
    expect(p.inputs.map((i) => i.name)).toEqual(["Portfolio", "Futures"]);
    expect(p.results[0].formula).toBe('=OVERLAY.REBALANCE(Portfolio[#All],Futures[#All],"target","bands","nearest")');
  });

  test("guardrails fail when the limits are tighter", async () => {
    const tight = FUTURES.map((r, i) => (i === 0 ? r : [...r.slice(0, 4), 3]));
    const p = await propose("rebalance", { Portfolio: PORTFOLIO, Futures: tight }, { notionalLimit: "10%" });
    expect(check(p, /Gross notional/)).toMatchObject({
      status: "fail",
      detail: "Gross notional 200 is 20.00% of NAV; the limit is 10.00%.",
    });
    expect(check(p, /margin/i)).toMatchObject({ status: "fail", detail: "Initial margin 60 against cash of 50." });
    expect(p.headline).toBe("2 trades; 2 checks failed");
  });

  test("margin beyond cash is covered by collateral eligible for IM after haircuts; cash and ineligible rows do not count", async () => {
    // Margin 3 a contract: 20 contracts x 3 = 60 against cash of 50 fails on cash alone (hand figures).
    const dear = FUTURES.map((r, i) => (i === 0 ? r : [...r.slice(0, 4), 3]));
    const alone = await propose("rebalance", { Portfolio: PORTFOLIO, Futures: dear });
    expect(check(alone, /margin/i)).toEqual({
      name: "Initial margin covered by cash",
      status: "fail",
      detail: "Initial margin 60 against cash of 50.",
    });
    // Bills 8 at a 0.5% haircut (7.96) and notes 4 at 2% (3.92) are eligible for IM: 50 + 11.88 = 61.88 >= 60. The
    // FCM cash (no Factor, 0 days) is part of the Cash row; the credit is not eligible for IM.
    const collateral = [
      ["Asset", "Value", "Haircut", "Eligible", "Days to cash", "Factor", "Coupon", "Years", "Yield"],
      ["Cash at the FCM", 30, 0, "all", 0, "", "", "", ""],
      ["Treasury bills", 8, 0.005, "CSA, IM", 1, "Rates", 0.04, 0.25, 0.04],
      ["Treasury notes", 4, 0.02, "IM", 1, "Rates", 0.04, 5, 0.04],
      ["Credit", 20, 0.1, "none", 5, "Rates", 0.05, 8, 0.05],
    ];
    const p = await propose("rebalance", { Portfolio: PORTFOLIO, Futures: dear, Collateral: collateral });
    expect(check(p, /margin/i)).toEqual({
      name: "Initial margin covered by cash and eligible collateral",
      status: "pass",
      detail:
        "Initial margin 60 against cash of 50 and collateral eligible for IM of 12 after haircuts (Treasury bills, Treasury notes); " +
        "Cash at the FCM counted in the Cash row, not twice.",
    });
    // Without the notes, 50 + 7.96 < 60: the check fails and the ticket is blocked.
    const short = await propose("rebalance", { Portfolio: PORTFOLIO, Futures: dear, Collateral: collateral.slice(0, 3) });
    expect(check(short, /margin/i).status).toBe("fail");
    // A Collateral row the reader refuses is an error on the Collateral input.
    const bad = collateral.map((r) => r.slice());
    bad[2][1] = -8;
    const e = await failure("rebalance", { Portfolio: PORTFOLIO, Futures: dear, Collateral: bad });
    expect(e.field).toBe("Collateral");
    expect(e.message).toMatch(/^Collateral row 2 \(Treasury bills\): Value must be >= 0/);
  });

  test("the sample plan: the trades are the REBALANCE spill's rows with contracts", async () => {
    for (const rule of ["target", "edge", "halfway"]) {
      const p = await propose("rebalance", { Portfolio: S.PORTFOLIO, Futures: S.FUTURES }, { rule });
      const spill = rowsOf(await ok("REBALANCE", S.PORTFOLIO, S.FUTURES, rule, "bands", "nearest")).filter(
        (r) => typeof r.Contracts === "number" && r.Contracts !== 0,
      );
      expect(p.trades.map((t) => [t.instrument, t.side === "Sell" ? -t.quantity : t.quantity, t.notional])).toEqual(
        spill.map((r) => [r.Contract, r.Contracts, r.Notional]),
      );
      // Private equity is illiquid, over its range, and offset through US equity futures: a warning, not a trade.
      expect(p.trades.some((t) => t.assetClass === "Private equity")).toBe(false);
      expect(check(p, /Illiquid/).status).toBe("pass");
    }
  });

  test("errors name the field: a bad futures price, an unknown rule, a bad limit, a missing table", async () => {
    const bad = FUTURES.map((r) => r.slice());
    bad[2][2] = -5;
    const e1 = await failure("rebalance", { Portfolio: PORTFOLIO, Futures: bad });
    expect(e1.field).toBe("Futures");
    expect(e1.message).toMatch(/^Futures row 2 \(FV\): Price/);
    const e2 = await failure("rebalance", { Portfolio: PORTFOLIO, Futures: FUTURES }, { rule: "sideways" });
    expect(e2.field).toBe("rule");
    expect(e2.message).toMatch(/rule must be one of/);
    const e3 = await failure("rebalance", { Portfolio: PORTFOLIO, Futures: FUTURES }, { notionalLimit: "lots" });
    expect(e3).toMatchObject({ field: "notionalLimit", message: "Gross notional limit (share of NAV) must be a number, got 'lots'" });
    const wb = new MemoryWorkbook();
    wb.putTable("Plan", "Portfolio", "A1", PORTFOLIO);
    const w = findWorkflow("rebalance")!;
    const e4 = await runWorkflow(wb, w, defaultSources(w, await wb.listTables()), {}).catch((x) => x);
    expect(e4).toBeInstanceOf(WorkflowError);
    expect(e4.field).toBe("Futures");
    expect(e4.message).toMatch(/No Futures table/);
  });

  test("a basket of futures for a class gives a trade on each future, each with its expiry, and the checks pass", async () => {
    // Long bonds at 40% of 1,000m, back to 45% through a 70/30 UB/TY basket sized by DV01 (13.2-year class):
    // UB 35m x 13.2bp / 255 = 181.2 -> 181, TY 15m x 13.2bp / 68 = 291.2 -> 291; equity -50m / 300,000 = -167 ES.
    const M = 1e6;
    const portfolio = [
      ["Asset class", "Market value", "Target", "Min", "Max", "Duration"],
      ["Equity", 500 * M, 0.45, 0.4, 0.5, ""],
      ["Long bonds", 400 * M, 0.45, 0.43, 0.47, 13.2],
      ["Cash", 100 * M, 0.1, 0.05, 0.15, ""],
    ];
    const futures = [
      ["Asset class", "Contract", "Price", "Multiplier", "DV01", "Weight", "Margin"],
      ["Equity", "ES Mar26", 6000, 50, "", "", 22000],
      ["Long bonds", "UB Mar26", 118.5, 1000, 255, 0.7, 8000],
      ["Long bonds", "TY Mar26", 110.5, 1000, 68, 0.3, 2600],
    ];
    const p = await propose("rebalance", { Portfolio: portfolio, Futures: futures }, { notionalLimit: "20%" });
    expect(p.trades.map((t) => [t.assetClass, t.instrument, t.side, t.quantity, t.expiry])).toEqual([
      ["Equity", "ES Mar26", "Sell", 167, "2026-03-20"],
      ["Long bonds", "UB Mar26", "Buy", 181, "2026-03-20"],
      ["Long bonds", "TY Mar26", "Buy", 291, "2026-03-20"],
    ]);
    expect(p.trades[1].notional).toBeCloseTo(181 * 118_500, 6);
    // the exposure after, from the contracts: 400m + (181 x 255 + 291 x 68) / 13.2bp
    const bonds = p.exposures!.lines.find((l) => l.name === "Long bonds")!;
    expect(bonds.after).toBeCloseTo((400 * M + (181 * 255 + 291 * 68) / 13.2e-4) / (1000 * M), 12);
    expect(check(p, /net to zero/).status).toBe("pass");
    expect(check(p, /Whole contracts/).status).toBe("pass");
    expect(check(p, /inside ranges/).status).toBe("pass");
    // margin: 167 x 22,000 + 181 x 8,000 + 291 x 2,600 = 5,878,600 against 100m of cash
    expect(check(p, /margin/i).detail).toBe("Initial margin 5,878,600 against cash of 100,000,000.");
  });
});

describe("Equitise", () => {
  test("hand-worked: 100 of cash above the 10% buffer, pro rata to targets: 6 ES and 4 FV", async () => {
    const portfolio = [
      ["Asset class", "Market value", "Target", "Min", "Max"],
      ["Equity", 500, 0.5, 0.4, 0.6],
      ["Bonds", 300, 0.4, 0.3, 0.5],
      ["Cash", 200, 0.1, 0, 0.2],
    ];
    const p = await propose("equitise", { Portfolio: portfolio, Futures: FUTURES });
    // 100 x 0.5/0.9 = 55.6 -> 5.56 contracts -> 6; 100 x 0.4/0.9 = 44.4 -> 4.44 -> 4.
    expect(p.trades.map((t) => [t.instrument, t.side, t.quantity, t.notional])).toEqual([
      ["ES", "Buy", 6, 60],
      ["FV", "Buy", 4, 40],
    ]);
    expect(p.exposures!.lines.map((l) => l.name)).toEqual(["Equity", "Bonds", "Cash"]);
    [0.56, 0.34, 0.1].forEach((w, i) => expect(p.exposures!.lines[i].after).toBeCloseTo(w, 12));
    expect(check(p, /No leverage/)).toMatchObject({ status: "pass", detail: "Cash exposure after the trades: 100 (futures invest 100)." });
    expect(check(p, /within one contract/).status).toBe("pass");
    const spill = rowsOf(await ok("EQUITISE", portfolio, FUTURES)).filter((r) => typeof r.Contracts === "number" && r.Contracts !== 0);
    expect(p.trades.map((t) => t.quantity)).toEqual(spill.map((r) => r.Contracts));
  });

  test("an option error sits beside that option", async () => {
    const e = await failure("equitise", { Portfolio: PORTFOLIO, Futures: FUTURES }, { cash: "plenty" });
    expect(e.field).toBe("cash");
    expect(e.message).toMatch(/cash must be a number/);
  });
});

describe("Tilt", () => {
  test("the sample plan: contracts as TILT gives them, the contract names from the Futures table", async () => {
    const p = await propose("tilt", { Portfolio: S.PORTFOLIO, Futures: S.FUTURES, Tilts: S.TILTS });
    const spill = rowsOf(await ok("TILT", S.PORTFOLIO, S.FUTURES, S.TILTS)).filter(
      (r) => typeof r.Contracts === "number" && r.Contracts !== 0,
    );
    expect(p.trades.map((t) => [t.assetClass, t.side === "Sell" ? -t.quantity : t.quantity])).toEqual(
      spill.map((r) => [r["Asset class"], r.Contracts]),
    );
    expect(p.trades.find((t) => t.assetClass === "US large cap equity")!.instrument).toBe("ES Mar26 (E-mini S&P 500)");
    expect(check(p, /net to zero/).status).toBe("pass");
  });
});

describe("Options", () => {
  const legs = [
    ["Type", "Strike", "Quantity"],
    ["put", 100, 1000],
    ["call", 120, -1000],
  ];
  const opts = { spot: 100, years: 1, rate: 0, yield: 0, vol: 0.2, multiplier: 100 };
  test("legs become contracts; the payoff in a 20% fall is the put's intrinsic value less the premium", async () => {
    const p = await propose("options", { Legs: legs }, opts);
    expect(p.trades.map((t) => [t.instrument, t.side, t.quantity, t.unit, t.notional])).toEqual([
      ["Put 100", "Buy", 10, "contracts", 100000],
      ["Call 120", "Sell", 10, "contracts", -100000],
    ]);
    const premium = rowsOf(await ok("STRATEGY", legs, 100, 1, 0, 0, 0.2)).find((r) => r.Type === "Total")!.Price as number;
    // At 80 the put pays (100 - 80) x 1000 = 20,000 and the call expires worthless.
    const chart = p.chart!;
    const at80 = chart.series[0].values[chart.categories.indexOf(80)];
    expect(at80 + premium).toBeCloseTo(20000, 6);
    expect(check(p, /Protection in a 20% fall/).status).toBe("pass");
    expect(check(p, /Whole contracts/).status).toBe("pass");
  });

  test("budget and whole-contract guardrails", async () => {
    const odd = [legs[0], ["put", 100, 1050], legs[2]].slice(1);
    const p = await propose("options", { Legs: [legs[0], ...odd] }, { ...opts, budget: 1 });
    expect(check(p, /Whole contracts/).status).toBe("fail");
    expect(check(p, /budget/).status).toBe("fail");
  });

  test("a missing spot is an error beside the spot", async () => {
    const e = await failure("options", { Legs: legs }, { ...opts, spot: "" });
    expect(e.field).toBe("spot");
  });
});

describe("LDI hedge", () => {
  test("the sample plan: units and key-rate ratios as HEDGETRADES gives them", async () => {
    const p = await propose(
      "hedge",
      { Liabilities: S.liabilityCashFlows(), Curve: S.CURVE, Instruments: S.INSTRUMENTS, Assets: S.assetCashFlows() },
      { targetRatio: 0.8 },
    );
    const r = await ok("HEDGETRADES", S.liabilityCashFlows(), S.CURVE, 0.8, S.INSTRUMENTS, S.assetCashFlows());
    const rows = r as unknown[][];
    const blank = rows.findIndex((row) => row.every((c) => c === ""));
    const units = rows.slice(1, blank - 1).filter((row) => row[2] !== 0);
    expect(p.trades.map((t) => [t.instrument, t.quantity])).toEqual(units.map((row) => [row[0], Math.abs(row[2] as number)]));
    // Futures in contracts, swaps in notional units, as HEDGETRADES's Unit column says (the sample's hedge is all swaps).
    expect(p.trades.map((t) => t.unit)).toEqual(units.map((row) => (row[3] === "contracts" ? "contracts" : "units")));
    const second = rows.findIndex((row, i) => i > blank && row.every((c) => c === ""));
    const keyRows = rows.slice(blank + 2, second - 1);
    expect(p.exposures!.lines.map((l) => [l.name, l.before, l.after])).toEqual(keyRows.map((row) => [`${row[0]}y`, row[4], row[5]]));
    for (const l of p.exposures!.lines) {
      expect(l.min).toBeCloseTo(0.75, 12);
      expect(l.max).toBeCloseTo(0.85, 12);
    }
  });

  test("an unreadable key tenor is named beside the key tenors", async () => {
    const e = await failure(
      "hedge",
      { Liabilities: S.liabilityCashFlows(), Curve: S.CURVE, Instruments: S.INSTRUMENTS },
      { keyTenors: "1, 5, ten" },
    );
    expect(e).toMatchObject({ field: "keyTenors", message: "Key tenors must be numbers separated by commas, got 'ten'" });
  });
});

describe("Leverage & liquidity", () => {
  test("hand-worked: 800 physical + 400 futures on NAV 1,000 is net leverage 1.2; sell 200 to get back to 1", async () => {
    const portfolio = [
      ["Asset class", "Market value", "Target", "Min", "Max", "Overlay"],
      ["Equity", 800, 0.8, 0.5, 1, 400],
      ["Cash", 200, 0.2, 0, 0.5, 0],
    ];
    // One future: 10 contracts x 100 x 10 = 10,000 of exposure; a 10% fall costs 1,000 of variation margin,
    // initial margin 10 x 50 = 500, need 1,500 against 1,000 of collateral: coverage 2/3.
    const positions = [
      ["Contract", "Quantity", "Price", "Multiplier", "Margin", "Factor"],
      ["ES", 10, 100, 10, 50, "Equity"],
    ];
    const collateral = [
      ["Asset", "Value"],
      ["Cash", 1000],
    ];
    const scenarios = [
      ["Scenario", "Equity"],
      ["Fall", -0.1],
    ];
    const p = await propose(
      "leverage",
      { Portfolio: portfolio, Positions: positions, Collateral: collateral, Scenarios: scenarios },
      { minCoverage: 1 },
    );
    expect(p.trades).toEqual([
      {
        assetClass: "Plan",
        instrument: "Synthetic exposure (futures)",
        side: "Sell",
        quantity: 200,
        unit: "exposure",
        notional: -200,
        note: "size per class with OVERLAY.CONTRACTS",
      },
    ]);
    expect(p.exposures!.lines[0]).toMatchObject({ name: "Net leverage", before: 1.2, min: 0, max: 1 });
    expect(p.exposures!.lines[0].after).toBeCloseTo(1, 12);
    expect(check(p, /Net leverage/).status).toBe("pass");
    expect(check(p, /Collateral/)).toMatchObject({ status: "fail", detail: "Below 1: Fall 0.67 (need 1,500)." });
    expect(p.chart!.series[0].values[0]).toBeCloseTo(2 / 3, 12);
  });

  test("the buffer in bp against TPR's 250 + 100bp, from the typed results: 800 T-Bond futures, 350bp exactly", async () => {
    // CME's T-Bond DV01 137.54 x 800 = 110,032 per bp; (41,711,200 - 3,200,000) / 110,032 = 350bp (TPR's example).
    const p = await propose(
      "leverage",
      {
        Portfolio: [
          ["Asset class", "Market value", "Target", "Min", "Max"],
          ["Bonds", 1000, 1, 0, 1],
        ],
        Positions: [
          ["Contract", "Quantity", "Price", "Multiplier", "Margin", "Factor", "DV01"],
          ["US T-Bond", 800, 120, 1000, 4000, "Rates", 137.54],
        ],
        Collateral: [
          ["Asset", "Value", "Haircut", "Tier"],
          ["Cash", 11_711_200, 0, 1],
          ["Gilts", 32_000_000, 0.0625, 2],
        ],
        Scenarios: [
          ["Scenario", "Rates"],
          ["FPC 250bp", 250],
        ],
      },
      { minCoverage: 1.2 },
    );
    expect(check(p, /TPR/)).toMatchObject({ status: "pass", detail: "350 bp; required 350 bp (market stress 250 + operational 100)." });
    expect(check(p, /T\+1/).status).toBe("pass");
    expect(p.notes).toContain("Rate rise to exhaust the collateral (full revaluation): 350 bp.");
    expect(p.notes).toContain("Equity fall to exhaust the collateral: no return positions.");
    expect(p.notes!.some((n) => /%/.test(n) && /exhaust/.test(n))).toBe(false);
    expect(p.notes).toContain("Resilience: the collateral sustains 1.00 times today's rate hedge at a 350 bp buffer.");
    const buffer = p.figures!.find((g) => /buffer/i.test(g.title))!.rows;
    expect(buffer.find((f) => f.label === "Buffer")!.value).toBeCloseTo(350, 6);
    expect(buffer.find((f) => f.label === "Required")!.value).toBe(350);
    // Variation margin figures: 250 x 800 x 137.54, full and linear alike for a DV01-only row.
    const vm = p.figures!.find((g) => /Variation margin/.test(g.title))!.rows[0];
    expect(vm).toMatchObject({ label: "FPC 250bp", format: "money", unit: "linear 27,508,000" });
    expect(vm.value).toBeCloseTo(27_508_000, 4);
  });
});

describe("Completion", () => {
  test("the sample plan: the sleeve is COMPLETION's weights and adds up to the budget", async () => {
    const p = await propose("completion", { Holdings: S.HOLDINGS, Loadings: S.LOADINGS, Targets: S.TARGETS }, { value: 1e9 });
    const spill = (await ok("COMPLETION", S.HOLDINGS, S.LOADINGS, S.TARGETS)) as unknown[][];
    const sleeve = spill.slice(
      0,
      spill.findIndex((row) => row.every((c) => c === "")),
    );
    const weights = rowsOf(sleeve as never).filter(
      (r) => typeof r.Weight === "number" && r.Security !== "Total" && Math.abs(r.Weight as number) >= 1e-9,
    );
    expect(p.trades.map((t) => [t.instrument, t.quantity, t.notional])).toEqual(
      weights.map((r) => [r.Security, r.Weight, (r.Weight as number) * 1e9]),
    );
    expect(check(p, /budget/).status).toBe("pass");
    expect(check(p, /gaps reduced/).status).toBe("pass");
  });
});

describe("every workflow on the sample workbook", () => {
  test.each(WORKFLOWS.map((w) => [w.id]))("%s: finds its tables by name and proposes", async (id) => {
    const wb = S.samplePlan();
    const w = findWorkflow(id)!;
    const sources = defaultSources(w, await wb.listTables());
    // Every required input is a table of the sample (an optional one, like the options' Smile, may be absent).
    const present = w.inputs.filter((i) => !i.optional || sources[i.name]?.kind === "table");
    for (const i of w.inputs.filter((i) => !i.optional)) expect(sources[i.name]).toEqual({ kind: "table", name: i.name });
    const p = await runWorkflow(wb, w, sources, { ...((S.SAMPLE_OPTIONS as Record<string, object>)[id] ?? {}) });
    expect(p.workflow).toBe(id);
    expect(p.checks.length).toBeGreaterThan(0);
    expect(p.results.every((r) => r.formula.startsWith("=OVERLAY."))).toBe(true);
    expect(p.inputs.map((i) => i.ref)).toEqual(present.map((i) => `${i.name}[#All]`));
  });
});

describe("Daily proposal", () => {
  // NAV 1,000 at target; ES and FV worth 10 a contract. The tilt "Risk on" (+5% Equity, -5% Bonds) is active on
  // day 46000: +50 of Equity = 5 ES, -50 of Bonds = 5 FV sold. The minimum of 5 contracts keeps both.
  const portfolio = [
    ["Asset class", "Market value", "Target", "Min", "Max"],
    ["Equity", 550, 0.55, 0.45, 0.65],
    ["Bonds", 400, 0.4, 0.3, 0.5],
    ["Cash", 50, 0.05, 0, 0.1],
  ];
  const tilts = [
    ["Id", "Asset class", "Tilt", "Start", "Expiry"],
    ["Risk on", "Equity", 0.05, 45990, 46090],
    ["Risk on", "Bonds", -0.05, "", ""],
  ];
  test("hand-worked: the tilt is put on, netted per contract, with one set of checks; the figures are DAILY's", async () => {
    const p = await propose(
      "daily",
      { Portfolio: portfolio, Futures: FUTURES, Tilts: tilts },
      { asOf: 46000, minContracts: 5, minNotional: 0 },
    );
    expect(p.trades.map((t) => [t.instrument, t.side, t.quantity, t.notional])).toEqual([
      ["ES", "Buy", 5, 50],
      ["FV", "Sell", 5, -50],
    ]);
    expect(check(p, /net to zero/).status).toBe("pass");
    expect(check(p, /One trade per contract/).status).toBe("pass");
    expect(check(p, /inside ranges/).status).toBe("pass");
    expect(p.notes![0]).toBe("Tilt Risk on: active (until 46090).");
    const spill = rowsOf(await ok("DAILY", portfolio, FUTURES, 46000, undefined, tilts, undefined, undefined, 5)).filter(
      (r) => typeof r.Contracts === "number" && r.Contracts !== 0,
    );
    expect(p.trades.map((t) => (t.side === "Sell" ? -t.quantity : t.quantity))).toEqual(spill.map((r) => r.Contracts));
    // after expiry the same plan proposes nothing (the tilt was never put on in this portfolio: nothing to unwind)
    const later = await propose("daily", { Portfolio: portfolio, Futures: FUTURES, Tilts: tilts }, { asOf: 46090 });
    expect(later.trades).toEqual([]);
  });
  // Net leverage 0.95 (Cash 5% of 1,000). A floor of 0.98 needs +30: pro rata to the targets 17.4 of Equity (1 ES)
  // and 12.6 of Bonds (1 FV), then one more ES for the last 10: 2 ES, 1 FV, net leverage 0.98. A floor of 1.05 needs
  // +100 but Cash may fall only to its 0% min (+50): 5 ES-and-FV contracts, 1.00, and the check says why.
  test("leverage bounds: the daily proposal brings net leverage inside, or its check says which bound cannot be met", async () => {
    const tables = { Portfolio: portfolio, Futures: FUTURES };
    const p = await propose("daily", tables, { asOf: 46000, minContracts: 0, minNotional: 0, minLeverage: 0.98, maxLeverage: 1.1 });
    expect(p.trades.map((t) => [t.instrument, t.side, t.quantity])).toEqual([
      ["ES", "Buy", 2],
      ["FV", "Buy", 1],
    ]);
    expect(check(p, /Net leverage/)).toEqual({
      name: "Net leverage within bounds",
      status: "pass",
      detail: "net leverage 0.9500 before, 0.9800 after; bounds [0.98, 1.1].",
    });
    const q = await propose("daily", tables, { asOf: 46000, minContracts: 0, minNotional: 0, minLeverage: 1.05 });
    expect(q.trades.reduce((s, t) => s + t.quantity, 0)).toBe(5);
    expect(check(q, /Net leverage/).status).toBe("warn");
    expect(check(q, /Net leverage/).detail).toBe(
      "net leverage 0.9500 before, 1.0000 after, outside [1.05, none]. Net leverage cannot be brought up to its floor of 1.05 " +
        "inside the ranges: 1.0000 after the trades (needs 0.1000 of NAV; Cash at 5.00% has 0.0500 of NAV of room above its min (0.00%)).",
    );
    expect(check(q, /inside ranges/).status).toBe("pass");
    const none = await propose("daily", tables, { asOf: 46000 });
    expect(none.checks.some((c) => /Net leverage/.test(c.name))).toBe(false);
  });
});

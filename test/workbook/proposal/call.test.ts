import { ExcelError } from "../../../src/functions/excel";
import { attributeError, callRegistry, callTyped, formulaOf } from "../../../src/workbook/proposal/call";
import { ExposureReport } from "../../../src/engine/portfolio/exposure";
import { WorkflowError } from "../../../src/workbook/proposal/model";

describe("errors beside the field they concern", () => {
  const fields = [
    { field: "Portfolio", names: ["Portfolio", "portfolio"] },
    { field: "Futures", names: ["Futures", "futures"] },
    { field: "rule", names: ["rule"] },
    { field: "cash", names: ["cash"] },
  ];
  test("the argument a message starts with", () => {
    expect(attributeError("Portfolio row 4 (Private equity): Target must be a number, got 'n/a'", fields)).toBe("Portfolio");
    expect(attributeError("Futures row 2 (ES): Price must be > 0, got -5", fields)).toBe("Futures");
    expect(attributeError('rule must be one of "target", "edge", "halfway", got \'up\'', fields)).toBe("rule");
    expect(attributeError("cash: the portfolio has no Cash row, so give the cash to equitise", fields)).toBe("cash");
  });
  test("else the first argument named in it, else none", () => {
    expect(attributeError("Asset class 'Gold' of the futures is not in the portfolio", fields)).toBe("Futures");
    expect(attributeError("The result is empty", fields)).toBeUndefined();
    // Whole words only: "cashflows" is not "cash".
    expect(attributeError("cashflows has no rows", fields)).toBeUndefined();
  });
});

describe("calls through the registry", () => {
  const portfolio = [
    ["Asset class", "Market value", "Target", "Min", "Max"],
    ["Equity", 700, 0.6, 0.55, 0.65],
    ["Bonds", 300, 0.4, 0.35, 0.45],
  ];
  test("a result is the function's spill, exactly; the typed half gives the same figures as data", async () => {
    const call = { fn: "EXPOSURE", args: [{ input: "Portfolio" as const }] };
    const inputs = { Portfolio: { ref: "Portfolio[#All]", values: portfolio } };
    const r = (await callRegistry(call, inputs, {})) as unknown[][];
    expect(r.slice(1).map((row) => row[0])).toEqual(["Equity", "Bonds", "Total"]);
    const typed = await callTyped<ExposureReport>(call, inputs, {});
    expect(typed.lines.map((l) => l.assetClass)).toEqual(["Equity", "Bonds"]);
    expect(typed.lines[0].effectiveWeight).toBeCloseTo(0.7, 15);
    expect(typed.total.physical).toBe(1000);
    // The spill is laid out from the same figures.
    expect(r[1][r[0].indexOf("Effective weight")]).toBe(typed.lines[0].effectiveWeight);
  });
  test("a typed call's engine error is placed at the field of the argument it names (OverlayError.arg)", async () => {
    const bad = portfolio.map((r) => r.slice());
    bad[1][1] = "lots";
    const e = await callTyped(
      { fn: "EXPOSURE", args: [{ input: "Portfolio" }] },
      { Portfolio: { ref: "P", values: bad } },
      {},
    ).catch((x: WorkflowError) => x);
    expect(e).toBeInstanceOf(WorkflowError);
    if (!(e instanceof WorkflowError)) return;
    expect([e.field, e.code]).toEqual(["Portfolio", "#VALUE!"]);
    expect(e.message).toMatch(/Portfolio row 1 \(Equity\): Market value must be a number, got 'lots'/);
  });
  test("an Excel error becomes a WorkflowError on the field it names, with the code", async () => {
    const bad = portfolio.map((r) => r.slice());
    bad[2][2] = "n/a";
    const e = await callRegistry({ fn: "EXPOSURE", args: [{ input: "Portfolio" }] }, { Portfolio: { ref: "P", values: bad } }, {}).catch(
      (x) => x,
    );
    expect(e).toBeInstanceOf(WorkflowError);
    expect(e.field).toBe("Portfolio");
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(/Portfolio row 2 \(Bonds\): Target must be a number/);
    expect(e).not.toBeInstanceOf(ExcelError);
  });
  test("an unknown function is named in words", async () => {
    await expect(callRegistry({ fn: "NOSUCH", args: [] }, {}, {})).rejects.toThrow(/OVERLAY.NOSUCH is not available/);
  });
});

describe("formulas", () => {
  test("the formula a cell would hold", () => {
    const f = formulaOf(
      {
        fn: "REBALANCE",
        args: [{ input: "Portfolio" }, { input: "Futures" }, { option: "rule" }, { option: "trigger" }, { option: "rounding" }],
      },
      { Portfolio: { ref: "Portfolio[#All]", values: [] }, Futures: { ref: "Plan!A14:G20", values: [] } },
      { rule: "edge", trigger: "", rounding: undefined },
    );
    expect(f).toBe('=OVERLAY.REBALANCE(Portfolio[#All],Plan!A14:G20,"edge")');
    expect(formulaOf({ fn: "PAYOFF", args: [{ value: 'say "hi"' }, { value: [[1], [2.5]] }, { value: "5%" }] }, {}, {})).toBe(
      '=OVERLAY.PAYOFF("say ""hi""",{1;2.5},5%)',
    );
    expect(formulaOf({ fn: "X", args: [{ value: 1 }, { value: undefined }, { value: true }] }, {}, {})).toBe("=OVERLAY.X(1,,TRUE)");
  });
});

import { ExcelError } from "../../../src/functions/excel";
import { attributeError, callRegistry, formulaOf, splitSpill, spillTable } from "../../../src/workbook/proposal/call";
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
  test("a result is the function's spill, exactly", async () => {
    const r = await callRegistry(
      { fn: "EXPOSURE", args: [{ input: "Portfolio" }] },
      { Portfolio: { ref: "Portfolio[#All]", values: portfolio } },
      {},
    );
    const t = spillTable(r, "EXPOSURE");
    expect(t.rows.map((row) => t.text(row, "Asset class"))).toEqual(["Equity", "Bonds"]);
    expect(t.num(t.rows[0], "effective weight")).toBeCloseTo(0.7, 15);
    expect(t.total && t.num(t.total, "Physical")).toBe(1000);
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

describe("formulas and stacked spills", () => {
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
  test("splits at empty rows and trims each part's empty columns", () => {
    const parts = splitSpill(
      [
        ["A", "B", "", ""],
        [1, 2, "", ""],
        ["", "", "", ""],
        ["C", "D", "E", "F"],
        [3, 4, 5, 6],
      ],
      "X",
    );
    expect(parts).toEqual([
      [
        ["A", "B"],
        [1, 2],
      ],
      [
        ["C", "D", "E", "F"],
        [3, 4, 5, 6],
      ],
    ]);
  });
});

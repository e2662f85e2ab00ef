/** The formula parser and evaluator: Excel's operator precedence, references as text, add-in function names. */
import { ExcelError } from "../../../../src/functions/excel";
import { evaluate } from "../../../../src/cli/xlsx/formula/evaluate";
import { canonicalName, parseFormula } from "../../../../src/cli/xlsx/formula/parse";
import { numberToText } from "../../../../src/cli/xlsx/formula/operators";

const ev = (text: string) => evaluate(parseFormula(text, { operators: true }));

describe("operators are for workbook formulas (overlay run); overlay eval keeps to literals and calls", () => {
  test("without the operators option, a binary operator is a syntax error", () => {
    expect(() => parseFormula("=OVERLAY.X(1)+2")).toThrow(/unexpected '\+' \(operators other than unary minus are not supported\)/);
    expect(() => parseFormula("=OVERLAY.X(2*3)")).toThrow(/expected '\)'/);
    expect(parseFormula("=OVERLAY.X(-A1)")).toEqual({
      kind: "call",
      name: "OVERLAY.X",
      args: [{ kind: "negate", arg: { kind: "ref", text: "A1" } }],
    });
  });
});

describe("operators follow Excel's precedence", () => {
  // Expected values from Excel's documented precedence (support.microsoft.com, "Calculation operators and
  // precedence in Excel"): negation before %, % before ^, ^ before * /, then + -, then &, then comparisons.
  test.each([
    ["=1+2*3", 7],
    ["=(1+2)*3", 9],
    ["=-2^2", 4],
    ["=2^3^2", 64],
    ["=10-4-3", 3],
    ["=12/3/2", 2],
    ["=50%*4", 2],
    ["=1+2&3", "33"],
    ["=1+1=2", true],
    ['="a"&"b"="AB"', true],
    ["=2<10", true],
    ['="2"<"10"', false],
    ['=1<"a"', true],
    ['="z"<TRUE', true],
    ['="3"+1', 4],
    ["=TRUE+TRUE", 2],
    ['=1/3&""', "0.333333333333333"],
    ["=-(-3)", 3],
    ["=+5", 5],
    ["=2*-3", -6],
    ["=1e3", 1000],
  ])("%s", async (text, expected) => {
    expect(await ev(text)).toEqual(expected);
  });

  test("arrays combine element by element, a single row or column repeating", async () => {
    expect(await ev("={1,2;3,4}*10")).toEqual([
      [10, 20],
      [30, 40],
    ]);
    expect(await ev("={1,2}+{10;20}")).toEqual([
      [11, 12],
      [21, 22],
    ]);
    const e = (await ev("={1,2,3}+{1,2}")) as ExcelError;
    expect(e.code).toBe("#VALUE!");
    expect(e.message).toMatch(/1 x 3 and 1 x 2/);
  });

  test.each([
    ["=1/0", "#DIV/0!", /Division by zero/],
    ["=0^0", "#NUM!", /0\^0/],
    ["=(-8)^(1/3)", "#NUM!", /fractional power/],
    ["=10^400", "#NUM!", /not a finite number/],
    ['="abc"*2', "#VALUE!", /\* needs numbers, got 'abc'/],
    ["={1,0}/{1,0}", "#DIV/0!", /array row 1, column 2/],
    ['=-"x"', "#VALUE!", /- needs numbers/],
  ])("%s is %s", async (text, code, message) => {
    const e = (await ev(text)) as ExcelError;
    expect(e).toBeInstanceOf(ExcelError);
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
    // No word a JavaScript failure would leave ("0^0 is undefined" read like one: seed 462209717).
    expect(e.message).not.toMatch(/undefined|NaN|Infinity/);
  });

  test("numbers as Excel's General format writes them in text", () => {
    expect(numberToText(1234.5)).toBe("1234.5");
    expect(numberToText(0.1 + 0.2)).toBe("0.3");
    expect(numberToText(1e20)).toBe("1E+20");
    expect(numberToText(-2.5e-12)).toBe("-2.5E-12");
  });
});

describe("references and names", () => {
  test("references stay text for the resolver, the spill operator included", () => {
    const e = parseFormula("=OVERLAY.X(A1,$B$2:C3,'My sheet'!A1:B9,Portfolio[[#Headers],[Col]],H2#,Sheet1!H2#,[@Target],A:C,2:5,Rate)");
    expect(e.kind === "call" && e.args.map((a) => (a.kind === "ref" ? a.text : a.kind))).toEqual([
      "A1",
      "$B$2:C3",
      "'My sheet'!A1:B9",
      "Portfolio[[#Headers],[Col]]",
      "H2#",
      "Sheet1!H2#",
      "[@Target]",
      "A:C",
      "2:5",
      "Rate",
    ]);
  });

  test("a column name with an escaped bracket stays in its structured reference", () => {
    const e = parseFormula("=OVERLAY.X(T[Col '[1']],1)");
    expect(e.kind === "call" && e.args[0]).toEqual({ kind: "ref", text: "T[Col '[1']]" });
  });

  test.each([
    ["_xldudf_OVERLAY_REBALANCE", "OVERLAY.REBALANCE"],
    ["_XLDUDF_OVERLAY.OPTION", "OVERLAY.OPTION"],
    ["[2]!_xldudf_OVERLAY_PV01", "OVERLAY.PV01"],
    ["_xll.OVERLAY.BOND", "OVERLAY.BOND"],
    ["_xlfn.ANCHORARRAY", "ANCHORARRAY"],
    ["OVERLAY.EXPOSURE", "OVERLAY.EXPOSURE"],
    ["sum", "SUM"],
  ])("%s is %s", (name, canonical) => {
    expect(canonicalName(name)).toBe(canonical);
  });

  test("Excel's saved form of an add-in function evaluates like its name", async () => {
    expect(await ev("=_xldudf_OVERLAY_CONTRACTS(25000000,5000,250)")).toBe(20);
    expect(await ev("=[2]!_xldudf_OVERLAY_CONTRACTS(25000000,5000,250)")).toBe(20);
  });

  test("references without a workbook are #REF!, other functions #NAME?", async () => {
    expect(((await ev("=OVERLAY.CONTRACTS(A1,5000,250)")) as ExcelError).code).toBe("#REF!");
    expect(await ev("=SUM(1,2)")).toBe(3);
    expect(((await ev("=OFFSET(1,2)")) as ExcelError).message).toBe("OFFSET is not a function the overlay command evaluates");
  });
});

describe("limits: no recursion a formula can drive (issue 20); each refusal says what and the limit", () => {
  test("nested parentheses: 100 levels evaluate, 200 are refused in words", async () => {
    expect(await ev("=" + "(".repeat(100) + "1" + ")".repeat(100))).toBe(1);
    expect(() => parseFormula("=" + "(".repeat(200) + "1" + ")".repeat(200), { operators: true })).toThrow(
      /more than 100 levels of nested parentheses, functions or signs \(Excel allows 64 nested functions\)/,
    );
    expect(() => parseFormula("=" + "-".repeat(5000) + "1", { operators: true })).toThrow(/more than 100 levels/);
  });
  test("a chain of 999 operators evaluates; a deeper tree is refused", async () => {
    expect(await ev("=" + Array(1000).fill("1").join("+"))).toBe(1000);
    expect(() => parseFormula("=" + Array(1100).fill("1").join("+"), { operators: true })).toThrow(/more than 1000 levels deep/);
  });
  test("a long argument list (4,000 arguments) evaluates; a formula past Excel's 8,192 characters is refused", async () => {
    expect(await ev("=SUM(" + Array(4000).fill("1").join(",") + ")")).toBe(4000);
    expect(() => parseFormula("=SUM(" + Array(5000).fill("1").join(",") + ")", { operators: true })).toThrow(
      /the formula has 10005 characters, more than Excel's limit of 8192/,
    );
  });
  test("an operator that would broadcast past the array limit is refused before building it", async () => {
    const e = parseFormula("=A1:A1000*B1:J1", { operators: true });
    const col = Array.from({ length: 1000 }, (_, i) => [i]);
    const row = [Array.from({ length: 9 }, (_, i) => i)];
    const resolve = (ref: string) => (ref === "A1:A1000" ? col : row);
    expect(await evaluate(e, { resolve, maxCells: 5000 })).toMatchObject({
      code: "#NUM!",
      message: "The operator * would build an array of 1000 x 9 cells, more than the limit of 5000 cells",
    });
    expect(((await evaluate(e, { resolve })) as number[][]).length).toBe(1000);
  });
});

describe("junk formulas (fast-check): never an exception, never a JavaScript message", () => {
  const TOKENS = [
    "(",
    ")",
    ",",
    "+",
    "-",
    "*",
    "/",
    "^",
    "&",
    "=",
    "<>",
    "%",
    "1",
    "0",
    "2.5",
    '"a"',
    '""',
    "TRUE",
    "{1,2;3,4}",
    "A1",
    "A1:B2",
    "A:A",
    "#N/A",
    "SUM(",
    "ROUND(",
    "INDEX(",
    "IF(",
    "IFERROR(",
    "XLOOKUP(",
    "SUMIFS(",
    "VLOOKUP(",
    "MATCH(",
    "DATE(",
    "AND(",
    "OVERLAY.CONTRACTS(",
    "OFFSET(",
  ];
  const BAD = /Cannot read properties|Maximum call stack|undefined|NaN|Infinity|at .*\.ts:\d+/;
  test("random token strings parse to a worded syntax error or evaluate to a value or an Excel error", async () => {
    const fc = await import("fast-check");
    const resolve = (ref: string) =>
      ref === "A1"
        ? 3
        : ref === "A:A"
          ? [[1], [2], ["x"]]
          : [
              [1, "a"],
              [true, ""],
            ];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...TOKENS), { minLength: 1, maxLength: 30 }), async (tokens) => {
        const text = "=" + tokens.join("");
        let e;
        try {
          e = parseFormula(text, { operators: true });
        } catch (err) {
          expect((err as Error).name).toBe("FormulaSyntaxError");
          expect((err as Error).message).not.toMatch(BAD);
          return;
        }
        const v = await evaluate(e, { resolve, today: 46052 });
        if (v instanceof ExcelError) expect(v.message).not.toMatch(BAD);
        else for (const x of Array.isArray(v) ? v.flat() : [v]) if (typeof x === "number") expect(Number.isFinite(x)).toBe(true);
      }),
      { numRuns: 3000 },
    );
    // 3,000 formulas parsed and evaluated: room for a loaded machine (the default 5 s timed out once, the figures
    // are not timed here).
  }, 120_000);
});

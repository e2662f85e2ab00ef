/**
 * Excel's ordinary functions as overlay run evaluates them (functions.ts over @formulajs/formulajs), against
 * the worked examples of Microsoft's function reference (support.microsoft.com, "<NAME> function"), cited per
 * case, and the remarks there where the library alone differs (text in ranges, criteria, SUMPRODUCT, INDEX).
 */
import { ExcelError, Result } from "../../../../src/functions/excel";
import { evaluate } from "../../../../src/cli/xlsx/formula/evaluate";
import { parseFormula } from "../../../../src/cli/xlsx/formula/parse";

type Grid = Record<string, Result>;
const col = (...xs: (number | string | boolean)[]) => xs.map((x) => [x]);

/** Evaluates a formula whose references are the given ranges (as a workbook would hand them over). */
async function ev(text: string, refs: Grid = {}, today?: number): Promise<unknown> {
  const v = await evaluate(parseFormula(text, { operators: true }), {
    resolve: (ref) => (ref in refs ? refs[ref] : new ExcelError("#REF!", `no ${ref} in the test grid`)),
    today,
  });
  return v instanceof ExcelError ? { code: v.code, message: v.message } : v;
}

describe("aggregates: text and logical values in references are ignored, typed ones counted (Microsoft: SUM, AVERAGE, MIN, MAX)", () => {
  const A = { "A2:A6": col(10, 7, 9, 27, 2) };
  test("AVERAGE, MIN, MAX worked examples", async () => {
    expect(await ev("=AVERAGE(A2:A6)", A)).toBe(11); // Microsoft: AVERAGE, example 1
    expect(await ev("=AVERAGE(A2:A6, 5)", A)).toBe(10); // example 2
    expect(await ev("=MIN(A2:A6)", A)).toBe(2); // Microsoft: MIN
    expect(await ev("=MIN(A2:A6,0)", A)).toBe(0);
    expect(await ev("=MAX(A2:A6)", A)).toBe(27); // Microsoft: MAX
    expect(await ev("=MAX(A2:A6,30)", A)).toBe(30);
  });
  test("a range's text and TRUE are skipped; typed '2' and TRUE count; MIN/MAX of no numbers is 0", async () => {
    const g = { "B1:B4": col(1, "2", true, "") };
    expect(await ev("=SUM(B1:B4)", g)).toBe(1);
    expect(await ev('=SUM(1,"2",TRUE)')).toBe(4);
    expect(await ev("=SUM(B1:B4, 5)", g)).toBe(6);
    expect(await ev('=SUM("a")')).toMatchObject({ code: "#VALUE!", message: "SUM: argument 1 must be a number, got 'a'" });
    expect(await ev("=MAX(C1:C2)", { "C1:C2": col("x", "") })).toBe(0);
    expect(await ev("=AVERAGE(C1:C2)", { "C1:C2": col("x", "") })).toMatchObject({ code: "#DIV/0!" });
    expect(await ev("=COUNT(B1:B4)", g)).toBe(1);
    expect(await ev("=COUNTA(B1:B4)", g)).toBe(3);
    expect(await ev("=PRODUCT(A2:A6)", A)).toBe(34020);
  });
});

describe("criteria (Microsoft: SUMIFS, COUNTIF, COUNTIFS)", () => {
  // Microsoft: SUMIFS function, example 1.
  const S = {
    "A2:A9": col(5, 4, 15, 3, 22, 12, 10, 33),
    "B2:B9": col("Apples", "Apples", "Artichokes", "Artichokes", "Bananas", "Bananas", "Carrots", "Carrots"),
    "C2:C9": col("Tom", "Sarah", "Tom", "Sarah", "Tom", "Sarah", "Tom", "Sarah"),
  };
  test("SUMIFS worked examples", async () => {
    expect(await ev('=SUMIFS(A2:A9, B2:B9, "=A*", C2:C9, "Tom")', S)).toBe(20);
    expect(await ev('=SUMIFS(A2:A9, B2:B9, "<>Bananas", C2:C9, "Tom")', S)).toBe(30);
    expect(await ev('=SUMIFS(A2:A9, B2:B9, "apples")', S)).toBe(9); // text criteria ignore case
  });
  // Microsoft: COUNTIF function, examples.
  const C = { "A2:A5": col("apples", "oranges", "peaches", "apples"), "B2:B5": col(32, 54, 75, 86), A4: "peaches", B4: 75 };
  test("COUNTIF worked examples", async () => {
    expect(await ev('=COUNTIF(A2:A5,"apples")', C)).toBe(2);
    expect(await ev("=COUNTIF(A2:A5,A4)", C)).toBe(1);
    expect(await ev('=COUNTIF(B2:B5,">55")', C)).toBe(2);
    expect(await ev('=COUNTIF(B2:B5,"<>"&B4)', C)).toBe(3);
    expect(await ev('=COUNTIF(B2:B5,">=32")-COUNTIF(B2:B5,">85")', C)).toBe(3);
    expect(await ev('=COUNTIF(A2:A5,"*")', C)).toBe(4);
    expect(await ev('=COUNTIF(A2:A5,"?????es")', C)).toBe(2);
  });
  test('COUNTIF(range, "") counts empty cells; a number criterion matches numbers and numeric text', async () => {
    expect(await ev('=COUNTIF(D1:D4,"")', { "D1:D4": col(1, "", "x", "") })).toBe(2);
    expect(await ev("=COUNTIF(D1:D3,1)", { "D1:D3": col(1, "1", 2) })).toBe(2);
  });
  // Microsoft: COUNTIFS function, example 1 (quotas exceeded by salesperson, B:D = Q1..Q3).
  test("COUNTIFS worked examples", async () => {
    const Q = {
      "B2:D2": [["Yes", "No", "No"]],
      "B2:B5": col("Yes", "Yes", "Yes", "No"),
      "C2:C5": col("No", "Yes", "Yes", "Yes"),
      "B5:D5": [["No", "Yes", "Yes"]],
      "B3:D3": [["Yes", "Yes", "No"]],
    };
    expect(await ev('=COUNTIFS(B2:D2,"=Yes")', Q)).toBe(1);
    expect(await ev('=COUNTIFS(B2:B5,"=Yes",C2:C5,"=Yes")', Q)).toBe(2);
    expect(await ev('=COUNTIFS(B5:D5,"=Yes",B3:D3,"=Yes")', Q)).toBe(1);
  });
  test("SUMIF with and without a sum range; ranges of different sizes in SUMIFS are #VALUE!", async () => {
    expect(await ev('=SUMIF(B2:B5,">55")', C)).toBe(161);
    expect(await ev('=SUMIF(A2:A5,"apples",B2:B5)', C)).toBe(118);
    expect(await ev('=SUMIFS(B2:B5,A2:A9,"x")', { ...C, ...S })).toMatchObject({ code: "#VALUE!" });
  });
});

describe("lookups (Microsoft: INDEX, MATCH, VLOOKUP, XLOOKUP)", () => {
  const D = {
    "A2:B3": [
      ["Apples", "Lemons"],
      ["Bananas", "Pears"],
    ],
  };
  test("INDEX: array form worked examples; row or column 0 gives the whole column or row", async () => {
    expect(await ev("=INDEX(A2:B3,2,2)", D)).toBe("Pears");
    expect(await ev("=INDEX(A2:B3,2,1)", D)).toBe("Bananas");
    expect(await ev("=INDEX({1,2;3,4},0,2)")).toEqual([[2], [4]]);
    expect(await ev("=INDEX({1,2;3,4},1,0)")).toEqual([[1, 2]]);
    expect(await ev("=INDEX({1,2,3},2)")).toBe(2); // one row: the index is the column
    expect(await ev("=INDEX(A2:B3,3,1)", D)).toMatchObject({ code: "#REF!" });
  });
  test("MATCH worked examples (Microsoft: MATCH, B2:B5 = 25, 38, 40, 41)", async () => {
    const B = { "B2:B5": col(25, 38, 40, 41) };
    expect(await ev("=MATCH(39,B2:B5,1)", B)).toBe(2);
    expect(await ev("=MATCH(41,B2:B5,0)", B)).toBe(4);
    expect(await ev('=MATCH("B",{"a","b","c"},0)')).toBe(2);
  });
  test("VLOOKUP exact and approximate (Microsoft: VLOOKUP, range_lookup)", async () => {
    const T = {
      tblPrices: [
        ["ES", 5000],
        ["TY", 112.5],
        ["FV", 108.25],
      ],
    };
    expect(await ev('=VLOOKUP("ty", tblPrices, 2, FALSE)', T)).toBe(112.5);
    expect(await ev('=VLOOKUP("ZZ", tblPrices, 2, FALSE)', T)).toMatchObject({ code: "#N/A" });
    expect(await ev('=VLOOKUP(2.5,{1,"a";2,"b";3,"c"},2,TRUE)')).toBe("b");
    expect(await ev('=IFERROR(VLOOKUP("ZZ", tblPrices, 2, FALSE), 0)', T)).toBe(0);
  });
  test("XLOOKUP: exact, if_not_found, next smaller (-1) and next larger (1), a row returned, last-to-first", async () => {
    const X = {
      "A1:A4": col("ES", "TY", "FV", "TY"),
      "B1:B4": col(1, 2, 3, 4),
      "C1:D4": [
        [1, 10],
        [2, 20],
        [3, 30],
        [4, 40],
      ],
    };
    expect(await ev('=XLOOKUP("ty",A1:A4,B1:B4)', X)).toBe(2);
    expect(await ev('=XLOOKUP("ty",A1:A4,B1:B4,,0,-1)', X)).toBe(4);
    expect(await ev('=XLOOKUP("US",A1:A4,B1:B4,"none")', X)).toBe("none");
    expect(await ev('=XLOOKUP("US",A1:A4,B1:B4)', X)).toMatchObject({
      code: "#N/A",
      message: "XLOOKUP: 'US' not found in the lookup array",
    });
    expect(await ev("=XLOOKUP(25,{10;20;30},{1;2;3},,-1)")).toBe(2);
    expect(await ev("=XLOOKUP(25,{10;20;30},{1;2;3},,1)")).toBe(3);
    expect(await ev('=XLOOKUP("FV",A1:A4,C1:D4)', X)).toEqual([[3, 30]]);
  });
});

describe("logic, rounding, dates", () => {
  test("IF evaluates only the branch taken; IFERROR (Microsoft: IFERROR, Quota/Units example)", async () => {
    expect(await ev('=IF(1>2, 1/0, "ok")')).toBe("ok");
    expect(await ev("=IF(FALSE, 1)")).toBe(false);
    expect(await ev('=IFERROR(210/35,"Error in calculation")')).toBe(6);
    expect(await ev('=IFERROR(55/0,"Error in calculation")')).toBe("Error in calculation");
    expect(await ev('=IFERROR(A1/23,"Error in calculation")', { A1: "" })).toBe(0);
    expect(await ev("=IFNA(NA(), 7)")).toBe(7);
    expect(await ev("=IFNA(1/0, 7)")).toMatchObject({ code: "#DIV/0!" });
    expect(await ev('=IFS(1>2,"a",2>1,"b")')).toBe("b");
    expect(await ev('=SWITCH(2,1,"one",2,"two","other")')).toBe("two");
    expect(await ev('=CHOOSE(2,"a","b","c")')).toBe("b");
  });
  test("AND, OR (Microsoft: AND, A2 = 50: =AND(A2>1,A2<100) is TRUE); text in a range is ignored", async () => {
    expect(await ev("=AND(A2>1,A2<100)", { A2: 50 })).toBe(true);
    expect(await ev("=OR(A2<1,A2>100)", { A2: 50 })).toBe(false);
    expect(await ev("=AND(R1:R3)", { "R1:R3": col(true, "x", 1) })).toBe(true);
  });
  test("ROUND worked examples (Microsoft: ROUND); ABS; ROUND over an array works element by element", async () => {
    expect(await ev("=ROUND(2.15, 1)")).toBe(2.2);
    expect(await ev("=ROUND(2.149, 1)")).toBe(2.1);
    expect(await ev("=ROUND(-1.475, 2)")).toBe(-1.48);
    expect(await ev("=ROUND(21.5, -1)")).toBe(20);
    expect(await ev("=ROUND(626.3,-3)")).toBe(1000);
    expect(await ev("=ROUND(1.98,-1)")).toBe(0);
    expect(await ev("=ROUND(-50.55,-2)")).toBe(-100);
    expect(await ev("=ABS(-4)")).toBe(4);
    expect(await ev("=ROUND({1.25,2.75},1)")).toEqual([[1.3, 2.8]]);
    expect(await ev("=MAX(0, A1-B1)", { A1: 0.1, B1: 0.25 })).toBe(0);
  });
  test("dates are serial numbers (Microsoft: DATE, EDATE, EOMONTH examples); TODAY is the run's date", async () => {
    expect(await ev("=DATE(2011,1,1)")).toBe(40544);
    expect(await ev("=DATE(2008,7,8)")).toBe(39637);
    expect(await ev("=EDATE(DATE(2011,1,15),1)")).toBe(40589);
    expect(await ev("=EDATE(DATE(2011,1,15),-1)")).toBe(40527);
    expect(await ev("=EDATE(DATE(2011,1,15),2)")).toBe(40617);
    expect(await ev("=EOMONTH(DATE(2011,1,1),1)")).toBe(40602);
    expect(await ev("=EOMONTH(DATE(2011,1,1),-3)")).toBe(40482);
    expect(await ev("=YEAR(40602)")).toBe(2011);
    expect(await ev("=TODAY()", {}, 46027)).toBe(46027);
    expect(await ev("=TODAY()+30", {}, 46027)).toBe(46057);
  });
  test("SUMPRODUCT treats entries that are not numbers as 0; arrays of different sizes are #VALUE! (Microsoft: SUMPRODUCT, Remarks)", async () => {
    expect(
      await ev("=SUMPRODUCT(A1:B2,C1:D2)", {
        "A1:B2": [
          [1, "a"],
          [2, 3],
        ],
        "C1:D2": [
          [1, 1],
          [1, 1],
        ],
      }),
    ).toBe(6);
    expect(await ev("=SUMPRODUCT({1,2},{1,2,3})")).toMatchObject({ code: "#VALUE!" });
    expect(await ev("=SUMPRODUCT({1,2;3,4},{5,6;7,8})")).toBe(70);
  });
  test("a million values (a used column of a full sheet): SUM, AVERAGE, MAX, SUMIFS, AND in chunks, no stack overflow", async () => {
    const big = { "A1:A1000000": Array.from({ length: 1_000_000 }, (_, i) => [i % 2 ? 1 : 3]) };
    expect(await ev("=SUM(A1:A1000000)", big)).toBe(2_000_000);
    expect(await ev("=AVERAGE(A1:A1000000)", big)).toBe(2);
    expect(await ev("=MAX(A1:A1000000)", big)).toBe(3);
    expect(await ev('=SUMIFS(A1:A1000000,A1:A1000000,">2")', big)).toBe(1_500_000);
    expect(await ev("=AND(A1:A1000000)", big)).toBe(true);
  });
  test("wrong numbers of arguments and unknown functions are worded errors", async () => {
    expect(await ev("=ROUND(1)")).toEqual({ code: "#VALUE!", message: "ROUND needs at least 2 arguments, got 1" });
    expect(await ev('=INDIRECT("A1")')).toEqual({ code: "#NAME?", message: "INDIRECT is not a function the overlay command evaluates" });
    expect(await ev("=SQRT(-1)")).toMatchObject({ code: "#NUM!" });
  });
});

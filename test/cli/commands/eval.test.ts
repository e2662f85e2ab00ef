/** `overlay eval`: scalars, tables, errors and stdin mode, in-process and as a real process. */
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { evalText } from "../../../src/cli/commands/eval";
import { parseFormula } from "../../../src/cli/xlsx/formula/parse";

const ROOT = resolve(__dirname, "../../..");
function overlay(args: string[], input?: string) {
  const r = spawnSync(process.execPath, ["--import", "tsx", "src/cli/bin.ts", ...args], { cwd: ROOT, input, encoding: "utf8" });
  return { out: r.stdout, err: r.stderr, status: r.status };
}

describe("formula parser", () => {
  test("literals, percent, escaped quotes, booleans, array constants, omitted arguments, nesting", () => {
    expect(parseFormula('=OVERLAY.X(1.5e3, -2, 5%, "a""b", TRUE, {1,2;"x",FALSE}, , OVERLAY.Y())')).toEqual({
      kind: "call",
      name: "OVERLAY.X",
      args: [
        { kind: "number", value: 1500 },
        { kind: "number", value: -2 },
        { kind: "number", value: 0.05 },
        { kind: "string", value: 'a"b' },
        { kind: "boolean", value: true },
        {
          kind: "array",
          rows: [
            [1, 2],
            ["x", false],
          ],
        },
        { kind: "missing" },
        { kind: "call", name: "OVERLAY.Y", args: [] },
      ],
    });
  });

  test("references are kept as text for a workbook resolver", () => {
    const e = parseFormula("=OVERLAY.REBALANCE(Portfolio[#All], 'Plan data'!$A$1:$E$9, Sheet1!B2, MyName)");
    expect(e).toMatchObject({
      args: [{ text: "Portfolio[#All]" }, { text: "'Plan data'!$A$1:$E$9" }, { text: "Sheet1!B2" }, { text: "MyName" }],
    });
  });

  test("syntax errors say where", () => {
    expect(() => parseFormula("=OVERLAY.X(1,{1,2;3})")).toThrow(/same number of values/);
    expect(() => parseFormula('=OVERLAY.X("abc)')).toThrow(/unterminated text/);
    expect(() => parseFormula("=OVERLAY.X(1)+2")).toThrow(/unexpected '\+'/);
  });
});

describe("overlay eval (in-process)", () => {
  test("a scalar prints in shortest round-trip form", async () => {
    expect(await evalText("=OVERLAY.CONTRACTS(25000000,5000,250)")).toEqual({ out: "20", error: false });
    expect(await evalText('=OVERLAY.CONTRACTS(26000000,5000,250,,,"none")')).toEqual({ out: "20.8", error: false });
  });

  test("a table prints rows on lines with tab-separated cells, or joined by ' | ' in stdin mode", async () => {
    const f = '=OVERLAY.EXPOSURE({"Asset class","Market value","Target","Min","Max";"Equity",60,0.6,0.5,0.7;"Cash",40,0.4,0,1})';
    const r = await evalText(f);
    const lines = r.out.split("\n");
    expect(lines[0].split("\t")).toEqual([
      "Asset class",
      "Physical",
      "Synthetic",
      "Effective",
      "Physical weight",
      "Effective weight",
      "Target",
      "Min",
      "Max",
      "Deviation",
      "Status",
    ]);
    expect(lines[1].split("\t")).toEqual(["Equity", "60", "0", "60", "0.6", "0.6", "0.6", "0.5", "0.7", "0", "within"]);
    expect(lines).toHaveLength(4);
    expect((await evalText(f, " | ")).out.split(" | ")).toHaveLength(4);
  });

  test("errors print as '#CODE message'", async () => {
    expect(await evalText('=OVERLAY.CONTRACTS("x",1,1)')).toEqual({ out: "#VALUE! exposure must be a number, got 'x'", error: true });
    expect((await evalText("=OVERLAY.NOPE(1)")).out).toBe("#NAME? Unknown function OVERLAY.NOPE");
    expect((await evalText("=SUM(1,2)")).out).toBe("3");
    expect((await evalText("=INDIRECT(1)")).out).toBe("#NAME? INDIRECT is not a function the overlay command evaluates");
    expect((await evalText("=OVERLAY.CONTRACTS(A1,1,1)")).out).toMatch(/^#REF! References such as A1 need a workbook/);
    expect((await evalText("=OVERLAY.CONTRACTS(1,")).out).toMatch(/^#VALUE! Formula: expected a value at position/);
    expect((await evalText("=OVERLAY.CONTRACTS(1,2,3,4,5,6,7)")).out).toBe("#VALUE! OVERLAY.CONTRACTS takes at most 6 arguments, got 7");
  });
});

describe("overlay eval (process)", () => {
  test("one formula: result on stdout, status 0; an error: status 1", () => {
    expect(overlay(["eval", "=OVERLAY.CONTRACTS(25000000,5000,250)"])).toMatchObject({ out: "20\n", status: 0 });
    expect(overlay(["eval", "=OVERLAY.CONTRACTS(1,0,1)"])).toMatchObject({ out: "#NUM! price must be > 0, got 0\n", status: 1 });
  });

  test("eval - reads one formula a line and prints one result a line", () => {
    const input = [
      "=OVERLAY.CONTRACTS(25000000,5000,250)",
      "",
      "=OVERLAY.CONTRACTS(1,0,1)",
      '=OVERLAY.EXPOSURE({"Asset class","MV","Target","Min","Max";"Cash",1,1,1,1})',
    ].join("\n");
    const r = overlay(["eval", "-"], input);
    expect(r.status).toBe(0);
    expect(r.out.split("\n")).toEqual([
      "20",
      "",
      "#NUM! price must be > 0, got 0",
      "Asset class\tPhysical\tSynthetic\tEffective\tPhysical weight\tEffective weight\tTarget\tMin\tMax\tDeviation\tStatus | Cash\t1\t0\t1\t1\t1\t1\t1\t1\t0\twithin | Total\t1\t0\t1\t1\t1\t1\t\t\t0\t",
      "",
    ]);
  });

  test("usage errors exit 2", () => {
    expect(overlay(["eval"]).status).toBe(2);
    expect(overlay(["frobnicate"]).status).toBe(2);
  });
});

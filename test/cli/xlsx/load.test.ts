/**
 * Cached values exactly as saved: a formula cell caching 0, FALSE, "" or an error reads as that value, not as
 * empty (exceljs 4.4 keeps a formula's cached result only when it is truthy). The files are written by exceljs
 * with stand-in results, then their sheet XML is set to what Excel saves for those values (ECMA-376 Part 1,
 * 18.3.1.4 c: t="b" 0/1, t="str" text, t="e" error, no t a number; an empty <v/> or none for no value).
 */
import ExcelJS from "exceljs";
import JSZip from "jszip";
import { ExcelError } from "../../../src/functions/excel";
import { cachedFormulaValues, loadBook } from "../../../src/cli/xlsx/load";
import { recalc } from "../../../src/cli/xlsx/recalc";

type Row = (string | number | boolean | ExcelJS.CellFormulaValue)[];

/** A plan whose Min and Liquid columns are formulas (as consultants build them) or the same values typed. */
async function planBook(formulas: boolean): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Plan");
  const fm = (formula: string, stand: number | string | boolean, typed: number | string | boolean) =>
    formulas ? ({ formula, result: stand } as ExcelJS.CellFormulaValue) : typed;
  const rows: Row[] = [
    ["Equity", 560e6, 0.5, fm("MAX(0,C2-0.05)", 0.45, 0.45), 0.55, fm('IF(G2="",TRUE,FALSE)', true, true), ""],
    ["Bonds", 300e6, 0.35, fm("MAX(0,C3-0.05)", 0.3, 0.3), 0.4, fm('IF(G3="",TRUE,FALSE)', true, true), ""],
    // Min caches 0 and Liquid caches FALSE: the values exceljs would drop.
    ["Private equity", 60e6, 0.05, fm("MAX(0,C4-0.05)", 777, 0), 0.08, fm('IF(G4="",TRUE,FALSE)', true, false), "Equity"],
    ["Cash", 80e6, 0.1, fm("MAX(0,C5-0.1)", 777, 0), 0.15, fm('IF(G5="",TRUE,FALSE)', true, true), ""],
  ];
  ws.addTable({
    name: "Portfolio",
    ref: "A1",
    headerRow: true,
    columns: ["Asset class", "Market value", "Target", "Min", "Max", "Liquid", "Proxy"].map((name) => ({ name })),
    rows,
  });
  ws.addTable({
    name: "Futures",
    ref: "A8",
    headerRow: true,
    columns: ["Asset class", "Contract", "Price", "Multiplier"].map((name) => ({ name })),
    rows: [
      ["Equity", "ES", 5000, 50],
      ["Bonds", "TY", 110, 1000],
    ],
  });
  ws.getCell("J1").value = {
    formula: '_xldudf_OVERLAY_REBALANCE(Portfolio[#All],Futures[#All],"target","always")',
    result: 0,
  } as ExcelJS.CellFormulaValue;
  // Cells caching "", an error, and a formula with no cached value at all.
  ws.getCell("Y1").value = formulas ? ({ formula: 'IF(1=1,"","x")', result: "ZZZ" } as ExcelJS.CellFormulaValue) : "";
  ws.getCell("Y2").value = formulas ? ({ formula: "NA()", result: { error: "#N/A" } } as ExcelJS.CellFormulaValue) : { error: "#N/A" };
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  if (!formulas) return bytes;
  const zip = await JSZip.loadAsync(bytes);
  const path = "xl/worksheets/sheet1.xml";
  let xml = await zip.file(path)!.async("string");
  xml = xml.replace(/<v>777<\/v>/g, "<v>0</v>");
  // Private equity's Liquid caches FALSE.
  xml = xml.replace(/(<c r="F4"[^>]*t="b"[^>]*>\s*<f>[^<]*<\/f>\s*)<v>1<\/v>/, "$1<v>0</v>");
  xml = xml.replace(/<v>ZZZ<\/v>/, "<v></v>");
  zip.file(path, xml);
  return Buffer.from(await zip.generateAsync({ type: "nodebuffer" }));
}

describe("cached values of formula cells, as saved", () => {
  test("the sheet XML's <v> by type: number, 0, FALSE, TRUE, empty text, error, no value", () => {
    const xml =
      '<sheetData><row r="1">' +
      '<c r="A1"><f>1+1</f><v>2</v></c><c r="B1"><f>1-1</f><v>0</v></c>' +
      '<c r="C1" t="b"><f>1=2</f><v>0</v></c><c r="D1" t="b"><f>1=1</f><v>1</v></c>' +
      '<c r="E1" t="str"><f>""</f><v></v></c><c r="F1" t="e"><f>NA()</f><v>#N/A</v></c>' +
      '<c r="G1"><f>A1</f></c><c r="H1"><v>5</v></c><c r="I1" t="str"><f>"a&amp;b"</f><v>a&amp;b</v></c>' +
      "</row></sheetData>";
    const m = cachedFormulaValues(xml);
    expect([...m.keys()]).toEqual(["A1", "B1", "C1", "D1", "E1", "F1", "G1", "I1"]);
    expect([m.get("A1"), m.get("B1"), m.get("C1"), m.get("D1"), m.get("E1"), m.get("G1"), m.get("I1")]).toEqual([
      2,
      0,
      false,
      true,
      "",
      null,
      "a&b",
    ]);
    expect(m.get("F1")).toBeInstanceOf(ExcelError);
    expect((m.get("F1") as ExcelError).code).toBe("#N/A");
  });

  test("a workbook caching 0, FALSE, '' and #N/A reads as its typed twin", async () => {
    const [withFormulas, typed] = await Promise.all([loadBook(await planBook(true)), loadBook(await planBook(false))]);
    const sheetF = withFormulas.model.sheet("Plan")!;
    const sheetT = typed.model.sheet("Plan")!;
    const cells = ["D4", "D5", "F4", "F2", "Y1", "Y2"].map((a) => {
      const col = a.charCodeAt(0) - 64; // single-letter columns
      const row = Number(a.slice(1));
      const v = (s: typeof sheetF) => {
        const x = s.get(row, col)?.value;
        return x instanceof ExcelError ? x.code : x;
      };
      return [a, v(sheetF), v(sheetT)];
    });
    expect(cells).toEqual([
      ["D4", 0, 0],
      ["D5", 0, 0],
      ["F4", false, false],
      ["F2", true, true],
      ["Y1", "", ""],
      ["Y2", "#N/A", "#N/A"],
    ]);
  });

  test("the rebalance on the formula workbook gives the trades of its typed twin (private equity illiquid, Min 0)", async () => {
    const run = async (formulas: boolean) => {
      const loaded = await loadBook(await planBook(formulas));
      const { formulas: outcomes } = await recalc(loaded.model);
      return outcomes.find((o) => o.address.endsWith("J1"))!;
    };
    const [a, b] = await Promise.all([run(true), run(false)]);
    expect([a.status, a.value instanceof ExcelError ? a.value.message : ""]).toEqual(["evaluated", ""]);
    expect(a.value).toEqual(b.value);
    // Private equity routes through its proxy (it is not liquid), as in the typed twin.
    const spill = a.value as unknown[][];
    const pe = spill.find((r) => r[0] === "Private equity")!;
    expect(String(pe[spill[0].indexOf("Contract")])).toMatch(/via|illiquid/i);
  });
});

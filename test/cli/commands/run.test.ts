/**
 * `overlay run` end to end: workbooks built with exceljs, run through the command, read back with exceljs.
 *
 * OVERLAY.CONTRACTS(x, 1, 1, 1, 1, "none") = x x 1 / (1 x 1 x 1) is the identity on numbers, so it shows exactly
 * which value a reference delivered; OVERLAY.EXPOSURE shows a whole table arriving (its Physical column is the
 * Market value column, its Target column the Target column).
 */
import ExcelJS from "exceljs";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import { main } from "../../../src/cli/overlay";
import { runFile } from "../../../src/cli/commands/run";
import { addPortfolio, capture, f, makeBook, readBook, sha256, tempDir, valueOf } from "../helpers";

const ID = (x: string) => `OVERLAY.CONTRACTS(${x},1,1,1,1,"none")`;

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

async function runAndRead(build: (wb: ExcelJS.Workbook) => void) {
  const input = await makeBook(join(dir, "model.xlsx"), build);
  const output = join(dir, "model.overlay.xlsx");
  const summary = await runFile(input, output);
  return { summary, wb: await readBook(output), input, output };
}

describe("references of every kind reach the function", () => {
  test("A1 cells and ranges, absolute, sheet-qualified, quoted sheet names, whole columns", async () => {
    const { summary, wb } = await runAndRead((wb) => {
      const ws = wb.addWorksheet("Model");
      const other = wb.addWorksheet("Bob's plan");
      ws.getCell("A1").value = 7;
      other.getCell("B2").value = 11;
      other.getCell("C3").value = "1,250.5"; // text Excel's VALUE would read
      ws.getCell("D1").value = f(ID("A1"));
      ws.getCell("D2").value = f(ID("$A$1"));
      ws.getCell("D3").value = f(ID("'Bob''s plan'!B2"));
      ws.getCell("D4").value = f(ID("'Bob''s plan'!$C$3"));
      ws.getCell("D5").value = f(ID("Model!A1*2+'Bob''s plan'!B2"));
      ws.getCell("D6").value = f(ID("-A1^2")); // Excel: (-7)^2
      ws.getCell("D7").value = f(ID("A1%"));
      // A whole-column range: the table parser ignores the trailing empty rows.
      other.getCell("H1").value = "Asset class";
      ["Market value", "Target", "Min", "Max"].forEach((h, j) => (other.getCell(1, 9 + j).value = h));
      other.getRow(2).getCell(8).value = "Equity";
      [100, 1, 0, 1].forEach((v, j) => (other.getCell(2, 9 + j).value = v));
      ws.getCell("F1").value = f("OVERLAY.EXPOSURE('Bob''s plan'!H:L)");
    });
    expect(summary.errors).toEqual([]);
    const ws = wb.getWorksheet("Model")!;
    expect(["D1", "D2", "D3", "D4", "D5", "D6", "D7"].map((a) => valueOf(ws.getCell(a)))).toEqual([7, 7, 11, 1250.5, 25, 49, 0.07]);
    expect(valueOf(ws.getCell("F1"))).toBe("Asset class");
    expect(ws.getCell("G2").value).toBe(100); // Physical of Equity
    expect(ws.getCell("F3").value).toBe("Total");
  });

  test("defined names: ranges, constants, sheet-scoped names", async () => {
    const input = await makeBook(join(dir, "names.xlsx"), (wb) => {
      const ws = wb.addWorksheet("Model");
      const two = wb.addWorksheet("Two");
      ws.getCell("A1").value = 5;
      two.getCell("A1").value = 9;
      wb.definedNames.add("Model!$A$1", "Spot");
      ws.getCell("B1").value = f(ID("Spot"));
      ws.getCell("B2").value = f(ID("Rate*100"));
      ws.getCell("B3").value = f(ID("Level"));
      two.getCell("B1").value = f(ID("Level"));
      ws.getCell("B4").value = f(ID("Vector"));
    });
    // exceljs writes only range names: add a constant, an array constant and a sheet-scoped name to the file.
    const zip = await JSZip.loadAsync(readFileSync(input));
    const xml = (await zip.file("xl/workbook.xml")!.async("string")).replace(
      "</definedNames>",
      '<definedName name="Rate">0.0525</definedName><definedName name="Level">Model!$A$1</definedName>' +
        '<definedName name="Level" localSheetId="1">Two!$A$1</definedName><definedName name="Vector">{3,4}</definedName></definedNames>',
    );
    zip.file("xl/workbook.xml", xml);
    writeFileSync(input, await zip.generateAsync({ type: "nodebuffer" }));
    const output = join(dir, "names.overlay.xlsx");
    const summary = await runFile(input, output);
    const wb = await readBook(output);
    const ws = wb.getWorksheet("Model")!;
    expect(valueOf(ws.getCell("B1"))).toBe(5);
    expect(valueOf(ws.getCell("B2"))).toBeCloseTo(5.25, 12);
    expect(valueOf(ws.getCell("B3"))).toBe(5);
    expect(valueOf(wb.getWorksheet("Two")!.getCell("B1"))).toBe(9); // the sheet's own Level
    // A two-value array for a single-value argument: the function's own error.
    expect(summary.errors).toEqual([
      { cell: "Model!B4", code: "#VALUE!", message: expect.stringMatching(/exposure must be a single value/) },
    ]);
    // The names exceljs cannot hold are still in the output file.
    const outXml = await (await JSZip.loadAsync(readFileSync(output))).file("xl/workbook.xml")!.async("string");
    expect(outXml).toContain('<definedName name="Rate">0.0525</definedName>');
    expect(outXml).toContain('<definedName name="Level" localSheetId="1">Two!$A$1</definedName>');
  });

  test("Excel table structured references: [#All], [#Data], [#Headers], [#Totals], columns, [@Column]", async () => {
    const { summary, wb } = await runAndRead((wb) => {
      const ws = wb.addWorksheet("Plan");
      addPortfolio(ws, "B2");
      ws.getCell("J1").value = f("OVERLAY.EXPOSURE(Portfolio[#All])");
      ws.getCell("J10").value = f(ID("Portfolio[[#Data],[Market value]]")); // a 3-row column for a single value: error
      ws.getCell("J11").value = f(ID("Portfolio[[#Headers],[Target]]")); // the header text: error naming it
      ws.getCell("H3").value = f(ID("Portfolio[@[Market value]]")); // this row: Equity's 600
      ws.getCell("H4").value = f(ID("Portfolio[[#This Row],[Market value]]*2"));
      ws.getCell("J12").value = f("OVERLAY.EXPOSURE(Portfolio[[#Headers],[#Data],[Asset class]:[Max]])");
      ws.getCell("V12").value = f("OVERLAY.EXPOSURE(Portfolio[#Data])"); // no header row: the table parser says so
    });
    const ws = wb.getWorksheet("Plan")!;
    expect(valueOf(ws.getCell("J1"))).toBe("Asset class");
    expect([ws.getCell("K2").value, ws.getCell("K3").value, ws.getCell("K4").value]).toEqual([600, 350, 50]);
    expect([ws.getCell("P2").value, ws.getCell("P3").value, ws.getCell("P4").value]).toEqual([0.55, 0.4, 0.05]);
    expect(valueOf(ws.getCell("H3"))).toBe(600);
    expect(valueOf(ws.getCell("H4"))).toBe(700);
    expect(valueOf(ws.getCell("J12"))).toBe("Asset class");
    expect(ws.getCell("K13").value).toBe(600);
    const byCell = Object.fromEntries(summary.errors.map((e) => [e.cell, e]));
    expect(byCell["Plan!J10"].message).toMatch(/exposure must be a single value, got a range of 3 x 1/);
    expect(byCell["Plan!J11"].message).toMatch(/exposure must be a number, got 'Target'/);
    expect(byCell["Plan!V12"].code).toBe("#VALUE!");
    expect(Object.keys(byCell).sort()).toEqual(["Plan!J10", "Plan!J11", "Plan!V12"]);
  });

  test("[#Totals] reads the totals row", async () => {
    const { summary, wb } = await runAndRead((wb) => {
      const ws = wb.addWorksheet("Plan");
      addPortfolio(ws, "A1", "Portfolio", true);
      ws.getCell("C5").value = f("SUBTOTAL(109,Portfolio[Target])", 1); // the totals row holds a cached formula result
      ws.getCell("H1").value = f(ID("Portfolio[[#Totals],[Target]]"));
      ws.getCell("H2").value = f(ID("Portfolio[[#Totals],[Asset class]]"));
    });
    expect(valueOf(wb.getWorksheet("Plan")!.getCell("H1"))).toBe(1);
    expect(summary.errors.map((e) => [e.cell, e.message])).toEqual([["Plan!H2", expect.stringMatching(/got 'Total'/)]]);
  });

  test("literals, array constants, omitted arguments and dates", async () => {
    const { summary, wb } = await runAndRead((wb) => {
      const ws = wb.addWorksheet("S");
      ws.getCell("A1").value = new Date(Date.UTC(2024, 0, 15)); // Excel serial 45306
      ws.getCell("B1").value = f(ID("A1"));
      ws.getCell("B2").value = f("OVERLAY.CONTRACTS(25000000,5000,250)");
      ws.getCell("B3").value = f('OVERLAY.CONTRACTS(1000000,5000,50,,,"down")');
      ws.getCell("B4").value = f('OVERLAY.EXPOSURE({"Asset class","Market value","Target","Min","Max";"Equity",100,1,0,1})');
      ws.getCell("B10").value = f("OVERLAY.CONTRACTS(TRUE,1,1)");
    });
    const ws = wb.getWorksheet("S")!;
    expect(valueOf(ws.getCell("B1"))).toBe(45306);
    expect(valueOf(ws.getCell("B2"))).toBe(20);
    expect(valueOf(ws.getCell("B3"))).toBe(4);
    expect(ws.getCell("C5").value).toBe(100);
    expect(summary.errors.map((e) => e.cell)).toEqual(["S!B10"]);
  });
});

describe("chains, spills and order", () => {
  test("an OVERLAY result feeds another: by cell, through its spilled range, by H1# and ANCHORARRAY", async () => {
    const { summary, wb } = await runAndRead((wb) => {
      const ws = wb.addWorksheet("Plan");
      addPortfolio(ws, "A1");
      // Written before the table they read: the order comes from the references, not the layout.
      ws.getCell("A10").value = f(ID("I4*2")); // Physical of Cash (50) from H1's spill
      ws.getCell("A11").value = f(ID("A10+1")); // a chain of three
      // The whole spilled table, by the spill operator and by ANCHORARRAY (its form in a file): a 5 x 11
      // range given for a single value, as the function's error says.
      ws.getCell("A12").value = f(ID("H1#"));
      ws.getCell("H1").value = f("OVERLAY.EXPOSURE(Portfolio[#All])");
      const s2 = wb.addWorksheet("Sheet2");
      s2.getCell("A1").value = f(ID("_xlfn.ANCHORARRAY(Plan!H20)"));
      ws.getCell("H20").value = f("OVERLAY.EXPOSURE(Portfolio[[#All],[Asset class]:[Max]])");
      ws.getCell("A13").value = f(ID("Q23-M23")); // from H20's spill: Cash's deviation minus its effective weight
    });
    const ws = wb.getWorksheet("Plan")!;
    expect(valueOf(ws.getCell("A10"))).toBe(100);
    expect(valueOf(ws.getCell("A11"))).toBe(101);
    expect(valueOf(ws.getCell("A13"))).toBeCloseTo(-0.05, 12); // Cash: deviation 0 - weight 0.05
    expect(summary.errors.map((e) => [e.cell, e.message])).toEqual([
      ["Plan!A12", "exposure must be a single value, got a range of 5 x 11"],
      ["Sheet2!A1", "exposure must be a single value, got a range of 5 x 11"],
    ]);
    expect(summary.rounds).toBe(2); // A10 read H1's spill area before H1 first spilled
  });

  test("a spill blocked by a non-empty cell is #SPILL! for that formula only", async () => {
    const { summary, wb } = await runAndRead((wb) => {
      const ws = wb.addWorksheet("Plan");
      addPortfolio(ws, "A1");
      ws.getCell("H1").value = f("OVERLAY.EXPOSURE(Portfolio[#All])");
      ws.getCell("K3").value = "note";
      ws.getCell("H10").value = f("OVERLAY.EXPOSURE(Portfolio[#All])");
      ws.getCell("A20").value = f(ID("H1")); // reads the #SPILL! cell
    });
    expect(summary.errors.map((e) => [e.cell, e.code])).toEqual([
      ["Plan!H1", "#SPILL!"],
      ["Plan!A20", "#SPILL!"],
    ]);
    expect(summary.errors[0].message).toMatch(/needs H1:R5, but K3 is not empty \('note'\)/);
    expect(summary.errors[1].message).toMatch(/^Plan!H1 is #SPILL!/);
    const ws = wb.getWorksheet("Plan")!;
    expect(valueOf(ws.getCell("H1"))).toEqual({ error: "#VALUE!" }); // files hold classic codes only
    expect(ws.getCell("K3").value).toBe("note");
    expect(ws.getCell("I2").value).toBeNull();
    expect(valueOf(ws.getCell("H10"))).toBe("Asset class");
    expect(ws.getCell("Q14").value).toBeCloseTo(0, 12); // Total deviation
    expect(ws.getCell("R14").value).toBeNull(); // Total status: "" spills as an empty cell
  });

  test("a formula in the way, or another formula's spill, blocks a spill", async () => {
    const { summary } = await runAndRead((wb) => {
      const ws = wb.addWorksheet("Plan");
      addPortfolio(ws, "A20");
      ws.getCell("H1").value = f("OVERLAY.EXPOSURE(Portfolio[#All])"); // H1:R5
      ws.getCell("C3").value = f("OVERLAY.EXPOSURE(Portfolio[#All])"); // C3:M7 would cross H1's spill
      ws.getCell("A10").value = f("OVERLAY.EXPOSURE(Portfolio[#All])"); // A10:K14, with B12 in the way
      ws.getCell("B12").value = f(ID("1"));
    });
    expect(summary.errors.map((e) => [e.cell, e.message])).toEqual([
      ["Plan!C3", "The result (5 x 11) needs C3:M7, but H3 is in the spilled result of Plan!H1"],
      ["Plan!A10", "The result (5 x 11) needs A10:K14, but B12 holds another OVERLAY formula"],
    ]);
  });

  test("a table result cannot spill into a table, nor from a formula inside one", async () => {
    const { summary } = await runAndRead((wb) => {
      const ws = wb.addWorksheet("Plan");
      addPortfolio(ws, "M1"); // M1:Q4
      ws.getCell("H1").value = f("OVERLAY.EXPOSURE(Portfolio[#All])"); // H1:R5 crosses the table
      addPortfolio(ws, "A20", "Other"); // A20:E23
      ws.getCell("C22").value = f("OVERLAY.EXPOSURE(Portfolio[#All])");
    });
    expect(summary.errors.map((e) => [e.cell, e.message])).toEqual([
      ["Plan!H1", "The result (5 x 11) needs H1:R5, but it would spill into the table Portfolio"],
      ["Plan!C22", "The result (5 x 11) needs C22:M26, but the formula is in the table Other, and a table result cannot spill there"],
    ]);
  });

  test("a second run of the output reuses the spill areas and clears cells a shorter result no longer covers", async () => {
    const input = await makeBook(join(dir, "m.xlsx"), (wb) => {
      const ws = wb.addWorksheet("Plan");
      addPortfolio(ws, "A1");
      ws.getCell("H1").value = f("OVERLAY.EXPOSURE(Portfolio[#All])");
    });
    const first = join(dir, "first.xlsx");
    await runFile(input, first);
    // Drop the Bonds row from the table: the result loses a row.
    const wb = await readBook(first);
    const ws = wb.getWorksheet("Plan")!;
    const t = ws.getTable("Portfolio") as unknown as { table: { tableRef: string; autoFilterRef: string } };
    ws.spliceRows(3, 1);
    ws.getCell("C3").value = 0.45; // Cash's target and range take Bonds'
    ws.getCell("E3").value = 0.5;
    t.table.tableRef = "A1:E3";
    t.table.autoFilterRef = "A1:E3";
    await wb.xlsx.writeFile(first);
    const second = join(dir, "second.xlsx");
    const s = await runFile(first, second);
    expect(s.errors).toEqual([]);
    expect(s.rounds).toBe(1);
    const out = (await readBook(second)).getWorksheet("Plan")!;
    expect(out.getCell("H3").value).toBe("Cash");
    expect(out.getCell("H4").value).toBe("Total");
    expect(out.getCell("H5").value).toBeNull(); // the old Total row, cleared
    const anchor = out.getCell("H1").value as { ref?: string; shareType?: string };
    expect(anchor.shareType).toBe("array");
    expect(anchor.ref).toBe("H1:R4");
  });

  test("circular references are reported on every formula of the cycle", async () => {
    const { summary } = await runAndRead((wb) => {
      const ws = wb.addWorksheet("S");
      ws.getCell("A1").value = f(ID("B1"));
      ws.getCell("B1").value = f(ID("C1+1"));
      ws.getCell("C1").value = f(ID("A1"));
      ws.getCell("D1").value = f(ID("D1"));
      ws.getCell("E1").value = f(ID("A1")); // reads the cycle: its error, passed on
    });
    const byCell = Object.fromEntries(summary.errors.map((e) => [e.cell, e.message]));
    expect(byCell["S!A1"]).toBe("Circular reference: S!A1 -> S!B1 -> S!C1 -> S!A1");
    expect(byCell["S!B1"]).toBe(byCell["S!A1"]);
    expect(byCell["S!C1"]).toBe(byCell["S!A1"]);
    expect(byCell["S!D1"]).toMatch(/S!D1 refers to its own cell/);
    expect(byCell["S!E1"]).toMatch(/^S!A1 is #REF!: Circular reference/);
  });

  test("a shared formula is evaluated at each of its cells", async () => {
    const { summary, wb } = await runAndRead((wb) => {
      const ws = wb.addWorksheet("S");
      [10, 20, 30].forEach((v, i) => (ws.getCell(i + 1, 1).value = v));
      ws.getCell("B1").value = f(ID("A1*2"));
      ws.getCell("B2").value = { sharedFormula: "B1", result: 0 } as ExcelJS.CellSharedFormulaValue;
      ws.getCell("B3").value = { sharedFormula: "B1", result: 0 } as ExcelJS.CellSharedFormulaValue;
    });
    expect(summary.formulas).toBe(3);
    const ws = wb.getWorksheet("S")!;
    expect([1, 2, 3].map((r) => valueOf(ws.getCell(r, 2)))).toEqual([20, 40, 60]);
  });
});

describe("errors, skipped formulas and the files", () => {
  test("errors are reported by cell and written as error values; other formulas keep their cached values", async () => {
    const { summary, wb } = await runAndRead((wb) => {
      const ws = wb.addWorksheet("S");
      ws.getCell("A1").value = { error: "#N/A" } as ExcelJS.CellErrorValue;
      ws.getCell("A2").value = f("SUM(1,2)", 3);
      ws.getCell("B1").value = f(ID("A1"));
      ws.getCell("B2").value = f("OVERLAY.CONTRACTS(1e6,-5,50)");
      ws.getCell("B3").value = f("ROUND(OVERLAY.CONTRACTS(1e6,5000,50),0)", 4);
      ws.getCell("B4").value = f("OVERLAY.CONTRACTS(SUM(A2),1,1)", 42);
      ws.getCell("B5").value = f("OVERLAY.NOSUCH(1)");
      ws.getCell("B6").value = f("OVERLAY.CONTRACTS(1e6 5000)", 9);
      ws.getCell("B7").value = f(ID("A2")); // the cached result of a non-OVERLAY formula
      ws.getCell("B8").value = f('"OVERLAY.CONTRACTS is not called here"', "text");
    });
    expect(summary.formulas).toBe(7);
    // B3 (ROUND around CONTRACTS), B4 (SUM inside) and B7 are evaluated; A2 = SUM(1,2) is in B4's and B7's cone.
    expect(summary.evaluated).toBe(3);
    expect(summary.ordinary).toEqual({ evaluated: 1, changed: 0, errors: 0 });
    expect(summary.errors).toEqual([
      { cell: "S!B1", code: "#N/A", message: "S!A1 is #N/A" },
      { cell: "S!B2", code: "#NUM!", message: expect.stringMatching(/^price must be > 0, got -5/) },
      { cell: "S!B5", code: "#NAME?", message: "Unknown function OVERLAY.NOSUCH" },
    ]);
    expect(summary.skipped).toEqual([{ cell: "S!B6", reason: expect.stringMatching(/cannot read the formula/) }]);
    const ws = wb.getWorksheet("S")!;
    expect(valueOf(ws.getCell("B1"))).toEqual({ error: "#N/A" });
    expect(valueOf(ws.getCell("B2"))).toEqual({ error: "#NUM!" });
    expect(valueOf(ws.getCell("B3"))).toBe(4); // 1e6 / (5000 x 50)
    expect(valueOf(ws.getCell("B4"))).toBe(3); // CONTRACTS(3, 1, 1): the cached 42 was stale
    expect(valueOf(ws.getCell("B6"))).toBe(9);
    expect(valueOf(ws.getCell("B7"))).toBe(3);
    expect(valueOf(ws.getCell("B8"))).toBe("text");
    expect(valueOf(ws.getCell("A2"))).toBe(3);
  });

  test("the input file's bytes are unchanged; the output is another file", async () => {
    const input = await makeBook(join(dir, "model.xlsx"), (wb) => {
      const ws = wb.addWorksheet("Plan");
      addPortfolio(ws, "A1");
      ws.getCell("H1").value = f("OVERLAY.EXPOSURE(Portfolio[#All])");
    });
    const before = sha256(input);
    const { result, out } = await capture(() => main(["run", input]));
    expect(result).toBe(0);
    expect(sha256(input)).toBe(before);
    expect(existsSync(join(dir, "model.overlay.xlsx"))).toBe(true);
    expect(out).toMatch(/1 OVERLAY formula: 1 evaluated \(1 spilled table\), 0 errors; 55 cells written/);
  });

  test("refuses to write over an input", async () => {
    const input = await makeBook(join(dir, "model.xlsx"), (wb) => {
      wb.addWorksheet("S").getCell("A1").value = f(ID("1"));
    });
    const before = sha256(input);
    const { result, err } = await capture(() => main(["run", input, "-o", input]));
    expect(result).toBe(2);
    expect(err).toMatch(/refusing to overwrite an input file/);
    expect(sha256(input)).toBe(before);
  });

  test("many files to an output directory, a progress line per file", async () => {
    for (const name of ["acme", "globex", "initech"]) {
      await makeBook(join(dir, `${name}.xlsx`), (wb) => {
        const ws = wb.addWorksheet("S");
        ws.getCell("A1").value = name === "globex" ? f("OVERLAY.CONTRACTS(1,0,1)") : f(ID("2"));
      });
    }
    const out = join(dir, "out");
    const { result, out: text } = await capture(() => main(["run", join(dir, "*.xlsx"), "-o", out]));
    expect(result).toBe(1); // globex has an error
    const lines = text.split("\n");
    expect(lines.filter((l) => /^\[\d\/3\] /.test(l))).toHaveLength(3);
    expect(text).toMatch(/S!A1 +#NUM! price must be > 0/);
    expect(lines[lines.length - 1]).toMatch(/^3 of 3 workbooks done in [\d.]+ s: 3 OVERLAY formulas, 1 error$/);
    for (const name of ["acme", "globex", "initech"]) expect(existsSync(join(out, `${name}.overlay.xlsx`))).toBe(true);
  });

  test("a second batch run skips the first run's outputs and Excel's lock files", async () => {
    for (const name of ["acme", "globex"]) {
      await makeBook(join(dir, `${name}.xlsx`), (wb) => {
        wb.addWorksheet("S").getCell("A1").value = f(ID("2"));
      });
    }
    await capture(() => main(["run", join(dir, "*.xlsx")]));
    writeFileSync(join(dir, "~$acme.xlsx"), "lock");
    // Without --force the first run's outputs are kept, and the second run says so.
    const kept = await capture(() => main(["run", join(dir, "*.xlsx")]));
    expect(kept.result).toBe(2);
    expect(kept.err + kept.out).toMatch(/acme\.overlay\.xlsx.*(exists|--force)/);
    const { result, out } = await capture(() => main(["run", join(dir, "*.xlsx"), "--force"]));
    expect(result).toBe(0);
    expect(out).toMatch(/acme\.overlay\.xlsx: skipped, an earlier output of overlay run/);
    expect(out).toMatch(/~\$acme\.xlsx: skipped, Excel's lock file/);
    expect(out).toMatch(/2 of 2 workbooks done/);
    expect(existsSync(join(dir, "acme.overlay.overlay.xlsx"))).toBe(false);
  });

  test("--json prints the summaries", async () => {
    const input = await makeBook(join(dir, "model.xlsx"), (wb) => {
      wb.addWorksheet("S").getCell("A1").value = f("OVERLAY.CONTRACTS(1,0,1)");
    });
    const { result, out } = await capture(() => main(["run", input, "--json", "--dry-run"]));
    expect(result).toBe(1);
    const json = JSON.parse(out);
    expect(json).toEqual([
      expect.objectContaining({
        input,
        output: null,
        formulas: 1,
        evaluated: 0,
        errors: [expect.objectContaining({ cell: "S!A1", code: "#NUM!" })],
      }),
    ]);
  });

  test("a table result is saved as a dynamic array (Excel's cell metadata)", async () => {
    const { output } = await runAndRead((wb) => {
      const ws = wb.addWorksheet("Plan");
      addPortfolio(ws, "A1");
      ws.getCell("H1").value = f("OVERLAY.EXPOSURE(Portfolio[#All])");
      ws.getCell("H10").value = f(ID("3"));
    });
    const zip = await JSZip.loadAsync(readFileSync(output));
    const sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    expect(sheet).toMatch(/<c r="H1"[^>]* cm="1"><f t="array" ref="H1:R5">OVERLAY.EXPOSURE\(Portfolio\[#All\]\)<\/f>/);
    expect(sheet).not.toMatch(/<c r="H10"[^>]*cm=/);
    expect(await zip.file("xl/metadata.xml")!.async("string")).toContain('<xda:dynamicArrayProperties fDynamic="1" fCollapsed="0"/>');
    expect(await zip.file("[Content_Types].xml")!.async("string")).toContain('PartName="/xl/metadata.xml"');
  });
});

describe("the output is the input package with the results written in", () => {
  test("everything else in the file is kept: a chart of the input survives, other parts are byte-identical", async () => {
    // A proposal file has a native chart (exceljs could not carry it through a rewrite).
    const { proposeBytes } = await import("../../../src/cli/commands/propose");
    const { findWorkflow } = await import("../../../src/workbook/proposal");
    const withChart = join(dir, "with-chart.xlsx");
    const r = await proposeBytes(
      readFileSync(join(__dirname, "../../../examples/pension-plan.xlsx")),
      findWorkflow("rebalance")!,
      {},
      {},
      new Date(2026, 0, 5),
    );
    writeFileSync(withChart, r.bytes);
    const out = join(dir, "out.xlsx");
    const summary = await runFile(withChart, out);
    expect(summary.writer).toBe("package");
    expect(summary.errors).toEqual([]);
    const a = await JSZip.loadAsync(readFileSync(withChart));
    const b = await JSZip.loadAsync(readFileSync(out));
    expect(Object.keys(b.files).sort()).toEqual(Object.keys(a.files).sort());
    const changed: string[] = [];
    for (const name of Object.keys(a.files)) {
      if (a.files[name].dir) continue;
      const x = await a.file(name)!.async("string");
      const y = await b.file(name)!.async("string");
      if (x !== y) changed.push(name);
    }
    // Only sheets holding OVERLAY formulas can change (and they do not here: the proposal file was recalculated).
    expect(changed.every((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n))).toBe(true);
    expect(b.file("xl/charts/chart1.xml")).not.toBeNull();
  });

  test("a shared formula whose cells spill is written out cell by cell; dynamic-array metadata is reused", async () => {
    const input = await makeBook(join(dir, "shared.xlsx"), (wb) => {
      const ws = wb.addWorksheet("Plan");
      addPortfolio(ws, "A40");
      ws.getCell("H1").value = f("OVERLAY.EXPOSURE(Portfolio[#All])");
      ws.getCell("H20").value = { sharedFormula: "H1", result: 0 } as ExcelJS.CellSharedFormulaValue;
    });
    const first = join(dir, "first.xlsx");
    const s1 = await runFile(input, first);
    expect(s1.writer).toBe("package");
    expect(s1.errors).toEqual([]);
    const ws = (await readBook(first)).getWorksheet("Plan")!;
    expect(ws.getCell("H1").value).toMatchObject({ formula: "OVERLAY.EXPOSURE(Portfolio[#All])", shareType: "array", ref: "H1:R5" });
    expect(ws.getCell("H20").value).toMatchObject({ formula: "OVERLAY.EXPOSURE(Portfolio[#All])", shareType: "array", ref: "H20:R24" });
    expect(ws.getCell("I22").value).toBe(350);
    // A second run finds the metadata in place and marks the cells with the same cm.
    const second = join(dir, "second.xlsx");
    await runFile(first, second);
    const zip = await JSZip.loadAsync(readFileSync(second));
    const meta = await zip.file("xl/metadata.xml")!.async("string");
    expect(meta.match(/name="XLDAPR"/g)).toHaveLength(2); // the type and its future metadata, once each
    const sheet = await zip.file("xl/worksheets/sheet1.xml")!.async("string");
    expect(sheet).toMatch(/<c r="H1"[^>]* cm="1"><f t="array" ref="H1:R5">/);
    expect(sheet).toMatch(/<c r="H20"[^>]* cm="1"><f t="array" ref="H20:R24">/);
    const parser = new (require("jsdom").JSDOM)("").window.DOMParser;
    expect(new parser().parseFromString(sheet, "application/xml").getElementsByTagName("parsererror")).toHaveLength(0);
  });

  test("a macro-enabled workbook (.xlsm) is refreshed in place of its cells, keeping its extension and parts", async () => {
    const xlsx = await makeBook(join(dir, "m.xlsx"), (wb) => {
      const ws = wb.addWorksheet("S");
      ws.getCell("A1").value = 4;
      ws.getCell("B1").value = f(ID("A1/2"));
    });
    // The VBA project of an .xlsm is a part the patch carries over untouched.
    const zip = await JSZip.loadAsync(readFileSync(xlsx));
    zip.file("xl/vbaProject.bin", Buffer.from([1, 2, 3, 4]));
    const input = join(dir, "model.xlsm");
    writeFileSync(input, await zip.generateAsync({ type: "nodebuffer" }));
    const { result } = await capture(() => main(["run", input]));
    expect(result).toBe(0);
    const out = await JSZip.loadAsync(readFileSync(join(dir, "model.overlay.xlsm")));
    expect([...(await out.file("xl/vbaProject.bin")!.async("uint8array"))]).toEqual([1, 2, 3, 4]);
    expect(await out.file("xl/worksheets/sheet1.xml")!.async("string")).toMatch(
      /<c r="B1"[^>]*><f>OVERLAY.CONTRACTS\(A1\/2,1,1,1,1,&quot;none&quot;\)<\/f><v>2<\/v><\/c>/,
    );
    // overlay propose takes an .xlsm too (its macros are kept: propose.test.ts); this one has no Portfolio.
    const { err } = await capture(() => main(["propose", input, "--workflow", "rebalance"]));
    expect(err).toMatch(/no proposal: No Portfolio table/);
  });

  test("where the package cannot be patched, exceljs writes the workbook, and the summary says so", async () => {
    const input = await makeBook(join(dir, "odd.xlsx"), (wb) => {
      const ws = wb.addWorksheet("S");
      ws.getCell("A1").value = 2;
      ws.getCell("B1").value = f(ID("A1*3"));
    });
    // A package without the sheet's part stands for one the patch does not understand.
    const other = await makeBook(join(dir, "other.xlsx"), (wb) => void wb.addWorksheet("Elsewhere"));
    const { runLoaded, formatSummary } = await import("../../../src/cli/commands/run");
    const { loadBook } = await import("../../../src/cli/xlsx/load");
    const { bytes, summary } = await runLoaded(await loadBook(readFileSync(input)), readFileSync(other));
    expect(summary.writer).toBe("exceljs");
    expect(formatSummary({ ...summary, input, output: "x.xlsx", ms: 1 }, false).join("\n")).toMatch(
      /written by the exceljs fallback \(no sheet part for S\): charts, pivot tables and macros of the input are not in the output/,
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    expect(valueOf(wb.getWorksheet("S")!.getCell("B1"))).toBe(6);
  });
});

describe("--date and --max-ref-cells", () => {
  test("TODAY() is the --date given; a bad date or limit is a usage error in words", async () => {
    const input = await makeBook(join(dir, "dated.xlsx"), (wb) => {
      const ws = wb.addWorksheet("S");
      ws.getCell("A1").value = f("TODAY()", 1);
      ws.getCell("B1").value = f(ID("EDATE(A1,3)-A1"));
    });
    const { result } = await capture(() => main(["run", input, "--date", "2026-01-30", "-o", join(dir, "out.xlsx")]));
    expect(result).toBe(0);
    const ws = (await readBook(join(dir, "out.xlsx"))).getWorksheet("S")!;
    // 30 January 2026 is serial 46052; EDATE three months on is 30 April 2026, 90 days later (1 + 28 + 31 + 30).
    expect([valueOf(ws.getCell("A1")), valueOf(ws.getCell("B1"))]).toEqual([46052, 90]);
    const bad = await capture(() => main(["run", input, "--date", "2026-02-30"]));
    expect(bad.result).toBe(2);
    expect(bad.err).toMatch(/--date must be a date as YYYY-MM-DD, got '2026-02-30'/);
    const limit = await capture(() => main(["run", input, "--max-ref-cells=0"]));
    expect(limit.err).toMatch(/--max-ref-cells must be a whole number of cells, got '0'/);
  });
});

/** Reference resolution: every kind of reference a formula can hold, against a workbook model built in code. */
import { ExcelError } from "../../../src/functions/excel";
import { areaAddress } from "../../../src/workbook/address";
import { BookModel } from "../../../src/cli/xlsx/model";
import { Target, resolveReference } from "../../../src/cli/xlsx/references";

function book() {
  const b = new BookModel();
  const plan = b.addSheet("Plan");
  const other = b.addSheet("Bob's plan");
  b.addSheet("2024");
  // Portfolio table at B2:F6 on Plan: header row 2, data rows 3-5, totals row 6.
  b.tables.push({
    name: "Portfolio",
    sheet: plan,
    area: { top: 2, left: 2, bottom: 6, right: 6 },
    headerRow: true,
    totalsRow: true,
    columns: ["Asset class", "Market value", "Target", "Min", "Max"],
  });
  // A table without a header row on the other sheet: A1:B3.
  b.tables.push({
    name: "Bare",
    sheet: other,
    area: { top: 1, left: 1, bottom: 3, right: 2 },
    headerRow: false,
    totalsRow: false,
    columns: ["Col [1]", "Col#2"],
  });
  b.names.push({ name: "Rate", text: "0.05" });
  b.names.push({ name: "Targets", text: "Plan!$D$3:$D$5" });
  b.names.push({ name: "Local", sheet: other, text: "'Bob''s plan'!$A$1" });
  b.names.push({ name: "Local", text: "Plan!$A$1" });
  return { b, plan, other };
}

function where(t: Target): string {
  if (t.kind === "area") return `${t.sheet.name}!${areaAddress(t.area)}`;
  if (t.kind === "spill") return `${t.sheet.name}!R${t.row}C${t.col}#`;
  if (t.kind === "name") return `name ${t.name}`;
  return `${t.error.code} ${t.error.message}`;
}

describe("resolveReference", () => {
  const { b, plan, other } = book();
  const at = { sheet: plan, row: 4, col: 9 }; // Plan!I4, beside the table's second data row
  const inTable = { sheet: plan, row: 4, col: 3 }; // Plan!C4, inside the table

  test.each([
    ["B3", "Plan!B3"],
    ["$B$3", "Plan!B3"],
    ["B3:F5", "Plan!B3:F5"],
    ["F5:B3", "Plan!B3:F5"],
    ["$B$3:$F$5", "Plan!B3:F5"],
    ["Plan!C4", "Plan!C4"],
    ["plan!C4", "Plan!C4"],
    ["'Bob''s plan'!A1:B3", "Bob's plan!A1:B3"],
    ["'2024'!A1", "2024!A1"],
    ["B:D", "Plan!B1:D1048576"],
    ["$2:$3", "Plan!A2:XFD3"],
    ["2:3", "Plan!A2:XFD3"],
    ["H2#", "Plan!R2C8#"],
    ["'Bob''s plan'!H2#", "Bob's plan!R2C8#"],
  ])("A1 reference %s", (text, expected) => {
    expect(where(resolveReference(b, text, at))).toBe(expected);
  });

  test.each([
    ["Portfolio[#All]", "Plan!B2:F6"],
    ["Portfolio[#Data]", "Plan!B3:F5"],
    ["Portfolio[]", "Plan!B3:F5"],
    ["Portfolio[#Headers]", "Plan!B2:F2"],
    ["Portfolio[#Totals]", "Plan!B6:F6"],
    ["Portfolio[Target]", "Plan!D3:D5"],
    ["portfolio[target]", "Plan!D3:D5"],
    ["Portfolio[[#Headers],[Target]]", "Plan!D2"],
    ["Portfolio[[#All],[Market value]]", "Plan!C2:C6"],
    ["Portfolio[[#Data],[Min]:[Max]]", "Plan!E3:F5"],
    ["Portfolio[[Max]:[Target]]", "Plan!D3:F5"],
    ["Portfolio[[#Headers],[#Data],[Asset class]]", "Plan!B2:B5"],
    ["Portfolio[[#Data],[#Totals],[Market value]]", "Plan!C3:C6"],
    ["Portfolio[ [#Headers] , [Target] ]", "Plan!D2"],
    ["Portfolio[@Target]", "Plan!D4"],
    ["Portfolio[@[Market value]]", "Plan!C4"],
    ["Portfolio[[#This Row],[Min]]", "Plan!E4"],
    ["Portfolio[@]", "Plan!B4:F4"],
    ["Bare[#All]", "Bob's plan!A1:B3"],
    ["Bare[Col '[1']]", "Bob's plan!A1:A3"],
    ["Bare[[Col'#2]]", "Bob's plan!B1:B3"],
  ])("structured reference %s", (text, expected) => {
    expect(where(resolveReference(b, text, at))).toBe(expected);
  });

  test("a structured reference without a table name works inside the table", () => {
    expect(where(resolveReference(b, "[@Target]", inTable))).toBe("Plan!D4");
    expect(where(resolveReference(b, "[Min]", inTable))).toBe("Plan!E3:E5");
    expect(where(resolveReference(b, "[@Target]", { sheet: plan, row: 20, col: 1 }))).toMatch(/^#REF! .*only inside a table/);
  });

  test("defined names: workbook names, and a sheet's own name before the workbook's", () => {
    const rate = resolveReference(b, "Rate", at);
    expect(rate.kind === "name" && rate.expr).toEqual({ kind: "number", value: 0.05 });
    const targets = resolveReference(b, "Targets", at);
    expect(targets.kind === "name" && targets.expr).toEqual({ kind: "ref", text: "Plan!$D$3:$D$5" });
    const fromPlan = resolveReference(b, "Local", at);
    expect(fromPlan.kind === "name" && fromPlan.expr).toEqual({ kind: "ref", text: "Plan!$A$1" });
    const fromOther = resolveReference(b, "local", { sheet: other, row: 1, col: 1 });
    expect(fromOther.kind === "name" && fromOther.expr).toEqual({ kind: "ref", text: "'Bob''s plan'!$A$1" });
  });

  test.each([
    ["Nowhere", "#NAME?", /no cell, range or defined name/],
    ["Missing!A1", "#REF!", /no sheet named 'Missing'/],
    ["Nope[#All]", "#REF!", /no table named Nope/],
    ["Portfolio[Weight]", "#REF!", /no column 'Weight'.*Asset class, Market value/],
    ["Bare[#Headers]", "#REF!", /has no header row/],
    ["Bare[#Totals]", "#REF!", /has no totals row/],
    ["Portfolio[[#Headers],[#Totals]]", "#REF!", /not next to each other/],
    ["[1]Sheet1!A1", "#REF!", /other workbooks/],
    ["'[1]Sheet1'!A1", "#REF!", /other workbooks/],
    ["Sheet1:Sheet3!A1", "#REF!", /3-D references/],
    ["B3:C4#", "#REF!", /follows one cell/],
  ])("%s is %s", (text, code, message) => {
    const t = resolveReference(b, text, at);
    expect(t.kind).toBe("error");
    const e = (t as { error: ExcelError }).error;
    expect(e.code).toBe(code);
    expect(e.message).toMatch(message);
  });

  test("[#This Row] outside the table's data rows is #VALUE!", () => {
    const t = resolveReference(b, "Portfolio[@Target]", { sheet: plan, row: 10, col: 9 });
    expect(t.kind === "error" && t.error.code).toBe("#VALUE!");
  });
});

/**
 * One sample plan: the playground's workbook and the sample workbook (examples/pension-plan.xlsx) hold the same
 * tables, cell for cell, both from src/sample/plan.ts; each formula cell's value is what its formula gives
 * (recomputed through the registry, not typed); the named inputs are the workbook's named cells.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadBook } from "../../src/cli/xlsx/load";
import { NAMED, SAMPLE_TABLES, VALUATION_DATE, tableValues } from "../../src/sample/plan";
import { samplePlan, SAMPLE_OPTIONS } from "../../src/playground/samplePlan";
import { ok } from "../helpers/call";

const SAMPLE = join(__dirname, "../../examples/pension-plan.xlsx");

describe("the sample plan", () => {
  test("the formula cells hold what their formulas give", async () => {
    // OVERLAY.ZEROCOST("collar",Spot,Years,Rate,DivYield,Smile[#All],PutStrike)
    const smile = tableValues(SAMPLE_TABLES.find((t) => t.name === "Smile")!);
    const call = await ok("ZEROCOST", "collar", NAMED.Spot, NAMED.Years, NAMED.Rate, NAMED.DivYield, smile, NAMED.PutStrike);
    const legs = SAMPLE_TABLES.find((t) => t.name === "Legs")!;
    expect(legs.formulas!["1,1"].value).toBe(call);
    expect(legs.formulas!["0,1"].value).toBe(NAMED.PutStrike);
    // CME's conversion factor of the 4 1/4% of 15-Nov-2032 into TY Mar26 is 0.9069 (CME Group, Treasury conversion factors).
    const cf = await ok("CONVFACTOR", "TY", NAMED.CtdCoupon, NAMED.CtdMaturity, NAMED.DeliveryMonth);
    expect(SAMPLE_TABLES.find((t) => t.name === "Instruments")!.formulas!["2,7"].value).toBe(cf);
    expect(cf).toBe(0.9069);
  });

  test("the sample workbook's tables and named cells are the plan's, cell for cell", async () => {
    const { model } = await loadBook(readFileSync(SAMPLE));
    expect(model.tables.map((t) => t.name).sort()).toEqual(SAMPLE_TABLES.map((t) => t.name).sort());
    for (const t of SAMPLE_TABLES) {
      const x = model.tables.find((y) => y.name === t.name)!;
      expect(x.sheet.name).toBe(t.sheet);
      const values: unknown[][] = [];
      for (let r = x.area.top; r <= x.area.bottom; r++) {
        const line: unknown[] = [];
        for (let c = x.area.left; c <= x.area.right; c++) line.push(x.sheet.get(r, c)?.value ?? null);
        values.push(line);
      }
      // The workbook's formula cells are saved with their cached results (overlay run's), the plan holds the same value.
      const expected = tableValues(t);
      expect({ table: t.name, values }).toEqual({ table: t.name, values: expected });
    }
    for (const [name, value] of Object.entries(NAMED)) {
      const d = model.names.find((n) => n.name === name)!;
      const m = /^'?([^'!]+)'?!\$([A-Z]+)\$(\d+)$/.exec(d.text)!;
      const col = [...m[2]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
      expect({ name, value: model.sheet(m[1])!.get(Number(m[3]), col)?.value }).toEqual({ name, value });
    }
    expect(NAMED.ValuationDate).toBe(VALUATION_DATE);
  });

  test("the playground's workbook holds every table of the plan, and its presets are the workbook's named inputs", async () => {
    const wb = samplePlan();
    expect((await wb.listTables()).map((t) => [t.name, t.sheet])).toEqual(SAMPLE_TABLES.map((t) => [t.name, t.sheet]));
    for (const t of SAMPLE_TABLES)
      expect(await wb.readTable(t.name)).toEqual(tableValues(t).map((r) => r.map((v) => (v === null ? "" : v))));
    expect(SAMPLE_OPTIONS.options).toEqual({ spot: "5900", years: "0.5", rate: "0.042", yield: "0.013", vol: "0.175" });
  });
});

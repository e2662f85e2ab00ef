/**
 * One sample plan: the playground's workbook and the sample workbook (examples/pension-plan.xlsx) hold the same
 * tables, cell for cell, both from src/sample/plan.ts; each formula cell's value is what its formula gives
 * (recomputed through the registry, not typed); the named inputs are the workbook's named cells.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadBook } from "../../src/cli/xlsx/load";
import { NAMED, SAMPLE_TABLES, VALUATION_DATE, sampleTable, tableValues } from "../../src/sample/plan";
import { Value, evaluate } from "../../src/cli/xlsx/formula/evaluate";
import { parseFormula } from "../../src/cli/xlsx/formula/parse";
import { readPositions } from "../../src/engine/book/positions";
import { Cell } from "../../src/engine/core/cells";
import { coupDays, coupDaysBs, couponPeriod } from "../../src/engine/rates/couponDates";
import { samplePlan, SAMPLE_OPTIONS } from "../../src/playground/samplePlan";
import { ok } from "../helpers/call";

const SAMPLE = join(__dirname, "../../examples/pension-plan.xlsx");

describe("the sample plan", () => {
  test("the formula cells hold what their formulas give (each recomputed through the registry)", async () => {
    // Every formula cell of every table, evaluated as the command evaluates a cell: names are the named inputs,
    // Table[#All] the plan's table (values), OVERLAY functions called through the registry.
    const resolve = (ref: string): Value => {
      if (ref in NAMED) return NAMED[ref as keyof typeof NAMED];
      const m = /^(\w+)\[#All\]$/.exec(ref);
      if (m) return tableValues(SAMPLE_TABLES.find((t) => t.name === m[1])!).map((r) => r.map((v) => (v === null ? "" : v)));
      throw new Error(`the plan's formulas refer to names and whole tables only, got ${ref}`);
    };
    const cells = SAMPLE_TABLES.flatMap((t) => Object.entries(t.formulas ?? {}).map(([at, f]) => ({ table: t.name, at, ...f })));
    expect(cells.length).toBe(14);
    for (const c of cells) {
      const v = await evaluate(parseFormula(c.formula, { operators: true }), resolve);
      expect({ table: c.table, at: c.at, value: v }).toEqual({ table: c.table, at: c.at, value: c.value });
    }
    // CME's conversion factor of the 4 1/4% of 15-Nov-2032 into TY Mar26 is 0.9069 (CME Group, Treasury conversion factors).
    const cf = await ok("CONVFACTOR", "TY", NAMED.TyCtdCoupon, NAMED.TyCtdMaturity, NAMED.DeliveryMonth);
    expect(cf).toBe(0.9069);
  });

  test("one DV01 basis: the Positions, the Instruments and the Futures table name the same UB and TY cheapest-to-deliver", async () => {
    const rows = (name: string) => tableValues(sampleTable(name)).slice(1);
    const positions = rows("Positions");
    const instruments = rows("Instruments");
    const futures = rows("Futures");
    for (const [code, coupon, maturity, yld] of [
      ["UB", NAMED.UbCtdCoupon, NAMED.UbCtdMaturity, NAMED.UbCtdYield],
      ["TY", NAMED.TyCtdCoupon, NAMED.TyCtdMaturity, NAMED.TyCtdYield],
    ] as const) {
      const pos = positions.find((r) => String(r[2]).startsWith(code))!;
      const ins = instruments.find((r) => r[5] === code)!;
      const fut = futures.find((r) => String(r[1]).startsWith(code))!;
      // Coupon and factor alike; the Positions' Years the periods Excel's PRICE counts (30/360, DSC = E - A), the
      // Instruments' Tenor Act/365.25 (the curve's time axis): the same maturity on each table's clock.
      const p = couponPeriod(VALUATION_DATE, maturity, 2);
      const e = coupDays(p, 0);
      expect([pos[9], pos[11], pos[12]]).toEqual([coupon, yld, ins[7]]);
      expect(ins[3]).toBe(coupon);
      expect(pos[10] as number).toBeCloseTo((p.count - 1 + (e - coupDaysBs(p, 0)) / e) / 2, 14);
      expect(ins[2] as number).toBeCloseTo((maturity - VALUATION_DATE) / 365.25, 4);
      // The Futures table's DV01 (a FUTURESDV01 formula) is the one the book derives from the Positions' columns.
      const [book] = readPositions([sampleTable("Positions").headers as string[], pos as Cell[]]);
      expect(book.dv01!).toBeCloseTo(fut[7] as number, 9);
    }
    // The figures: UB 0.149142 per 100 x 1,000 / 0.8384 = 177.89; TY 0.059888 x 1,000 / 0.9069 = 66.04 (bond.ts's DV01, Excel's).
    expect(
      futures
        .map((r) => r[7])
        .filter((x) => x !== null)
        .map((x) => Math.round((x as number) * 100) / 100),
    ).toEqual([177.89, 66.04]);
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

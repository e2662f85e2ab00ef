/**
 * The playground's workbook: the sample plan of src/sample/plan.ts (the same tables, figures and book as
 * examples/pension-plan.xlsx) in a MemoryWorkbook, on the workbook's sheets, each formula cell holding the value
 * the formula gives. Used by the playground, the task-pane tests and the browser tests.
 */
import { MemoryWorkbook } from "../workbook/MemoryWorkbook";
import { PortMatrix } from "../workbook/WorkbookPort";
import { NAMED, PORTFOLIO as PORTFOLIO_ROWS, SampleRow, covariance, sampleTable, tableValues, SAMPLE_TABLES } from "../sample/plan";

/** Port values: an empty cell is "". */
const port = (rows: readonly SampleRow[]): PortMatrix => rows.map((r) => r.map((v) => (v === null ? "" : v)));

/** A table of the sample plan as a port reads it: header row first, formula cells as their values. */
export function table(name: string): PortMatrix {
  return port(tableValues(sampleTable(name)));
}

export const PORTFOLIO = table("Portfolio");
export const FUTURES = table("Futures");
export const TILTS = table("Tilts");
export const SMILE = table("Smile");
export const LEGS = table("Legs");
export const CURVE = table("Curve");
export const INSTRUMENTS = table("Instruments");
export const POSITIONS = table("Positions");
export const COLLATERAL = table("Collateral");
export const SCENARIOS = table("Scenarios");
export const SPREADS = table("Spreads");
export const HOLDINGS = table("Holdings");
export const LOADINGS = table("Loadings");
export const TARGETS = table("Targets");

/** The liabilities' benefit payments (Time, Amount). */
export function liabilityCashFlows(): PortMatrix {
  return table("Liabilities");
}

/** The long-duration bonds' cash flows (Time, Amount). */
export function assetCashFlows(): PortMatrix {
  return table("Assets");
}

/** The sample workbook: the plan's sheets, each holding its named tables one under another; the covariance matrix. */
export function samplePlan(): MemoryWorkbook {
  const wb = new MemoryWorkbook();
  const row: Record<string, number> = {};
  for (const t of SAMPLE_TABLES) {
    const at = row[t.sheet] ?? 1;
    const values = port(tableValues(t));
    wb.putTable(t.sheet, t.name, `A${at}`, values);
    row[t.sheet] = at + values.length + 2;
  }
  const { names, matrix } = covariance();
  wb.putValues("Covariance", "A1", [["Asset class", ...names], ...names.map((n, i) => [n, ...matrix[i]])]);
  wb.select("Plan!A1:H11");
  return wb;
}

/** The Portfolio's market value of a class. */
const marketValue = (name: string) => Number(PORTFOLIO_ROWS.find((r) => r[0] === name)?.[1] ?? 0);

/**
 * Option values the playground starts each workflow with: the workbook's own named inputs (the option market on
 * the Options sheet), and the completion sleeve's value (the US large cap equity class, whose managers Holdings lists).
 */
export const SAMPLE_OPTIONS = {
  options: {
    spot: String(NAMED.Spot),
    years: String(NAMED.Years),
    rate: String(NAMED.Rate),
    yield: String(NAMED.DivYield),
    vol: String(NAMED.Vol),
  },
  completion: { value: String(marketValue("US large cap equity")) },
} as const;

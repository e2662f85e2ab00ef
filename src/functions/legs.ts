/**
 * A class line whose futures are a basket spills one row per future: the class's own cells on the first row and
 * "" on the rows that follow (so a sum down a column counts the class once, and a lookup by class finds its first
 * row), the asset class on every row, and each future's cells (contract, contracts, notional, its share of the
 * trade) on its own row. A class with one future, or none, is its one row as laid out.
 */
import { LegTrade } from "../engine/futures/futures";

/** Cells of a future's row by column index. */
export type LegCells = Readonly<Record<number, (leg: LegTrade) => unknown>>;

export function legSpillRows(row: unknown[], legs: readonly LegTrade[], cells: LegCells): unknown[][] {
  if (legs.length < 2) return [row];
  return legs.map((leg, j) =>
    row.map((cell, c) => {
      const f = cells[c];
      if (f) return f(leg);
      return c === 0 || j === 0 ? cell : "";
    }),
  );
}

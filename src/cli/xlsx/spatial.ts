/**
 * A spatial index of items by the areas of a sheet they cover: the recalculation asks which formulas' cells or
 * results may lie in a range it is about to read. The grid is cut into buckets of 8 rows by 4 columns; a query
 * visits the buckets of the range clipped to the largest row and column indexed, so a whole-column reference
 * costs the used part of the sheet, not its 1,048,576 rows.
 */
import { Area } from "../../workbook/address";

const BUCKET_ROWS = 8;
const BUCKET_COLS = 4;
/** Columns of buckets per bucket row (16,384 columns / 4). */
const STRIDE = 4096;

export class SpatialIndex<T> {
  private readonly buckets = new Map<number, Set<T>>();
  maxRow = 0;
  maxCol = 0;

  /** Indexes the item under every bucket the area touches. */
  add(item: T, a: Area): void {
    this.maxRow = Math.max(this.maxRow, a.bottom);
    this.maxCol = Math.max(this.maxCol, a.right);
    for (let br = Math.floor(a.top / BUCKET_ROWS); br <= Math.floor(a.bottom / BUCKET_ROWS); br++) {
      for (let bc = Math.floor(a.left / BUCKET_COLS); bc <= Math.floor(a.right / BUCKET_COLS); bc++) {
        const k = br * STRIDE + bc;
        let set = this.buckets.get(k);
        if (!set) this.buckets.set(k, (set = new Set()));
        set.add(item);
      }
    }
  }

  /** The items under the buckets the area touches, for which `hit(item)` holds (each once). */
  query(a: Area, hit: (item: T) => boolean): T[] {
    const bottom = Math.min(a.bottom, this.maxRow);
    const right = Math.min(a.right, this.maxCol);
    if (bottom < a.top || right < a.left) return [];
    const b0 = Math.floor(a.top / BUCKET_ROWS);
    const b1 = Math.floor(bottom / BUCKET_ROWS);
    const c0 = Math.floor(a.left / BUCKET_COLS);
    const c1 = Math.floor(right / BUCKET_COLS);
    if (b0 === b1 && c0 === c1) {
      const set = this.buckets.get(b0 * STRIDE + c0);
      const hits: T[] = [];
      if (set) for (const n of set) if (hit(n)) hits.push(n);
      return hits;
    }
    const out = new Set<T>();
    // Few buckets in use against a large area: walk the buckets instead of the area.
    if ((b1 - b0 + 1) * (c1 - c0 + 1) > this.buckets.size) {
      for (const [k, set] of this.buckets) {
        const br = Math.floor(k / STRIDE);
        const bc = k % STRIDE;
        if (br < b0 || br > b1 || bc < c0 || bc > c1) continue;
        for (const n of set) if (!out.has(n) && hit(n)) out.add(n);
      }
      return [...out];
    }
    for (let br = b0; br <= b1; br++) {
      for (let bc = c0; bc <= c1; bc++) {
        const set = this.buckets.get(br * STRIDE + bc);
        if (set) for (const n of set) if (!out.has(n) && hit(n)) out.add(n);
      }
    }
    return [...out];
  }
}

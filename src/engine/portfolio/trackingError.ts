/**
 * Ex-ante tracking error of an allocation against its policy (benchmark):
 *
 *   TE = sqrt((w - b)' S (w - b))
 *
 * the standard deviation of the active return (w - b)' R when S = Var(R) (Grinold & Kahn, Active Portfolio
 * Management, ch. 3). TE is in the units of S: an annual covariance of returns gives an annual TE.
 *
 * S must be square, symmetric (within 1e-8 of its largest entry; it is then symmetrised) and positive
 * semi-definite. PSD is checked by a Cholesky factorisation with diagonal pivoting (the semidefinite
 * Cholesky of Higham, "Analysis of the Cholesky decomposition of a semi-definite matrix", 1990; LAPACK
 * dpstrf): at each step the largest remaining diagonal is the pivot; once it is <= tol the remaining block
 * must be zero within tol, and a remaining diagonal below -tol (a negative variance of some combination of
 * the assets) means S is not PSD. tol = 1e-10 x n x the largest |entry|.
 */
import { Cell, Matrix, cellToNumber, isEmpty, normaliseName } from "../core/cells";
import { numError, quote, valueError } from "../core/errors";

export const MAX_ASSETS = 1000;
const ENTRY = 1e15;
const COV_ENTRY = 1e6;

function isText(c: Cell): boolean {
  return !isEmpty(c) && cellToNumber(c) === undefined;
}

/** Drops trailing empty rows and columns (oversized or whole-column ranges). */
function trim(m: Matrix): Matrix {
  let rows = m.length;
  while (rows > 0 && (m[rows - 1] ?? []).every(isEmpty)) rows--;
  let cols = 0;
  for (let i = 0; i < rows; i++) {
    const r = m[i] ?? [];
    for (let j = r.length - 1; j >= cols; j--) {
      if (!isEmpty(r[j])) {
        cols = j + 1;
        break;
      }
    }
  }
  return m.slice(0, rows).map((r) => Array.from({ length: cols }, (_, j) => (r ?? [])[j]));
}

/**
 * A vector of weights from a single row or column; a text cell first is a header and is skipped; trailing
 * empty cells are ignored, an empty cell inside is an error (so two vectors cannot silently misalign).
 */
export function readWeights(m: Matrix, arg: string): number[] {
  const t = trim(m);
  if (t.length === 0) valueError(`${arg} has no numbers`);
  const width = t[0].length;
  if (t.length > 1 && width > 1) valueError(`${arg} must be a single row or column of numbers, got a range of ${t.length} x ${width}`);
  const cells = t.length > 1 ? t.map((r) => r[0]) : t[0];
  const unit = t.length > 1 ? "row" : "column";
  const start = isText(cells[0]) ? 1 : 0;
  const out: number[] = [];
  for (let k = start; k < cells.length; k++) {
    const c = cells[k];
    if (isEmpty(c)) valueError(`${arg} ${unit} ${k + 1} is empty (give 0 for no weight)`);
    const x = cellToNumber(c);
    if (x === undefined) valueError(`${arg} ${unit} ${k + 1} must be a number, got ${quote(c)}`);
    if (Math.abs(x) > ENTRY) numError(`${arg} ${unit} ${k + 1} must be between -1e15 and 1e15, got ${x}`);
    out.push(x);
  }
  if (out.length === 0) valueError(`${arg} has no numbers`);
  return out;
}

/**
 * A covariance matrix: n x n numbers, optionally with a header row of asset names and a column of asset
 * names on the left (which must then match). Row and column numbers in messages count the range's own rows
 * and columns.
 */
export function readCovariance(m: Matrix, arg = "covariance"): number[][] {
  const t = trim(m);
  if (t.length === 0 || t[0].length === 0) valueError(`${arg} is empty: give a square matrix of numbers`);
  const headerRow = t.length > 1 && t[0].slice(1).some(isText) ? 1 : 0;
  const labelCol = t.slice(headerRow).some((r) => isText(r[0])) && t[0].length > 1 ? 1 : 0;
  const rows = t.length - headerRow;
  const cols = t[0].length - labelCol;
  if (rows === 0 || cols === 0) valueError(`${arg} has no numbers under its labels`);
  if (rows !== cols) valueError(`${arg} must be square (one row and one column per asset), got ${rows} rows x ${cols} columns of numbers`);
  const n = rows;
  if (n > MAX_ASSETS) numError(`${arg} has ${n} assets, more than the ${MAX_ASSETS} this function handles`);
  if (headerRow && labelCol) {
    for (let k = 0; k < n; k++) {
      const a = t[0][k + 1];
      const b = t[k + 1][0];
      if (!isEmpty(a) && !isEmpty(b) && normaliseName(String(a)) !== normaliseName(String(b))) {
        valueError(`${arg}: row label ${k + 1} ${quote(b)} does not match column label ${k + 1} ${quote(a)}`);
      }
    }
  }
  const S: number[][] = [];
  for (let i = 0; i < n; i++) {
    const r = t[i + headerRow];
    const row: number[] = [];
    for (let j = 0; j < n; j++) {
      const c = r[j + labelCol];
      const x = typeof c === "number" && Number.isFinite(c) ? c : cellToNumber(c);
      if (x === undefined || Math.abs(x) > COV_ENTRY) {
        const where = `${arg} row ${i + headerRow + 1} column ${j + labelCol + 1}`;
        if (isEmpty(c)) valueError(`${where} is empty`);
        if (x === undefined) valueError(`${where} must be a number, got ${quote(c)}`);
        numError(`${where} must be between -1e6 and 1e6, got ${x}`);
      }
      row.push(x);
    }
    S.push(row);
  }
  return S;
}

export interface PsdCheck {
  psd: boolean;
  /** When not PSD: the offending pivot (a negative variance) and the asset (0-based) where it appears. */
  pivot?: number;
  index?: number;
}

/** Semidefinite pivoted Cholesky (see the header). S is symmetric; it is not modified. */
export function checkPsd(S: readonly (readonly number[])[]): PsdCheck {
  const n = S.length;
  const A = S.map((r) => r.slice());
  let maxAbs = 0;
  for (const r of A) for (const x of r) maxAbs = Math.max(maxAbs, Math.abs(x));
  const tol = 1e-10 * Math.max(1, n) * maxAbs;
  const perm = A.map((_, i) => i);
  for (let k = 0; k < n; k++) {
    let p = k;
    for (let i = k + 1; i < n; i++) if (A[i][i] > A[p][p]) p = i;
    if (A[p][p] <= tol) {
      // The rest must be zero within tol.
      for (let i = k; i < n; i++) {
        if (A[i][i] < -tol) return { psd: false, pivot: A[i][i], index: perm[i] };
        for (let j = k; j < n; j++) {
          if (i !== j && Math.abs(A[i][j]) > tol) return { psd: false, pivot: -Math.abs(A[i][j]), index: perm[i] };
        }
      }
      return { psd: true };
    }
    if (p !== k) {
      [A[p], A[k]] = [A[k], A[p]];
      for (const r of A) [r[p], r[k]] = [r[k], r[p]];
      [perm[p], perm[k]] = [perm[k], perm[p]];
    }
    const d = A[k][k];
    // Schur complement of the pivot: A_ij -= A_ik A_kj / d for i, j > k.
    for (let i = k + 1; i < n; i++) {
      const f = A[i][k] / d;
      if (f === 0) continue;
      const Ai = A[i];
      const Ak = A[k];
      for (let j = k + 1; j < n; j++) Ai[j] -= f * Ak[j];
    }
  }
  return { psd: true };
}

/** Checks symmetry (within 1e-8 of the largest entry) and PSD; returns the symmetrised matrix. */
export function validateCovariance(S: readonly (readonly number[])[], arg = "covariance"): number[][] {
  const n = S.length;
  let maxAbs = 0;
  for (const r of S) {
    if (r.length !== n) valueError(`${arg} must be square, got ${n} rows and a row of ${r.length}`);
    for (const x of r) maxAbs = Math.max(maxAbs, Math.abs(x));
  }
  for (let i = 0; i < n; i++) {
    if (S[i][i] < 0) valueError(`${arg} row ${i + 1} column ${i + 1} is a variance and must be >= 0, got ${S[i][i]}`);
  }
  const symTol = 1e-8 * maxAbs;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      if (Math.abs(S[i][j] - S[j][i]) > symTol) {
        valueError(`${arg} is not symmetric: row ${i + 1} column ${j + 1} is ${S[i][j]} but row ${j + 1} column ${i + 1} is ${S[j][i]}`);
      }
    }
  }
  const sym = S.map((r, i) => r.map((x, j) => (i === j ? x : (x + S[j][i]) / 2)));
  const check = checkPsd(sym);
  if (!check.psd) {
    valueError(
      `${arg} is not positive semi-definite: some combination of the assets would have a negative variance ` +
        `(pivot ${check.pivot!.toPrecision(4)} at asset ${check.index! + 1}); check for correlations outside [-1, 1] ` +
        `or correlations that are inconsistent with each other`,
    );
  }
  return sym;
}

/** sqrt((w - b)' S (w - b)); S validated by validateCovariance. */
export function trackingError(w: readonly number[], b: readonly number[], S: readonly (readonly number[])[]): number {
  const n = S.length;
  if (w.length !== n || b.length !== n) {
    valueError(
      `weights, benchmark and covariance must have the same size: weights has ${w.length}, benchmark ${b.length}, covariance ${n} x ${n}`,
    );
  }
  const a = w.map((x, i) => x - b[i]);
  let q = 0;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += S[i][j] * a[j];
    q += a[i] * s;
  }
  if (!Number.isFinite(q)) numError("tracking error: the active weights are too large to compute (overflow)");
  return Math.sqrt(Math.max(0, q));
}

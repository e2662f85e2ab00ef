/**
 * Small dense least squares: min ||g - H u||^2 (H is K x J, K and J small), solved with the columns scaled to
 * unit length: u = D w, D = diag(1 / ||H_j||), w the minimum-norm least-squares solution for H D.
 *
 * The scaling matters because hedge instruments differ by orders of magnitude (a future's PV01 is ~100, a swap's
 * per 1 of notional ~0.001). The normal matrix of H D is diagonalised with the cyclic Jacobi eigenvalue method
 * (Golub & Van Loan, "Matrix Computations", 8.5) and inverted on the eigenvalues above 1e-12 x the largest
 * (the Moore-Penrose pseudo-inverse). When columns are collinear (two instruments on the same tenor) the
 * solution minimises sum_j (u_j ||H_j||)^2, the squared risk each instrument carries: collinear instruments
 * take equal shares of the risk (PV01) rather than blowing up.
 */

export type Mat = number[][];

/** Eigen-decomposition of a symmetric matrix: A = V diag(values) V^T. */
export function symmetricEigen(a: Mat): { values: number[]; vectors: Mat } {
  const n = a.length;
  const m = a.map((r) => r.slice());
  const v: Mat = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += m[p][q] * m[p][q];
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p][q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (m[q][q] - m[p][p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const mkp = m[k][p];
          const mkq = m[k][q];
          m[k][p] = c * mkp - s * mkq;
          m[k][q] = s * mkp + c * mkq;
        }
        for (let k = 0; k < n; k++) {
          const mpk = m[p][k];
          const mqk = m[q][k];
          m[p][k] = c * mpk - s * mqk;
          m[q][k] = s * mpk + c * mqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k][p];
          const vkq = v[k][q];
          v[k][p] = c * vkp - s * vkq;
          v[k][q] = s * vkp + c * vkq;
        }
      }
    }
  }
  return { values: m.map((r, i) => r[i]), vectors: v };
}

/** The J x K matrix P with u = P g the least-squares solution above (the pseudo-inverse of H in the column-scaled norm). */
export function pseudoInverse(h: Mat, rows: number, cols: number): Mat {
  if (cols === 0) return [];
  const scale = new Array<number>(cols).fill(0);
  for (let j = 0; j < cols; j++) {
    let s = 0;
    for (let k = 0; k < rows; k++) s += h[k][j] * h[k][j];
    scale[j] = s > 0 ? 1 / Math.sqrt(s) : 0;
  }
  // Normal matrix of the scaled columns.
  const n: Mat = Array.from({ length: cols }, () => new Array<number>(cols).fill(0));
  for (let i = 0; i < cols; i++) {
    for (let j = i; j < cols; j++) {
      let s = 0;
      for (let k = 0; k < rows; k++) s += h[k][i] * h[k][j];
      n[i][j] = n[j][i] = s * scale[i] * scale[j];
    }
  }
  const { values, vectors } = symmetricEigen(n);
  const top = Math.max(0, ...values);
  const cut = top * 1e-12;
  // (N^+)_ij = sum_e V_ie V_je / lambda_e over lambda_e > cut.
  const ninv: Mat = Array.from({ length: cols }, () => new Array<number>(cols).fill(0));
  for (let e = 0; e < cols; e++) {
    if (!(values[e] > cut)) continue;
    const inv = 1 / values[e];
    for (let i = 0; i < cols; i++) for (let j = 0; j < cols; j++) ninv[i][j] += vectors[i][e] * vectors[j][e] * inv;
  }
  // pinv(H) = D N^+ D H^T with D = diag(scale).
  const out: Mat = Array.from({ length: cols }, () => new Array<number>(rows).fill(0));
  for (let i = 0; i < cols; i++) {
    for (let k = 0; k < rows; k++) {
      let s = 0;
      for (let j = 0; j < cols; j++) s += ninv[i][j] * scale[j] * h[k][j];
      out[i][k] = scale[i] * s;
    }
  }
  return out;
}

export function matVec(a: Mat, x: readonly number[]): number[] {
  return a.map((row) => row.reduce((s, v, j) => s + v * x[j], 0));
}

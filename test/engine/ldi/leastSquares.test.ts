import { matVec, pseudoInverse, symmetricEigen } from "../../../src/engine/ldi/leastSquares";

describe("least squares", () => {
  it("diagonalises a symmetric matrix (eigenvalues of [[2,1],[1,2]] are 1 and 3)", () => {
    const { values, vectors } = symmetricEigen([
      [2, 1],
      [1, 2],
    ]);
    expect(values.slice().sort()).toEqual([expect.closeTo(1, 14), expect.closeTo(3, 14)]);
    // A v = lambda v for each eigenvector.
    for (let e = 0; e < 2; e++) {
      const v = [vectors[0][e], vectors[1][e]];
      const av = matVec(
        [
          [2, 1],
          [1, 2],
        ],
        v,
      );
      expect(av[0]).toBeCloseTo(values[e] * v[0], 14);
      expect(av[1]).toBeCloseTo(values[e] * v[1], 14);
    }
  });
  it("solves an overdetermined full-rank system as the normal equations do", () => {
    // Fit y = a + b x through (0,1), (1,3), (2,4): a = 7/6, b = 3/2.
    const h = [
      [1, 0],
      [1, 1],
      [1, 2],
    ];
    const u = matVec(pseudoInverse(h, 3, 2), [1, 3, 4]);
    expect(u[0]).toBeCloseTo(7 / 6, 12);
    expect(u[1]).toBeCloseTo(1.5, 12);
  });
  it("splits collinear columns so each carries the same share of the fit, whatever their scale", () => {
    // Columns 1 and 1000: u1 + 1000 u2 = 2 with |u1 x 1| = |u2 x 1000|: u1 = 1, u2 = 0.001.
    const h = [[1, 1000]];
    const u = matVec(pseudoInverse(h, 1, 2), [2]);
    expect(u[0]).toBeCloseTo(1, 12);
    expect(u[1]).toBeCloseTo(0.001, 15);
    expect(pseudoInverse([[0, 0]], 1, 2)).toEqual([[0], [0]]);
  });
});

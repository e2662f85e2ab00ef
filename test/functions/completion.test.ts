/**
 * OVERLAY.FACTOREXPOSURE and OVERLAY.COMPLETION through the registry: layout, the hand-worked case, every
 * documented error naming its argument, and junk in every argument (an Excel error with words, or a clean table).
 */
import fc from "fast-check";
import { ExcelError } from "../../src/functions/excel";
import { call, expectError, ok } from "../helpers/call";

const LOADINGS = [
  ["Security", "F1", "F2"],
  ["A", 1, 0],
  ["B", 0, 1],
  ["C", 1, 1],
];
const HOLDINGS = [
  ["Security", "Weight"],
  ["A", 1],
];
const TARGETS = [
  ["Factor", "Target"],
  ["F1", 0.95],
  ["F2", 0.1],
];

describe("OVERLAY.FACTOREXPOSURE", () => {
  test("Factor, Exposure: holdings-weighted loadings", async () => {
    // F1: 0.25 x 1 + 0.75 x 1 = 1 (A and C); F2: 0.75 x 1 = 0.75 (C)
    const r = await ok(
      "FACTOREXPOSURE",
      [
        ["Security", "Weight"],
        ["A", 0.25],
        ["C", 0.75],
      ],
      LOADINGS,
    );
    expect(r).toEqual([
      ["Factor", "Exposure"],
      ["F1", 1],
      ["F2", 0.75],
    ]);
  });

  test("errors name the argument, row and column", async () => {
    expectError(
      await call(
        "FACTOREXPOSURE",
        [
          ["Security", "Weight"],
          ["Z", 1],
        ],
        LOADINGS,
      ),
      "#VALUE!",
      /^Holdings row 1 \(Z\): security 'Z' has no row in Loadings$/,
    );
    expectError(
      await call("FACTOREXPOSURE", HOLDINGS, [
        ["Security", "F1"],
        ["A", "x"],
      ]),
      "#VALUE!",
      /^Loadings row 1 \(A\): F1 must be a number, got 'x'$/,
    );
    expectError(await call("FACTOREXPOSURE", [["Name", "Wt"]], LOADINGS), "#VALUE!", /^Holdings needs at least 1 data row/);
    expectError(await call("FACTOREXPOSURE", HOLDINGS, [["Security"], ["A"]]), "#VALUE!", /^Loadings: no factor columns/);
  });
});

describe("OVERLAY.COMPLETION", () => {
  test("the hand-worked case: Security, Weight with a Total row; a blank row; Factor, Before, After, Target, Gap", async () => {
    // See test/engine/completion/completion.test.ts for the arithmetic: c = (0.01875, 0.04375, 0.0375).
    const r = (await ok("COMPLETION", HOLDINGS, LOADINGS, TARGETS, 0.1, 0.1, 1)) as (string | number)[][];
    expect(r).toHaveLength(1 + 3 + 1 + 1 + 1 + 2);
    expect(r.every((row) => row.length === 5)).toBe(true);
    expect(r[0]).toEqual(["Security", "Weight", "", "", ""]);
    expect(r[1][0]).toBe("A");
    expect(r[1][1] as number).toBeCloseTo(0.01875, 14);
    expect(r[2][1] as number).toBeCloseTo(0.04375, 14);
    expect(r[3][1] as number).toBeCloseTo(0.0375, 14);
    expect(r[4][0]).toBe("Total");
    expect(r[4][1] as number).toBeCloseTo(0.1, 15);
    expect(r[5]).toEqual(["", "", "", "", ""]);
    expect(r[6]).toEqual(["Factor", "Before", "After", "Target", "Gap"]);
    expect(r[7].slice(0, 2)).toEqual(["F1", 1]);
    expect(r[7][2] as number).toBeCloseTo(0.95625, 14);
    expect(r[7][3]).toBe(0.95);
    expect(r[7][4] as number).toBeCloseTo(0.00625, 14);
    expect(r[8][4] as number).toBeCloseTo(-0.01875, 14);
  });

  test("defaults: budget 0.1, maxWeight = budget, turnover 0 (the targets here can be met exactly)", async () => {
    const r = (await ok("COMPLETION", HOLDINGS, LOADINGS, TARGETS)) as (string | number)[][];
    expect(r[1][1] as number).toBeCloseTo(0, 12);
    expect(r[2][1] as number).toBeCloseTo(0.05, 12);
    expect(r[3][1] as number).toBeCloseTo(0.05, 12);
    expect(r[7][4] as number).toBeCloseTo(0, 12);
  });

  test("a factor without a target: Before and After reported, Target and Gap blank", async () => {
    const r = (await ok(
      "COMPLETION",
      HOLDINGS,
      LOADINGS,
      [
        ["Factor", "Target"],
        ["F2", 0.1],
      ],
      0.1,
      0.1,
      1,
    )) as (string | number)[][];
    const f1 = r.find((row) => row[0] === "F1")!;
    expect(f1[1]).toBe(1);
    expect(f1[3]).toBe("");
    expect(f1[4]).toBe("");
  });

  test("specificRisk as one number or a table gives the same sleeve", async () => {
    const one = (await ok("COMPLETION", HOLDINGS, LOADINGS, TARGETS, 0.1, 0.1, 1, 0.3)) as number[][];
    const table = (await ok("COMPLETION", HOLDINGS, LOADINGS, TARGETS, 0.1, 0.1, 1, [
      ["Security", "Specific risk"],
      ["A", 0.3],
      ["B", 0.3],
      ["C", 0.3],
    ])) as number[][];
    expect(table).toEqual(one);
    const none = (await ok("COMPLETION", HOLDINGS, LOADINGS, TARGETS, 0.1, 0.1, 1)) as number[][];
    expect(one[1][1]).toBeLessThan(none[1][1]); // A already carries specific risk through the holdings
  });

  test("documented errors name their argument", async () => {
    expectError(
      await call("COMPLETION", HOLDINGS, LOADINGS, TARGETS, 0.1, 0.03),
      "#NUM!",
      /^budget 0\.1 cannot be met: 3 securities at most maxWeight 0\.03 each hold 0\.09/,
    );
    expectError(
      await call(
        "COMPLETION",
        HOLDINGS,
        [
          ["Security", "F1", "Momentum"],
          ["A", 1, 0],
          ["B", 0.5, 0],
        ],
        [
          ["Factor", "Target"],
          ["Momentum", 0.2],
        ],
      ),
      "#NUM!",
      /^Targets row 1 \(Momentum\): no security in Loadings loads on 'Momentum'/,
    );
    expectError(
      await call(
        "COMPLETION",
        [
          ["Security", "Weight"],
          ["A", 0.6],
        ],
        LOADINGS,
        TARGETS,
      ),
      "#VALUE!",
      /^Holdings: Weights must add up to 1/,
    );
    expectError(
      await call("COMPLETION", HOLDINGS, LOADINGS, [
        ["Factor", "Target"],
        ["Size", 1],
      ]),
      "#VALUE!",
      /^Targets row 1 \(Size\): factor 'Size' is not a column of Loadings/,
    );
    expectError(await call("COMPLETION", HOLDINGS, LOADINGS, TARGETS, 1.5), "#NUM!", /^budget must be (> 0 and )?<= 1, got 1\.5$/);
    expectError(await call("COMPLETION", HOLDINGS, LOADINGS, TARGETS, 0), "#NUM!", /^budget must be > 0( and <= 1)?, got 0$/);
    expectError(await call("COMPLETION", HOLDINGS, LOADINGS, TARGETS, 0.1, -1), "#NUM!", /^maxWeight must be > 0/);
    expectError(
      await call("COMPLETION", HOLDINGS, LOADINGS, TARGETS, 0.1, 0.1, "lots"),
      "#VALUE!",
      /^turnover must be a number, got 'lots'$/,
    );
    expectError(
      await call("COMPLETION", HOLDINGS, LOADINGS, TARGETS, 0.1, 0.1, 0, [
        ["Security", "Vol"],
        ["A", 0.2],
      ]),
      "#VALUE!",
      /^Specific risk: no row for 2 securities of Loadings \('B', 'C'\)/,
    );
  });
});

describe("junk in every argument: an Excel error with words, or a clean finite table", () => {
  const CODES = new Set(["#VALUE!", "#NUM!", "#N/A", "#DIV/0!"]);
  const NET = /^(Overlay could not compute this|The result is not a finite number|Overlay produced an unexpected value)/;
  function clean(r: unknown): void {
    if (r instanceof ExcelError) {
      expect(CODES.has(r.code)).toBe(true);
      expect(r.message.length).toBeGreaterThan(8);
      expect(r.message).not.toMatch(NET);
      return;
    }
    expect(Array.isArray(r)).toBe(true);
    const rows = r as unknown[][];
    const w = rows[0].length;
    for (const row of rows) {
      expect(row).toHaveLength(w);
      for (const v of row) {
        if (typeof v === "number") expect(Number.isFinite(v)).toBe(true);
        else expect(["string", "boolean"]).toContain(typeof v);
      }
    }
  }
  const JUNK: unknown[] = [
    undefined,
    null,
    "",
    "abc",
    true,
    0,
    -1,
    1e308,
    -1e308,
    1e-308,
    5e-324,
    NaN,
    Infinity,
    1.5,
    1e15,
    [
      [1, 2],
      [3, 4],
    ],
    [[]],
    [],
    [["x"]],
    [
      [1e308, -1e308],
      [1e-308, NaN],
    ],
    [
      ["Security", "Weight"],
      ["A", "n/a"],
    ],
  ];
  const VALID: Record<string, unknown[]> = {
    FACTOREXPOSURE: [HOLDINGS, LOADINGS],
    COMPLETION: [HOLDINGS, LOADINGS, TARGETS, 0.1, 0.05, 0.01, 0.2],
  };

  test("each argument replaced by junk", async () => {
    for (const [id, base] of Object.entries(VALID)) {
      for (let i = 0; i < base.length; i++) {
        for (const junk of JUNK) {
          const args = base.slice();
          args[i] = junk;
          clean(await call(id, ...args));
        }
      }
    }
  });

  test("cells of the valid tables replaced by junk (fast-check)", async () => {
    const junkCell = fc.oneof(
      fc.constantFrom<unknown>("", null, "n/a", true, 0, -0, 1e308, -1e308, 1e-308, NaN, Infinity, -1, "5%", " ", 1e6, -1e6),
      fc.double(),
      fc.string({ maxLength: 4 }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("FACTOREXPOSURE", "COMPLETION"),
        fc.nat(),
        fc.nat(),
        fc.nat(),
        junkCell,
        async (id, t, r, c, junk) => {
          const base = VALID[id];
          const tables = base.map((a, i) => (Array.isArray(a) ? i : -1)).filter((i) => i >= 0);
          const i = tables[t % tables.length];
          const m = (base[i] as unknown[][]).map((row) => row.slice());
          const row = m[r % m.length];
          row[c % row.length] = junk;
          const args = base.slice();
          args[i] = m;
          clean(await call(id, ...args));
        },
      ),
      { numRuns: 300, seed: 3 },
    );
  });

  test("extreme but valid numbers: loadings of 1e6 and 1e-300, turnover 1e6, a budget of 1e-12", async () => {
    const big = [
      ["Security", "F1", "F2"],
      ["A", 1e6, -1e6],
      ["B", 1e-300, 1e6],
      ["C", -1e6, 1e-300],
    ];
    clean(
      await call(
        "COMPLETION",
        HOLDINGS,
        big,
        [
          ["Factor", "Target"],
          ["F1", 1e6],
          ["F2", -1e6],
        ],
        0.5,
        0.5,
        1e6,
      ),
    );
    clean(
      await call(
        "COMPLETION",
        HOLDINGS,
        big,
        [
          ["Factor", "Target"],
          ["F1", 1e6],
          ["F2", -1e6],
        ],
        1e-12,
      ),
    );
    clean(await call("COMPLETION", HOLDINGS, LOADINGS, TARGETS, 1, 1, 0, 10));
  });
});

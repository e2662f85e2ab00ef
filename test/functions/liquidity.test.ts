/**
 * OVERLAY.LIQUIDITY, OVERLAY.LADDER and OVERLAY.RESILIENCE through the registry, as Excel and `overlay eval` call
 * them: layouts, the README's worked example (800 T-Bond futures with CME's DV01 of 137.54, TPR's 350bp buffer),
 * and messages that name the argument.
 */
import { call, expectError, ok, rowsOf } from "../helpers/call";
import { VALID_CALLS } from "./validCalls";

const POS = [
  ["Contract", "Quantity", "Price", "Multiplier", "Margin", "Factor", "DV01"],
  ["US T-Bond", 800, 120, 1000, 4000, "Rates", 137.54],
  ["ES", 100, 5000, 50, 12000, "Equity", ""],
];
const COLL = [
  ["Asset", "Value", "Haircut", "Tier"],
  ["Cash", 11_711_200, 0, 1],
  ["Gilts", 32_000_000, 0.0625, 2],
];
const SC = [
  ["Scenario", "Rates", "Equity"],
  ["FPC 250bp", 250, 0],
  ["Equity crash", 0, -0.3],
  ["Gilt crisis + crash", 300, -0.2],
];

describe("OVERLAY.LIQUIDITY", () => {
  test("one row per scenario, then the exhausting rate rise and equity fall", async () => {
    const r = await ok("LIQUIDITY", POS, COLL, SC);
    expect((r as unknown[][])[0]).toEqual([
      "Scenario",
      "Variation margin",
      "Linear VM",
      "Initial margin",
      "Posted IM",
      "Need",
      "Available",
      "Coverage",
      "Status",
      "Covered by",
      "Last tier",
      "Shock",
    ]);
    const rows = rowsOf(r);
    expect(rows.map((x) => x.Scenario)).toEqual([
      "FPC 250bp",
      "Equity crash",
      "Gilt crisis + crash",
      "Rate rise to exhaust (bp)",
      "Equity fall to exhaust",
    ]);
    // IM = 800 x 4,000 + 100 x 12,000 = 4.4m; FPC: VM 250 x 800 x 137.54 = 27,508,000, need 31,908,000.
    expect(rows[0]).toMatchObject({ "Initial margin": 4_400_000, Status: "covered", "Covered by": "T+0", "Last tier": 2, Shock: "" });
    expect(rows[0].Need as number).toBeCloseTo(31_908_000, 4);
    // Crash: 100 x 5,000 x 50 x 0.3 = 7.5m; need 11.9m > tier 1.
    expect(rows[1].Need as number).toBeCloseTo(11_900_000, 4);
    expect(rows[2].Status).toBe("short");
    // (41,711,200 - 4,400,000) / 110,032 bp, by root-finding; the equity fall never exhausts the collateral.
    expect(rows[3].Shock as number).toBeCloseTo(37_311_200 / 110_032, 6);
    expect(rows[3].Status).toBe("exhausts");
    expect(rows[3].Coverage as number).toBeCloseTo(1, 9);
    expect(rows[4]).toMatchObject({ Status: "beyond a 100% fall", Shock: "" });
  });

  test("bad input names the argument", async () => {
    expectError(
      await call("LIQUIDITY", POS, COLL, [
        ["Scenario", "Rates"],
        ["Up", 100],
      ]),
      "#VALUE!",
      /^Scenarios: no column for factor 'Equity'/,
    );
    expectError(
      await call(
        "LIQUIDITY",
        POS,
        [
          ["Asset", "Value"],
          ["Cash", -1],
        ],
        SC,
      ),
      "#VALUE!",
      /^Collateral row 1 \(Cash\): Value must be >= 0/,
    );
    expectError(
      await call(
        "LIQUIDITY",
        POS.map((r) => r.slice(0, 5)),
        COLL,
        SC,
      ),
      "#VALUE!",
      /^Positions: missing column 'Factor'/,
    );
  });
});

describe("OVERLAY.LADDER", () => {
  test("four days per scenario; what is met plus the shortfall is the call", async () => {
    const rows = rowsOf(await ok("LADDER", ...(VALID_CALLS.LADDER as unknown[])));
    expect(rows.map((x) => x.Day)).toEqual(["T+0", "T+1", "T+3", "T+5", "T+0", "T+1", "T+3", "T+5"]);
    for (const x of rows) {
      const calls = (x["Cash VM"] as number) + (x["CSA VM"] as number) + (x["IM top-up"] as number);
      expect((x.Met as number) + (x.Shortfall as number)).toBeCloseTo(calls, 6);
    }
  });
});

describe("OVERLAY.RESILIENCE", () => {
  test("the linear 350bp book: buffer 350, required 350, the maximum is today's hedge", async () => {
    const r = (await ok("RESILIENCE", POS.slice(0, 2), COLL, 0.8, undefined, undefined, 250, 100)) as unknown[][];
    const metric = (name: string) => r.find((row) => row[0] === name)?.[1];
    expect(metric("Buffer (bp)") as number).toBeCloseTo(350, 6);
    expect(metric("Required buffer (bp)")).toBe(350);
    expect(metric("Meets the requirement")).toBe(true);
    expect(metric("Maximum hedge ratio") as number).toBeCloseTo(0.8, 8);
    expect(metric("Deleverage trigger (bp rise)") as number).toBeCloseTo(100, 6);
  });

  test("a market stress buffer below TPR's 250bp is refused", async () => {
    expectError(await call("RESILIENCE", POS, COLL, 0.8, 1, 1e9, 200), "#NUM!", /marketBp/);
  });
});

describe("the README's fully revalued example", () => {
  const P = [
    ["Contract", "Kind", "Quantity", "Price", "Multiplier", "Margin", "Factor", "Coupon", "Years", "Yield", "Conversion factor"],
    ["UB Mar26", "future", 850, 118.5, 1000, 8000, "Rates", 0.0475, 25.62, 0.048, 0.8384],
    ["ES Mar26", "future", 150, 5900, 50, 22000, "Equity", "", "", "", ""],
  ];
  const C = [
    ["Asset", "Value", "Haircut", "Tier", "Eligible", "Days to cash", "Posted", "Factor", "Coupon", "Years", "Yield"],
    ["Cash", 10e6, 0, 1, "all", 0, 0, "", "", "", ""],
    ["Treasury notes", 30e6, 0.02, 2, "CSA, IM", 1, 10e6, "Rates", 0.04, 5, 0.04],
    ["Credit", 25e6, 0.1, 3, "none", 5, 0, "Rates", 0.045, 8, 0.05],
  ];
  const S = [
    ["Scenario", "Equity", "Rates", "IM multiplier", "Haircut multiplier"],
    ["2022", -0.25, 250, 1.5, 1.5],
  ];
  /** The CTD's dirty price per 100 from the annuity closed form: coupons every half year back from 25.62 years. */
  const ctd = (y: number) => {
    const n = 52;
    const t1 = 25.62 - 51 / 2;
    const v = 1 / (1 + y / 2);
    return Math.pow(v, 2 * t1) * (2.375 * ((1 - Math.pow(v, n)) / (1 - v)) + 100 * Math.pow(v, n - 1));
  };

  test("VM = UB through its CTD (closed form) + ES's 25%; the figures the README shows", async () => {
    const rows = rowsOf(await ok("LIQUIDITY", P, C, S));
    const ub = (850 * (ctd(0.048) - ctd(0.073)) * 1000) / 0.8384;
    expect(rows[0]["Variation margin"] as number).toBeCloseTo(ub + 150 * 5900 * 50 * 0.25, 4);
    expect(Math.round(rows[0]["Variation margin"] as number)).toBe(40_095_441);
    expect(Math.round(rows[0]["Linear VM"] as number)).toBe(48_014_434);
    expect(rows[0].Status).toBe("short");
    expect(rows[1].Shock as number).toBeCloseTo(412.6975, 3);
    const ladder = rowsOf(await ok("LADDER", P, C, S));
    expect(ladder.map((x) => Math.round(x.Shortfall as number))).toEqual([30_095_441, 19_209_087, 19_209_087, 1_153_410]);
    const res = (await ok("RESILIENCE", P, C, 0.8, 1.1, 5e8, 250, 100)) as unknown[][];
    const metric = (name: string) => res.find((row) => row[0] === name)?.[1] as number;
    expect(metric("Maximum scale of the rate hedge")).toBeCloseTo(1.1314, 4);
    expect(metric("Top-up trigger (bp rise)")).toBeCloseTo(62.6975, 3);
    expect(metric("Deleverage trigger (bp rise)")).toBeCloseTo(162.6975, 3);
    expect(res.slice(-2)).toEqual([
      ["Maximum hedge", "UB Mar26", 850, 111, 961],
      ["Deleverage", "UB Mar26", 850, -204, 646],
    ]);
  });
});

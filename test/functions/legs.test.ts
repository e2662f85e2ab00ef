/**
 * A class whose futures are a basket (several futures, basket Weights adding to 1) spills one row per future in
 * REBALANCE, EQUITISE and TILT: the class's cells on its first row, "" below them, each future's share of the
 * trade, contract, contracts and notional on its own row. Hand-worked on a 1,000m plan whose long-duration class
 * (Duration 13.2 years) trades a 70/30 UB/TY basket, each future sized by its DV01 (Hull, Options, Futures, and
 * Other Derivatives, ch. 6: N* = E x w x D x 1bp / DV01 per future), and whose equity trades ES (Hull ch. 3).
 */
import { ok, rowsOf } from "../helpers/call";

const M = 1e6;
const FUTURES = [
  ["Asset class", "Contract", "Price", "Multiplier", "DV01", "Weight"],
  ["Equity", "ES Mar26", 6000, 50, "", ""],
  ["Long bonds", "UB Mar26", 118.5, 1000, 255, 0.7],
  ["Long bonds", "TY Mar26", 110.5, 1000, 68, 0.3],
];

describe("REBALANCE with a basket", () => {
  // Equity at 50% and long bonds at 40% (under its 43% min), back to 45% each: -50m of equity, +50m of bonds.
  const PORTFOLIO = [
    ["Asset class", "Market value", "Target", "Min", "Max", "Duration"],
    ["Equity", 500 * M, 0.45, 0.4, 0.5, ""],
    ["Long bonds", 400 * M, 0.45, 0.43, 0.47, 13.2],
    ["Cash", 100 * M, 0.1, 0.05, 0.15, ""],
  ];
  test("one row per future; the Trade column adds to the class's trade; post weights from the contracts", async () => {
    const r = await ok("REBALANCE", PORTFOLIO, FUTURES, "target");
    const rows = rowsOf(r);
    expect(rows.map((x) => [x["Asset class"], x.Contract])).toEqual([
      ["Equity", "ES Mar26"],
      ["Long bonds", "UB Mar26"],
      ["Long bonds", "TY Mar26"],
      ["Cash", "cash"],
      ["Total", ""],
    ]);
    const [es, ub, ty, cash, total] = rows;
    // ES: -50m / (6,000 x 50 = 300,000) = -166.67 -> -167
    expect(es.Contracts).toBe(-167);
    expect(es.Notional).toBe(-167 * 300_000);
    // UB: 70% of 50m = 35m x 13.2 x 1bp / 255 = 181.18 -> 181; TY: 15m x 13.2 x 1bp / 68 = 291.18 -> 291
    expect(ub.Trade).toBeCloseTo(35 * M, 6);
    expect(ty.Trade).toBeCloseTo(15 * M, 6);
    expect([ub.Contracts, ty.Contracts]).toEqual([181, 291]);
    expect(ub.Notional).toBeCloseTo(181 * 118_500, 6);
    expect(ty.Notional).toBeCloseTo(291 * 110_500, 6);
    // the class's own cells on its first row only
    expect([ub.Weight, ub.Target, ub.Status, ub.Goal]).toEqual([0.4, 0.45, "under", 0.45]);
    expect([ty.Weight, ty.Target, ty.Min, ty.Max, ty.Status, ty.Goal, ty["Post weight"], ty["Post status"]]).toEqual([
      "",
      "",
      "",
      "",
      "",
      "",
      "",
      "",
    ]);
    // DV01 bought: 181 x 255 + 291 x 68 = 65,943 per bp against 50m x 13.2 x 1bp = 66,000; exposure 65,943 / 13.2bp
    const bonds = (181 * 255 + 291 * 68) / (13.2 * 1e-4);
    expect(ub["Post weight"]).toBeCloseTo((400 * M + bonds) / (1000 * M), 12);
    expect(es["Post weight"]).toBeCloseTo((500 * M - 167 * 300_000) / (1000 * M), 12);
    // Cash absorbs what the rounding leaves: 1 - equity - bonds
    expect(cash["Post weight"]).toBeCloseTo(1 - (500 * M - 167 * 300_000 + 400 * M + bonds) / (1000 * M), 12);
    expect(ub["Post status"]).toBe("within");
    expect(total.Trade).toBeCloseTo(0, 6);
    expect(total.Notional).toBeCloseTo(-167 * 300_000 + 181 * 118_500 + 291 * 110_500, 6);
    expect(total["Post weight"]).toBeCloseTo(1, 12);
  });
});

// Equity and long bonds at 45% each (40-50%), 100m of cash against a 50m buffer: 25m into each class.
const PLAN = [
  ["Asset class", "Market value", "Target", "Min", "Max", "Duration"],
  ["Equity", 450 * M, 0.45, 0.4, 0.5, ""],
  ["Long bonds", 450 * M, 0.45, 0.4, 0.5, 13.2],
  ["Cash", 100 * M, 0.1, 0.05, 0.15, ""],
];

test("EQUITISE with a basket: each future for its Weight of the class's share, its residual on its row", async () => {
  const rows = rowsOf(await ok("EQUITISE", PLAN, FUTURES, "", 50 * M));
  expect(rows.map((x) => [x["Asset class"], x.Contract, x.Contracts])).toEqual([
    ["Equity", "ES Mar26", 83], // 25m / 300,000 = 83.3
    ["Long bonds", "UB Mar26", 91], // 17.5m x 13.2bp / 255 = 90.6
    ["Long bonds", "TY Mar26", 146], // 7.5m x 13.2bp / 68 = 145.6
    ["Total", "", ""],
  ]);
  const [, ub, ty, total] = rows;
  expect(ub.Exposure).toBeCloseTo(17.5 * M, 6);
  expect(ty.Exposure).toBeCloseTo(7.5 * M, 6);
  expect(ub.Residual).toBeCloseTo(17.5 * M - (91 * 255) / 13.2e-4, 4);
  expect(ty.Residual).toBeCloseTo(7.5 * M - (146 * 68) / 13.2e-4, 4);
  expect(total.Exposure).toBeCloseTo(50 * M, 6);
  expect(total.Notional).toBeCloseTo(83 * 300_000 + 91 * 118_500 + 146 * 110_500, 6);
});

test("TILT with a basket: -2% equity, +2% long bonds, each future rounded toward zero", async () => {
  const tilts = [
    ["Asset class", "Tilt"],
    ["Equity", -0.02],
    ["Long bonds", 0.02],
  ];
  const r = await ok("TILT", PLAN, FUTURES, tilts);
  expect((r as unknown[][])[0]).toEqual(["Asset class", "Requested", "Applied", "Binding limit", "Contract", "Contracts", "Notional", "Post weight"]);
  const rows = rowsOf(r);
  // ES: -20m / 300,000 = -66.7 -> -66; UB: 14m x 13.2bp / 255 = 72.5 -> 72; TY: 6m x 13.2bp / 68 = 116.5 -> 116
  expect(rows.map((x) => [x["Asset class"], x.Contract, x.Contracts])).toEqual([
    ["Equity", "ES Mar26", -66],
    ["Long bonds", "UB Mar26", 72],
    ["Long bonds", "TY Mar26", 116],
    ["Cash", "", ""],
    ["Total", "", ""],
  ]);
  expect(rows[1]["Post weight"]).toBeCloseTo((450 * M + (72 * 255 + 116 * 68) / 13.2e-4) / (1000 * M), 12);
  expect(rows[2].Requested).toBe("");
  expect(rows[4].Notional).toBeCloseTo(-66 * 300_000 + 72 * 118_500 + 116 * 110_500, 6);
});

import { readHedgeInstruments } from "../../../src/engine/ldi/instruments";
import { makeCurve } from "../../../src/engine/rates/curve";
import { keyRate01s, triangleVector } from "../../../src/engine/rates/keyRates";
import { bondFlows } from "../../../src/engine/rates/instrumentFlows";
import { parSwapRate, swapCashFlows } from "../../../src/engine/rates/swap";

const curve = makeCurve([1, 5, 10, 30], [0.04, 0.04, 0.043, 0.048]);
const keys = [2, 5, 10, 30];

describe("the Instruments table", () => {
  it("builds each kind's key-rate vector from its own cash flows", () => {
    const ins = readHedgeInstruments(
      [
        ["Instrument", "Kind", "Tenor", "Coupon", "Index", "Contract", "Delivery", "Factor", "PV01"],
        ["10y SOFR", "swap", 10, "", "SOFR", "", "", "", ""],
        ["TU", "future", 1.9, 0.035, "", "TU", 0.25, 0.93, ""],
        ["Bond", "bond", 12, 0.045, "", "", "", "", ""],
        ["Strip", "strip", 25, "", "", "", "", "", ""],
        ["Given", "", 7.5, "", "", "", "", "", 100],
      ],
      curve,
      keys,
    );
    const terms = { tenor: 10, frequency: 1, dayCount: "act/360" as const };
    expect(ins[0].fixedRate).toBeCloseTo(parSwapRate(curve, terms), 15);
    expect(ins[0].kr01).toEqual(keyRate01s(swapCashFlows(terms, ins[0].fixedRate!), curve, keys));
    expect(ins[0].unit).toBe("notional");
    expect(ins[1].unit).toBe("contracts");
    expect(ins[1].contract!.contractSize).toBe(200000);
    expect(ins[2].kr01).toEqual(keyRate01s(bondFlows(0.045, 12), curve, keys));
    expect(ins[3].kr01).toEqual(keyRate01s({ times: [25], amounts: [1] }, curve, keys));
    expect(ins[4].kind).toBe("pv01");
    expect(ins[4].kr01).toEqual(triangleVector(keys, 7.5).map((w) => w * 100));
    expect(ins.map((x) => x.increment)).toEqual([1e6, 1, 1e3, 1e3, 0]);
    expect(ins.map((x) => x.min)).toEqual([0, 0, 0, 0, 0]);
  });

  it("values futures and bonds on the Treasury curve and swaps on the swap curve when both are given", () => {
    const tsy = makeCurve([1, 5, 10, 30], [0.035, 0.035, 0.038, 0.043]);
    const table = [
      ["Instrument", "Kind", "Tenor", "Coupon"],
      ["10y SOFR", "swap", 10, ""],
      ["Bond", "bond", 12, 0.045],
    ];
    const both = readHedgeInstruments(table, curve, keys, "instruments", tsy);
    const one = readHedgeInstruments(table, curve, keys);
    expect(both[0].kr01).toEqual(one[0].kr01);
    expect(both[1].kr01).toEqual(keyRate01s(bondFlows(0.045, 12), tsy, keys));
  });

  it("names the row and column of a bad instrument", () => {
    const bad = (row: (string | number)[]) => () =>
      readHedgeInstruments([["Instrument", "Kind", "Tenor", "Contract", "Coupon", "Delivery", "Factor"], row], curve, keys);
    expect(bad(["X", "forward", 5, "", "", "", ""])).toThrow(/instruments row 1 \(X\): Kind must be one of swap, future/);
    expect(bad(["X", "future", 7, "", 0.04, 0.25, 0.9])).toThrow(/instruments row 1 \(X\): Contract .* is required for a future/);
    expect(bad(["X", "future", 7, "TYZ5", 0.04, 0.25, 0.9])).toThrow(/Contract must be one of TU, Z3N/);
    expect(bad(["X", "future", 0.2, "TY", 0.04, 0.25, 0.9])).toThrow(/matures \(0.2y\) before delivery/);
    expect(bad(["X", "swap", "", "", "", "", ""])).toThrow(/instruments row 1 \(X\): Tenor \(years\) is required for a swap/);
    expect(() =>
      readHedgeInstruments(
        [
          ["Instrument", "Tenor", "PV01", "Min", "Max"],
          ["Y", 5, 10, 5, 1],
        ],
        curve,
        keys,
      ),
    ).toThrow(/instruments row 1 \(Y\): Max \(1\) is below Min \(5\)/);
  });
});

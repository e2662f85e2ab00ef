import { readCollateral } from "../../../src/engine/leverage/liquidity";
import { marginCover } from "../../../src/engine/leverage/marginCover";
import { COLLATERAL } from "../../../src/sample/plan";

const M = 1e6;
const HEAD = ["Asset", "Value", "Haircut", "Tier", "Eligible", "Days to cash", "Posted", "Factor", "Spread factor", "Coupon", "Years", "Yield"];

describe("marginCover: initial margin against cash and the collateral eligible for IM", () => {
  test("the sample's collateral: bills, notes and MBS after haircuts; the FCM cash is the Cash row's; credit is not eligible", () => {
    const holdings = readCollateral([HEAD, ...COLLATERAL] as never);
    const c = marginCover(28_871_500, 293 * M, holdings);
    // By hand: 15m x (1 - 0.5%) + 30m x (1 - 2%) + 15m x (1 - 5%) = 14.925m + 29.4m + 14.25m = 58.575m.
    expect(c.collateral).toBeCloseTo(58.575 * M, 6);
    expect(c.counted.map((x) => x.asset)).toEqual(["Treasury bills", "Treasury notes", "Agency MBS"]);
    expect(c.cashRows).toEqual(["Cash at the FCM"]);
    expect(c.covered).toBe(true);
  });

  test("covered exactly at cash + collateral, not a unit beyond", () => {
    const holdings = readCollateral([HEAD, ["Notes", 100, 0.02, 1, "IM", 1, 0, "Rates", "", 0.04, 5, 0.04]] as never);
    expect(marginCover(148, 50, holdings)).toMatchObject({ collateral: 98, covered: true });
    expect(marginCover(149, 50, holdings).covered).toBe(false);
    expect(marginCover(50, 50).covered).toBe(true);
    expect(marginCover(51, 50).covered).toBe(false);
  });
});

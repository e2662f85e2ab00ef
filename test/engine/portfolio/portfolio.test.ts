import { readPortfolio } from "../../../src/engine/portfolio/portfolio";
import { exposureReport } from "../../../src/engine/portfolio/exposure";

const HEAD = ["Asset class", "Market value", "Target", "Min", "Max", "Liquid", "Proxy", "Overlay"];

describe("portfolio", () => {
  test("effective exposure = physical + synthetic; weights over NAV (physical, cash included)", () => {
    // 30 of cash equitised with equity futures: Equity 60 + 30 synthetic, Cash 40 - 30.
    const plan = readPortfolio([HEAD, ["Equity", 60, 0.9, 0.8, 1, true, "", 30], ["Cash", 40, 0.1, 0, 0.2, true, "", -30]]);
    expect(plan.nav).toBe(100);
    const r = exposureReport(plan);
    expect(r.lines[0]).toMatchObject({
      physical: 60,
      synthetic: 30,
      effective: 90,
      physicalWeight: 0.6,
      effectiveWeight: 0.9,
      status: "within",
    });
    expect(r.lines[1].effectiveWeight).toBeCloseTo(0.1, 15);
    expect(r.lines[0].deviation).toBeCloseTo(0, 15);
    expect(r.total.effective).toBe(100);
  });

  test("status against the range", () => {
    const plan = readPortfolio([HEAD, ["Equity", 70, 0.6, 0.5, 0.65, true, "", 0], ["Bonds", 30, 0.4, 0.35, 0.45, true, "", 0]]);
    expect(exposureReport(plan).lines.map((l) => l.status)).toEqual(["over", "under"]);
  });

  test("a target an ulp outside its range (=1-0.97 against a typed 0.03) is on its edge; 1e-9 outside is an error", () => {
    const cashTarget = 1 - 0.97; // 0.030000000000000027, which Excel shows as 0.03
    const plan = readPortfolio([HEAD, ["Equity", 97, 0.97, 0.9, 1], ["Cash", 3, cashTarget, 0.01, 0.03]]);
    expect(plan.classes[1].target).toBe(cashTarget);
    expect(plan.classes[1].max).toBe(cashTarget);
    expect(plan.classes[1].min).toBe(0.01);
    expect(() => readPortfolio([HEAD, ["Equity", 97, 0.97 - 1e-9, 0.9, 1], ["Cash", 3, 0.03 + 1e-9, 0.01, 0.03]])).toThrow(
      "Portfolio row 2 (Cash): the range must hold the target (Min <= Target <= Max), got Min 0.01, Target 0.030000001, Max 0.03",
    );
  });

  test("validation: targets add up to 1, range holds target, proxy exists and is liquid, NAV positive", () => {
    expect(() => readPortfolio([HEAD, ["Equity", 1, 0.5, 0.4, 0.6], ["Bonds", 1, 0.4, 0.3, 0.5]])).toThrow(
      "Portfolio: Targets must add up to 1 (100%), they add up to 0.9",
    );
    expect(() => readPortfolio([HEAD, ["Equity", 1, 1, 0.4, 0.6]])).toThrow(
      "Portfolio row 1 (Equity): the range must hold the target (Min <= Target <= Max), got Min 0.4, Target 1, Max 0.6",
    );
    expect(() => readPortfolio([HEAD, ["PE", 1, 0.5, 0, 1, false, "Stocks"], ["Equity", 1, 0.5, 0, 1]])).toThrow(
      "Portfolio row 1 (PE): Proxy 'Stocks' is not an asset class of the portfolio",
    );
    expect(() => readPortfolio([HEAD, ["PE", 1, 0.5, 0, 1, false, "RE"], ["RE", 1, 0.5, 0, 1, false]])).toThrow(
      "Portfolio row 1 (PE): Proxy 'RE' is itself illiquid",
    );
    expect(() => readPortfolio([HEAD, ["Equity", 0, 1, 0, 1]])).toThrow("Portfolio: NAV (the sum of Market value) must be positive, got 0");
    expect(() => readPortfolio([HEAD, ["Equity", -5, 1, 0, 1], ["Cash", 10, 0, 0, 1]])).toThrow(
      "Portfolio row 1 (Equity): Market value must be >= 0, got -5",
    );
  });

  describe("group bands", () => {
    const head = ["Asset class", "Market value", "Target", "Min", "Max", "Group", "Group min", "Group max"];
    const row = (name: string, g: (string | number)[]): (string | number)[] => [
      name,
      name === "Cash" ? 10 : 45,
      name === "Cash" ? 0.1 : 0.45,
      0,
      1,
      ...g,
    ];
    test("read: members, the band stated on one row", () => {
      const plan = readPortfolio([
        head,
        row("Equity", ["Growth", 0.8, 0.95]),
        row("Credit", ["growth", "", ""]),
        row("Cash", ["", "", ""]),
      ]);
      expect(plan.groups).toEqual([{ name: "Growth", members: [0, 1], min: 0.8, max: 0.95 }]);
      const open = readPortfolio([head, row("Equity", ["G", "", 0.95]), row("Credit", ["", "", ""]), row("Cash", ["", "", ""])]);
      expect(open.groups![0].min).toBe(-Infinity);
      expect(readPortfolio([head.slice(0, 5), ...[row("Equity", []), row("Credit", []), row("Cash", [])]]).groups).toBeUndefined();
    });
    test("refused in words", () => {
      const bad = (g: (string | number)[][], msg: string) =>
        expect(() => readPortfolio([head, row("Equity", g[0]), row("Credit", g[1]), row("Cash", g[2])])).toThrow(msg);
      bad(
        [
          ["G", 0.8, 0.95],
          ["G", 0.7, ""],
          ["", "", ""],
        ],
        "Portfolio row 2 (Credit): Group min of 'G' is 0.7, another row of the group states 0.8",
      );
      bad(
        [
          ["", 0.8, ""],
          ["", "", ""],
          ["", "", ""],
        ],
        "Portfolio row 1 (Equity): Group min and Group max need a Group",
      );
      bad(
        [
          ["G", 0.8, ""],
          ["", "", ""],
          ["G", "", ""],
        ],
        "Portfolio row 3 (Cash): Cash cannot be in a Group (it is the funding leg)",
      );
      bad(
        [
          ["G", "", ""],
          ["", "", ""],
          ["", "", ""],
        ],
        "Portfolio row 1 (Equity): Group 'G' needs a Group min or a Group max on one of its rows",
      );
      bad(
        [
          ["G", 0.5, 0.6],
          ["G", "", ""],
          ["", "", ""],
        ],
        "Portfolio row 1 (Equity): Group 'G''s band must hold its summed targets (Group min <= 0.9 <= Group max), got Group min 0.5, Group max 0.6",
      );
    });
  });
});

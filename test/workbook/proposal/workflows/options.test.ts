/**
 * The options workflow, re-verified independently: premiums from OVERLAY.OPTION leg by leg (OPTION is
 * checked against Haug and QuantLib in test/functions/options.test.ts), payoffs by hand from the strikes,
 * the zero-cost strike's residual premium from the smile read by hand.
 */
import { computeProposal, findWorkflow } from "../../../../src/workbook/proposal";
import { Proposal } from "../../../../src/workbook/proposal/model";
import { ok } from "../../../helpers/call";

async function propose(tables: Record<string, unknown[][]>, options: Record<string, unknown>): Promise<Proposal> {
  const inputs = Object.fromEntries(Object.entries(tables).map(([name, values]) => [name, { ref: `${name}[#All]`, values }]));
  return computeProposal(findWorkflow("options")!, inputs as never, options as never);
}
const check = (p: Proposal, name: RegExp) => p.checks.find((c) => name.test(c.name))!;
const figure = (p: Proposal, title: string, label: RegExp) =>
  p.figures!.find((g) => g.title === title)!.rows.find((r) => label.test(r.label))!.value;
const option = async (...args: unknown[]) => (await ok("OPTION", ...args)) as number;

describe("the README's collar: 10,000 units of the underlying with a 95-110 collar, 6 months, r 5%, q 2%, vol 20%", () => {
  const legs = [
    ["Type", "Strike", "Quantity"],
    ["underlying", "", 10000],
    ["put", 95, 10000],
    ["call", 110, -10000],
  ];
  const opts = { spot: 100, years: 0.5, rate: 0.05, yield: 0.02, vol: 0.2, multiplier: 100, expiry: 46101 };
  let p: Proposal;
  let premium: number;
  beforeAll(async () => {
    p = await propose({ Legs: legs }, opts);
    premium = 10000 * ((await option("put", 100, 95, 0.5, 0.05, 0.02, 0.2)) - (await option("call", 100, 110, 0.5, 0.05, 0.02, 0.2)));
  });
  test("the ticket holds only the option trades, with their expiry: the holding is not bought", () => {
    expect(p.trades.map((t) => [t.instrument, t.side, t.quantity, t.unit, t.expiry])).toEqual([
      ["Put 95", "Buy", 100, "contracts", "2026-03-20"],
      ["Call 110", "Sell", 100, "contracts", "2026-03-20"],
    ]);
  });
  test("the premium is the options' alone (2,225.85, not 1,002,226 with the holding)", () => {
    expect(premium).toBeCloseTo(2225.85, 2);
    expect(figure(p, "Protection", /^Net premium/)).toBeCloseTo(premium, 6);
    expect(p.notes.join(" ")).toMatch(/Net premium of the options paid: 2,226/);
  });
  test("passes the protection check: at 80 the put pays 15 x 10,000, less the premium", () => {
    const c = check(p, /Protection in a 20% fall/);
    expect(c.status).toBe("pass");
    expect(c.detail).toMatch(/^At 80 the overlay pays 147,774/);
    expect(p.chart!.series[1].values[p.chart!.categories.indexOf(80)]).toBeCloseTo(150000 - premium, 6);
  });
  test("protection figures by hand: floor 95 x 10,000 less the premium, maximum loss 52,226 including the holding, cap at 110, breakeven 100.22", () => {
    expect(figure(p, "Protection", /^Floor \(/)).toBeCloseTo(950000 - premium, 6);
    expect(figure(p, "Protection", /^Floor level/)).toBe(95);
    expect(figure(p, "Protection", /^Maximum loss/)).toBeCloseTo(50000 + premium, 6);
    expect(figure(p, "Protection", /^Cap \(/)).toBeCloseTo(1100000 - premium, 6);
    expect(figure(p, "Protection", /^Breakeven/)).toBeCloseTo(100 + premium / 10000, 9);
  });
  test("Greeks in desk units from OPTION's raw Greeks: vega per vol point, theta per day, dollar gamma per 1%", async () => {
    const g = async (m: string) =>
      10000 * ((await option("put", 100, 95, 0.5, 0.05, 0.02, 0.2, m)) - (await option("call", 100, 110, 0.5, 0.05, 0.02, 0.2, m)));
    expect(figure(p, "Greeks (desk units)", /^Vega/)).toBeCloseTo((await g("vega")) / 100, 8);
    expect(figure(p, "Greeks (desk units)", /^Theta/)).toBeCloseTo((await g("theta")) / 365, 8);
    expect(figure(p, "Greeks (desk units)", /^Dollar gamma/)).toBeCloseTo(((await g("gamma")) * 100 * 100) / 100, 8);
    // Delta includes the holding's 10,000 units.
    expect(figure(p, "Greeks (desk units)", /^Delta/)).toBeCloseTo(10000 + (await g("delta")), 8);
  });
  test("the zero-cost call is rounded to the listed 5-point grid and the premium it leaves is reported", async () => {
    const k = (await ok("ZEROCOST", "collar", 100, 0.5, 0.05, 0.02, 0.2, 95)) as number;
    expect(k).toBeCloseTo(109.156, 3);
    expect(figure(p, "Protection", /^Zero-cost call strike/)).toBe(110);
    const residual =
      10000 * ((await option("put", 100, 95, 0.5, 0.05, 0.02, 0.2)) - (await option("call", 100, 110, 0.5, 0.05, 0.02, 0.2)));
    expect(figure(p, "Protection", /^Premium left/)).toBeCloseTo(residual, 6);
  });
});

describe("a future plus puts: the future is worth 0 and is a futures trade", () => {
  test("short 5,000 units of the future (100 ES) and long 5,000 puts at 5,310 (50 contracts): premium = the puts'", async () => {
    const legs = [
      ["Type", "Strike", "Quantity"],
      ["future", "", -5000],
      ["put", 5310, 5000],
    ];
    const p = await propose(
      { Legs: legs },
      { spot: 5900, years: 0.5, rate: 0.042, yield: 0.013, vol: 0.175, multiplier: 100, futuresMultiplier: 50 },
    );
    expect(p.trades.map((t) => [t.instrument, t.side, t.quantity])).toEqual([
      ["Future", "Sell", 100],
      ["Put 5,310", "Buy", 50],
    ]);
    const put = await option("put", 5900, 5310, 0.5, 0.042, 0.013, 0.175);
    expect(figure(p, "Protection", /^Net premium/)).toBeCloseTo(5000 * put, 6);
    // The future's notional is at its fair price F = S e^{(r-q)T}.
    expect(p.trades[0].notional).toBeCloseTo(-5000 * 5900 * Math.exp(0.029 * 0.5), 6);
  });
});

describe("with the workbook's smile", () => {
  const smile = [
    ["Strike", "Vol"],
    [5000, 0.26],
    [5600, 0.2],
    [5900, 0.175],
    [6500, 0.15],
  ];
  const at = (k: number) => {
    // Linear in strike between the points, flat outside (by hand).
    const pts = smile.slice(1) as number[][];
    if (k <= pts[0][0]) return pts[0][1];
    for (let i = 1; i < pts.length; i++)
      if (k <= pts[i][0]) return pts[i - 1][1] + ((k - pts[i - 1][0]) / (pts[i][0] - pts[i - 1][0])) * (pts[i][1] - pts[i - 1][1]);
    return pts[pts.length - 1][1];
  };
  test("the zero-cost call uses the smile (not flat vol) and its listed strike's residual premium is the smile's", async () => {
    const legs = [
      ["Type", "Strike", "Quantity"],
      ["underlying", "", 84700],
      ["put", 5310, 84700],
      ["call", 6450, -84700],
    ];
    const opts = { spot: 5900, years: 0.5, rate: 0.042, yield: 0.013, vol: 0.175 };
    const p = await propose({ Legs: legs, Smile: smile }, opts);
    const kSmile = (await ok("ZEROCOST", "collar", 5900, 0.5, 0.042, 0.013, smile, 5310)) as number;
    const kFlat = (await ok("ZEROCOST", "collar", 5900, 0.5, 0.042, 0.013, 0.175, 5310)) as number;
    expect(Math.abs(kSmile - kFlat)).toBeGreaterThan(50);
    const listed = Math.round(kSmile / 5) * 5;
    expect(figure(p, "Protection", /^Zero-cost call strike/)).toBe(listed);
    const residual =
      84700 *
      ((await option("put", 5900, 5310, 0.5, 0.042, 0.013, at(5310))) -
        (await option("call", 5900, listed, 0.5, 0.042, 0.013, at(listed))));
    expect(figure(p, "Protection", /^Premium left/)).toBeCloseTo(residual, 4);
    expect(p.notes.join(" ")).toMatch(/Volatility: the workbook's Smile/);
    // The legs' own premium is valued on the smile too.
    const premium =
      84700 *
      ((await option("put", 5900, 5310, 0.5, 0.042, 0.013, at(5310))) - (await option("call", 5900, 6450, 0.5, 0.042, 0.013, at(6450))));
    expect(figure(p, "Protection", /^Net premium/)).toBeCloseTo(premium, 4);
  });
  test("a strike off the listed grid is a warning naming the nearest listed strike", async () => {
    const legs = [
      ["Type", "Strike", "Quantity"],
      ["put", 5312, 100],
    ];
    const p = await propose({ Legs: legs, Smile: smile }, { spot: 5900, years: 0.5, rate: 0.042, yield: 0.013 });
    expect(check(p, /Listed strikes/)).toMatchObject({ status: "warn", detail: "Not listed: Put 5,312 (nearest 5,310)." });
  });
});

describe("the sample workbook's collar (Options sheet: a 90% put funded by a call, the smile)", () => {
  const SMILE = [
    ["Strike", "Vol"],
    [4700, 0.265],
    [5000, 0.235],
    [5300, 0.208],
    [5600, 0.19],
    [5900, 0.175],
    [6200, 0.16],
    [6500, 0.15],
    [7100, 0.145],
  ];
  const opts = { spot: 5900, years: 0.5, rate: 0.042, yield: 0.013, vol: 0.175 };
  test("the zero-cost call is 6,448 on the smile (6,803 on flat vol), listed at 6,450; the unlisted 6,448.397 is a warning", async () => {
    const k = (await ok("ZEROCOST", "collar", 5900, 0.5, 0.042, 0.013, SMILE, 5310)) as number;
    const flat = (await ok("ZEROCOST", "collar", 5900, 0.5, 0.042, 0.013, 0.175, 5310)) as number;
    expect(Math.round(k)).toBe(6448);
    expect(Math.round(flat)).toBe(6803);
    const legs = [
      ["Type", "Strike", "Quantity"],
      ["put", 5310, 84700],
      ["call", Math.round(k * 1000) / 1000, -84700],
    ];
    const p = await propose({ Legs: legs, Smile: SMILE }, opts);
    expect(figure(p, "Protection", /^Zero-cost call strike/)).toBe(6450);
    expect(check(p, /Listed strikes/).status).toBe("warn");
    expect(check(p, /Protection in a 20% fall/).status).toBe("pass");
    expect(p.trades.map((t) => [t.instrument, t.side, t.quantity])).toEqual([
      ["Put 5,310", "Buy", 847],
      ["Call 6,448.397", "Sell", 847],
    ]);
  });
});

/**
 * The LDI hedge workflow on the bundled sample, re-evaluated independently: every traded instrument is rebuilt
 * here from its terms (a SOFR swap's annual Act/360 schedule, a future's cheapest-to-deliver forward to delivery
 * over its factor) and revalued under each key-rate bump of the curve (bump and reprice, no linearisation), as are
 * the liabilities and the assets; the resulting hedge ratios must meet the proposal's stated target and bands.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadBook } from "../../../../src/cli/xlsx/load";
import { recalc } from "../../../../src/cli/xlsx/recalc";
import { applyToModel } from "../../../../src/cli/xlsx/write";
import { XlsxWorkbook } from "../../../../src/cli/xlsx/XlsxWorkbook";
import { computeProposal } from "../../../../src/workbook/proposal";
import { PortMatrix } from "../../../../src/workbook/WorkbookPort";
import { WorkflowInputs } from "../../../../src/workbook/proposal/model";
import { hedgeWorkflow } from "../../../../src/workbook/proposal/workflows/hedge";

const SAMPLE = join(__dirname, "../../../../examples/pension-plan.xlsx");
const KEYS = [1, 2, 3, 5, 7, 10, 15, 20, 25, 30];

async function sampleInputs(): Promise<WorkflowInputs> {
  const loaded = await loadBook(readFileSync(SAMPLE));
  const { formulas } = await recalc(loaded.model);
  applyToModel(loaded.model, formulas);
  const port = new XlsxWorkbook(loaded.workbook, loaded.model);
  const read = async (name: string) => ({ name, ref: `${name}[#All]`, values: await port.readTable(name) });
  return {
    Liabilities: await read("Liabilities"),
    Curve: await read("Curve"),
    Instruments: await read("Instruments"),
    Assets: await read("Assets"),
  };
}

/** The test's own curve: zero rates linear in tenor, flat outside, annual compounding, each key bumped by bp x triangle. */
function curveOf(m: PortMatrix) {
  const rows = m.slice(1).map((r) => [Number(r[0]), Number(r[1])]);
  const tri = (k: number, t: number) => {
    const K = KEYS;
    if (t <= K[0]) return k === 0 ? 1 : 0;
    if (t >= K[K.length - 1]) return k === K.length - 1 ? 1 : 0;
    if (k > 0 && t >= K[k - 1] && t <= K[k]) return (t - K[k - 1]) / (K[k] - K[k - 1]);
    if (k < K.length - 1 && t >= K[k] && t <= K[k + 1]) return (K[k + 1] - t) / (K[k + 1] - K[k]);
    return 0;
  };
  const zero = (t: number) => {
    if (t <= rows[0][0]) return rows[0][1];
    for (let i = 1; i < rows.length; i++) {
      if (t <= rows[i][0]) return rows[i - 1][1] + ((t - rows[i - 1][0]) / (rows[i][0] - rows[i - 1][0])) * (rows[i][1] - rows[i - 1][1]);
    }
    return rows[rows.length - 1][1];
  };
  return (key: number, bp: number) => (t: number) => Math.pow(1 + zero(t) + (key < 0 ? bp : bp * tri(key, t)) * 1e-4, -t);
}

type Df = (t: number) => number;
const pvFlows = (flows: [number, number][], df: Df) => flows.reduce((s, [t, a]) => s + a * df(t), 0);

describe("LDI hedge workflow on the sample", () => {
  it("meets its stated target and bands when every instrument is rebuilt from its own terms and revalued under each bump", async () => {
    const inputs = await sampleInputs();
    const p = await computeProposal(hedgeWorkflow, inputs, {});
    expect(p.checks.map((c) => [c.name, c.status])).toEqual([
      ["Whole contracts", "pass"],
      ["Notional in market increments", "pass"],
      ["Total hedge ratio within its band", "pass"],
      ["Key-rate hedge ratios within their band", "pass"],
    ]);
    const curve = curveOf(inputs.Curve!.values);
    const liabilities = inputs.Liabilities!.values.slice(1).map((r) => [Number(r[0]), Number(r[1])] as [number, number]);
    const assets = inputs.Assets!.values.slice(1).map((r) => [Number(r[0]), Number(r[1])] as [number, number]);
    const ins = new Map(inputs.Instruments!.values.slice(1).map((r) => [String(r[0]), r]));
    const base = curve(-1, 0);
    // Value of every position under a curve: the swaps at the par rate of the base curve, annual Act/360 with
    // 365.25-day years (USD SOFR OIS); the futures as contract size / factor x the CTD's forward price.
    const value = (df: Df) => {
      let v = pvFlows(assets, df);
      for (const t of p.trades) {
        const r = ins.get(t.instrument)!;
        const signed = t.side === "Buy" ? t.quantity : -t.quantity;
        if (r[1] === "swap") {
          const n = Number(r[2]);
          const accrual = 365.25 / 360;
          let ann0 = 0;
          for (let i = 1; i <= n; i++) ann0 += accrual * base(i);
          const k = (1 - base(n)) / ann0;
          expect(t.ticket?.fixedRate).toBeCloseTo(k, 12);
          expect(t.ticket?.direction).toBe("Receive fixed");
          let ann = 0;
          for (let i = 1; i <= n; i++) ann += accrual * df(i);
          v += signed * (k * ann - (1 - df(n)));
        } else {
          const [coupon, maturity, delivery, factor] = [Number(r[3]), Number(r[2]), Number(r[6]), Number(r[7])];
          const size = r[5] === "TU" ? 200000 : 100000;
          const flows: [number, number][] = [];
          for (let tt = maturity; tt > delivery; tt -= 0.5) flows.push([tt, coupon / 2 + (tt === maturity ? 1 : 0)]);
          expect(t.ticket?.globex).toBeDefined();
          v += (signed * size * (pvFlows(flows, df) / df(delivery))) / factor;
        }
      }
      return v;
    };
    const v0 = value(base);
    const l0 = pvFlows(liabilities, base);
    const held = KEYS.map((_, k) => value(curve(k, -1)) - v0);
    const liab = KEYS.map((_, k) => pvFlows(liabilities, curve(k, -1)) - l0);
    const total = held.reduce((s, x) => s + x, 0) / liab.reduce((s, x) => s + x, 0);
    // Second-order terms of bump-and-reprice (the engine linearises) move ratios by well under 0.1 point.
    expect(Math.abs(total - 0.8)).toBeLessThanOrEqual(0.01 + 0.001);
    KEYS.forEach((_, k) => expect(Math.abs(held[k] / liab[k] - 0.8)).toBeLessThanOrEqual(0.05 + 0.002));
    // The proposal's own ratios agree with the re-evaluation.
    p.exposures!.lines.forEach((l, k) => expect(l.after).toBeCloseTo(held[k] / liab[k], 2));
  });

  it("tickets a desk can execute: receive fixed, rate, index, dates, notional in $1m steps; futures with exchange codes", async () => {
    const p = await computeProposal(hedgeWorkflow, await sampleInputs(), {});
    const swap = p.trades.find((t) => t.instrument.startsWith("30-year SOFR"))!;
    expect(swap.ticket).toMatchObject({
      direction: "Receive fixed",
      index: "USD SOFR OIS: annual, Act/360",
      effective: "spot (T+2)",
      maturity: "spot + 30y",
      increment: 1e6,
    });
    expect(swap.quantity % 1e6).toBe(0);
    expect(swap.note).toMatch(/^Receive fixed \d+\.\d{4}% vs SOFR, spot \(T\+2\) to spot \+ 30y, notional/);
    for (const t of p.trades.filter((x) => x.unit === "contracts")) {
      expect(Number.isInteger(t.quantity)).toBe(true);
      expect(t.ticket?.exchange).toBe("CBOT");
    }
  });

  it("gives contracts for any header synonym the engine accepts (Name, Whole, DV01) (issue 12)", async () => {
    const inputs = await sampleInputs();
    const instruments = {
      name: "Instruments",
      ref: "Instruments",
      values: [
        ["Name", "Maturity", "DV01", "Whole"],
        ["TY future", 7, 65, true],
        ["30y swap", 30, 0.0017, false],
      ],
    };
    const p = await computeProposal(hedgeWorkflow, { ...inputs, Instruments: instruments }, { tolerance: 1 });
    const ty = p.trades.find((t) => t.instrument === "TY future")!;
    expect(ty.unit).toBe("contracts");
    expect(Number.isInteger(ty.quantity)).toBe(true);
    expect(p.trades.find((t) => t.instrument === "30y swap")!.unit).toBe("units");
  });

  it("a band the limits cannot reach is an error beside the target", async () => {
    const inputs = await sampleInputs();
    const capped = {
      name: "Instruments",
      ref: "Instruments",
      values: [
        ["Instrument", "Kind", "Tenor", "Max"],
        ["30y", "swap", 30, 1e6],
      ],
    };
    await expect(computeProposal(hedgeWorkflow, { ...inputs, Instruments: capped }, {})).rejects.toMatchObject({ field: "targetRatio" });
  });
});

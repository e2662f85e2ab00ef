/**
 * Option programmes: OVERLAY.PNLGRID (a spot x vol P&L grid), OVERLAY.WRITING (systematic put or call writing by
 * delta, rolled on a calendar), OVERLAY.COLLARLADDER (laddered collars).
 * Thin: parse the arguments, call the engine, lay out the spill. Loaded on first use, as a chunk of its own:
 * the JSDoc'd functions Excel sees, and the registry entries, are in catalogue/programmes.ts.
 */
import { argMatrix, argNumber, argNumberList, argOptionalNumber, isEmpty, scalarOf } from "../../engine/core/cells";
import { PnlGrid, pnlGrid } from "../../engine/options/pnlGrid";
import { CollarTranche, WritingRoll, collarLadder, writingProgramme } from "../../engine/options/programme";
import { parseOptionKind } from "../../engine/options/optionType";
import { STRIKE_RULE, readVolSpec } from "../../engine/options/smile";
import { YEARS_RULE, readLegs } from "../../engine/options/strategy";
import { run, spill } from "../excel";

const PRICE_RULE = { min: 0, minExclusive: true, max: 1e15 };
const RATE_RULE = { min: -1, max: 1 };
const DEFAULT_SPOT_SHOCKS = [-0.2, -0.1, -0.05, 0, 0.05, 0.1, 0.2];
const DEFAULT_VOL_SHIFTS = [-0.05, 0, 0.05, 0.1];

function shocks(v: unknown, arg: string, fallback: number[], rule: { min: number; max: number }): number[] {
  if (v === null || v === undefined) return fallback;
  const m = argMatrix(v, arg);
  if (m.flat().every(isEmpty)) return fallback;
  return argNumberList(v, arg, rule);
}

/** The typed half of PNLGRID. */
export function pnlGridResult(
  legs: any[][],
  spot: any,
  years: any,
  rate: any,
  Yield: any,
  vol: any[][],
  spotShocks?: any[][],
  volShifts?: any[][],
): PnlGrid {
  const parsed = readLegs(argMatrix(legs, "legs"), "Legs");
  const m = {
    spot: argNumber(spot, "spot", PRICE_RULE),
    years: argOptionalNumber(years, "years", YEARS_RULE),
    rate: argNumber(rate, "rate", RATE_RULE),
    yield: argNumber(Yield, "yield", { ...RATE_RULE, default: 0 }),
    vol: readVolSpec(vol, "vol"),
  };
  const ds = shocks(spotShocks, "spotShocks", DEFAULT_SPOT_SHOCKS, { min: -0.99, max: 10 });
  const dv = shocks(volShifts, "volShifts", DEFAULT_VOL_SHIFTS, { min: -10, max: 10 });
  return pnlGrid(parsed, m, ds, dv);
}

/** OVERLAY.PNLGRID: its JSDoc (the function reference) is in catalogue/programmes.ts. */
export function pnlgrid(
  legs: any[][],
  spot: any,
  years: any,
  rate: any,
  Yield: any,
  vol: any[][],
  spotShocks?: any[][],
  volShifts?: any[][],
) {
  return run(() => {
    const g = pnlGridResult(legs, spot, years, rate, Yield, vol, spotShocks, volShifts);
    const s = argNumber(spot, "spot", PRICE_RULE);
    return spill(
      ["Spot shock", "Spot", ...g.volShifts.map((dv) => `Vol ${dv >= 0 ? "+" : ""}${Number((dv * 100).toFixed(6))} pt`)],
      g.spotShocks.map((ds, i) => [ds, Number((s * (1 + ds)).toPrecision(15)), ...g.pnl[i]]),
    );
  });
}

function programmeMarket(spot: unknown, rate: unknown, yld: unknown, vol: unknown) {
  const v = readVolSpec(vol, "vol");
  if (v === undefined) argNumber(undefined, "vol");
  return {
    spot: argNumber(spot, "spot", PRICE_RULE),
    rate: argNumber(rate, "rate", RATE_RULE),
    yield: argNumber(yld, "yield", { ...RATE_RULE, default: 0 }),
    vol: v!,
  };
}

const STEP_RULE = { default: 5, min: 0, minExclusive: true, max: 1e6 };

/** The typed half of WRITING. */
export function writingResult(
  type: any,
  delta: any,
  spot: any,
  years: any,
  rate: any,
  Yield: any,
  vol: any[][],
  rolls?: any,
  strikeStep?: any,
  start?: any,
): WritingRoll[] {
  const kind = parseOptionKind(scalarOf(type, "type"), "type");
  const d = argNumber(delta, "delta", { min: 0, minExclusive: true, max: 1 });
  const m = programmeMarket(spot, rate, Yield, vol);
  const t = argNumber(years, "years", YEARS_RULE);
  const n = argNumber(rolls, "rolls", { default: 12, min: 1, max: 1200, integer: true });
  const step = argNumber(strikeStep, "strikeStep", STEP_RULE);
  const s = argOptionalNumber(start, "start", { min: 1, max: 2900000 });
  return writingProgramme(kind, d, m, t, n, step, s === undefined ? undefined : Math.trunc(s));
}

/** OVERLAY.WRITING: its JSDoc (the function reference) is in catalogue/programmes.ts. */
export function writing(...args: Parameters<typeof writingResult>) {
  return run(() => {
    const r = writingResult(...args);
    return spill(
      ["Roll", "Written", "Expiry", "Strike", "Delta", "Premium", "Income yield", "Annualised yield"],
      r.map((x) => [x.roll, x.written ?? "", x.expiry ?? "", x.strike, x.delta, x.premium, x.incomeYield, x.annualisedYield]),
    );
  });
}

/** The typed half of COLLARLADDER. */
export function collarLadderResult(
  spot: any,
  rate: any,
  Yield: any,
  vol: any[][],
  putStrike: any,
  quantity: any,
  tranches?: any,
  spacingYears?: any,
  strikeStep?: any,
): CollarTranche[] {
  const m = programmeMarket(spot, rate, Yield, vol);
  return collarLadder(
    m,
    argNumber(putStrike, "putStrike", STRIKE_RULE),
    argNumber(quantity, "quantity", { min: 0, minExclusive: true, max: 1e15 }),
    argNumber(tranches, "tranches", { default: 4, min: 1, max: 120, integer: true }),
    argNumber(spacingYears, "spacingYears", { default: 0.25, min: 0, minExclusive: true, max: 10 }),
    argNumber(strikeStep, "strikeStep", STEP_RULE),
  );
}

/** OVERLAY.COLLARLADDER: its JSDoc (the function reference) is in catalogue/programmes.ts. */
export function collarladder(...args: Parameters<typeof collarLadderResult>) {
  return run(() => {
    const r = collarLadderResult(...args);
    return spill(
      ["Tranche", "Years", "Quantity", "Put strike", "Zero-cost call", "Call strike", "Net premium"],
      [
        ...r.map((x) => [x.tranche, x.years, x.quantity, x.putStrike, x.zeroCostCall, x.callStrike, x.premium]),
        ["Total", "", r.reduce((s, x) => s + x.quantity, 0), "", "", "", r.reduce((s, x) => s + x.premium, 0)],
      ],
    );
  });
}

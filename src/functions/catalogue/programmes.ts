/**
 * Option programmes: OVERLAY.PNLGRID (a spot x vol P&L grid), OVERLAY.WRITING (systematic put or call writing by
 * delta, rolled on a calendar), OVERLAY.COLLARLADDER (laddered collars).
 * The bodies (areas/programmes.ts) load on first use, as a chunk of their own, so the functions bundle Excel loads
 * with the workbook stays small; what Excel sees (the JSDoc) and the registry entries are here.
 */
import type * as Area from "../areas/programmes";
import { lazyArea } from "../excel";
import { FunctionDef, entry } from "../def";

const area = lazyArea("option programme", () => import(/* webpackChunkName: "programmes" */ "../areas/programmes"));

/**
 * Spot x vol P&L grid of a strategy: the change in value of every leg (holding, futures, options) when the underlying moves by each spot shock and every vol by each shift, instantly. Rows: spot shocks; columns: vol shifts.
 * @customfunction PNLGRID
 * @param {any[][]} legs Legs table: Type (call, put, underlying or future), Strike, Quantity; optional Vol, Years.
 * @param {any} spot Price of the underlying (> 0).
 * @param {any} years Time to expiry in years for legs without Years.
 * @param {any} rate Continuously compounded risk-free rate, decimal.
 * @param {any} Yield Continuous dividend yield, decimal. Empty = 0.
 * @param {any[][]} vol Volatility for legs without Vol: a number or a Strike | Vol smile (shifted in parallel).
 * @param {any[][]} [spotShocks] Relative spot moves (-0.1 = a 10% fall). Default -20%, -10%, -5%, 0, +5%, +10%, +20%.
 * @param {any[][]} [volShifts] Vol shifts, decimal (0.05 = +5 vol points). Default -0.05, 0, 0.05, 0.10.
 * @returns {any[][]} Table: Spot shock, Spot, then one P&L column per vol shift.
 */
export async function pnlgrid(
  legs: any[][],
  spot: any,
  years: any,
  rate: any,
  Yield: any,
  vol: any[][],
  spotShocks?: any[][],
  volShifts?: any[][],
) {
  return (await area()).pnlgrid(legs, spot, years, rate, Yield, vol, spotShocks, volShifts);
}

/**
 * Systematic put or call writing: at each roll an option of tenor years is written at the strike whose delta is the target (read on the smile), rounded to the listed grid, projected on today's market. With a start date the expiries are the 3rd Fridays every round(years x 12) months on the US exchange calendar.
 * @customfunction WRITING
 * @param {any} type "call" (overwriting a holding) or "put" (cash-secured put writing).
 * @param {any} delta Target delta in absolute value (0.25 = a 25-delta option).
 * @param {any} spot Price of the underlying (> 0).
 * @param {any} years Tenor of each option in years (1/12 = monthly).
 * @param {any} rate Continuously compounded risk-free rate, decimal.
 * @param {any} Yield Continuous dividend yield, decimal. Empty = 0.
 * @param {any[][]} vol Volatility: a number or a Strike | Vol smile.
 * @param {any} [rolls] Number of rolls. Default 12.
 * @param {any} [strikeStep] Listed strike grid. Default 5.
 * @param {any} [start] Excel date serial of the first sale: roll dates on the calendar. Default: none.
 * @returns {any[][]} Table: Roll, Written, Expiry, Strike, Delta, Premium, Income yield, Annualised yield.
 */
export async function writing(
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
) {
  return (await area()).writing(type, delta, spot, years, rate, Yield, vol, rolls, strikeStep, start);
}

/**
 * Laddered zero-cost collars: the holding split into equal tranches with staggered expiries (tranche k expires k x spacingYears out), each a long put at putStrike and the zero-cost call for its tenor (on the smile), rounded to the listed grid, with the premium the rounding leaves.
 * @customfunction COLLARLADDER
 * @param {any} spot Price of the underlying (> 0).
 * @param {any} rate Continuously compounded risk-free rate, decimal.
 * @param {any} Yield Continuous dividend yield, decimal. Empty = 0.
 * @param {any[][]} vol Volatility: a number or a Strike | Vol smile.
 * @param {any} putStrike Strike of every tranche's long put.
 * @param {any} quantity Units of the underlying to protect, split equally.
 * @param {any} [tranches] Number of tranches. Default 4.
 * @param {any} [spacingYears] Years between expiries. Default 0.25 (quarterly).
 * @param {any} [strikeStep] Listed strike grid. Default 5.
 * @returns {any[][]} Table: Tranche, Years, Quantity, Put strike, Zero-cost call, Call strike, Net premium, with a Total row.
 */
export async function collarladder(
  spot: any,
  rate: any,
  Yield: any,
  vol: any[][],
  putStrike: any,
  quantity: any,
  tranches?: any,
  spacingYears?: any,
  strikeStep?: any,
) {
  return (await area()).collarladder(spot, rate, Yield, vol, putStrike, quantity, tranches, spacingYears, strikeStep);
}

export const PROGRAMMES_FUNCTIONS: FunctionDef[] = [
  entry(
    "PNLGRID",
    pnlgrid,
    "legs#, spot, years, rate, yield, vol#, [spotShocks#], [volShifts#]",
    async (...a: Parameters<typeof Area.pnlGridResult>) => (await area()).pnlGridResult(...a),
  ),
  entry(
    "WRITING",
    writing,
    "type, delta, spot, years, rate, yield, vol#, [rolls], [strikeStep], [start]",
    async (...a: Parameters<typeof Area.writingResult>) => (await area()).writingResult(...a),
  ),
  entry(
    "COLLARLADDER",
    collarladder,
    "spot, rate, yield, vol#, putStrike, quantity, [tranches], [spacingYears], [strikeStep]",
    async (...a: Parameters<typeof Area.collarLadderResult>) => (await area()).collarLadderResult(...a),
  ),
];

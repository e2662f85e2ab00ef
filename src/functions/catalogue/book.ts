/**
 * The book: OVERLAY.BOOK (the derived figures of the Positions table, per position, per class, and the
 * reconciliation), and the optional Positions argument every portfolio function takes.
 * Thin: parse the arguments, call the engine, lay out the spill.
 */
import { Matrix, argChoice, argMatrix, argOptionalNumber, isEmpty } from "../../engine/core/cells";
import { Book, BookOptions } from "../../engine/book/derive";
import { Reconciliation, planAndBook, reconcile } from "../../engine/book/effective";
import { Plan, readPortfolio } from "../../engine/portfolio/portfolio";
import { run, spill } from "../excel";
import { FunctionDef, entry } from "../def";

/** An optional range argument: undefined when omitted or empty. */
export function argOptionalMatrix(v: unknown, arg: string): Matrix | undefined {
  if (v === null || v === undefined) return undefined;
  const m = argMatrix(v, arg);
  return m.every((r) => r.every(isEmpty)) ? undefined : m;
}

/** Portfolio and optional Positions (and valuation date) -> the effective plan the other functions read. */
export function readPlanArgs(portfolio: unknown, positions?: unknown, valuationDate?: unknown): { plan: Plan; book?: Book } {
  const base = readPortfolio(argMatrix(portfolio, "portfolio"));
  const opts: BookOptions = { valuationDate: argOptionalNumber(valuationDate, "valuationDate", { min: 0, max: 2958465 }) };
  const { plan, book } = planAndBook(base, argOptionalMatrix(positions, "positions"), opts, "positions");
  return { plan, book };
}

export const BOOK_VIEWS = ["positions", "classes", "reconcile"] as const;

export interface BookResult {
  plan: Plan;
  book: Book;
  reconciliation: Reconciliation;
  view: (typeof BOOK_VIEWS)[number];
}

export function bookResult(portfolio: any[][], positions: any[][], valuationDate?: any, view?: any): BookResult {
  const base = readPortfolio(argMatrix(portfolio, "portfolio"));
  const opts: BookOptions = { valuationDate: argOptionalNumber(valuationDate, "valuationDate", { min: 0, max: 2958465 }) };
  const { plan, book } = planAndBook(base, argMatrix(positions, "positions"), opts, "positions");
  return { plan, book: book!, reconciliation: reconcile(plan), view: argChoice(view, "view", BOOK_VIEWS, "positions") };
}

function bookLayout(r: BookResult) {
  const { book, plan, reconciliation: rec } = r;
  if (r.view === "classes") {
    return spill(
      [
        "Asset class",
        "Positions",
        "Synthetic",
        "Levered",
        "Gross",
        "Notional",
        "Adjusted notional",
        "DV01",
        "Margin",
        "Effective",
        "Effective weight",
      ],
      [
        ...plan.classes.map((c, i) => {
          const b = book.byClass[i];
          const eff = c.marketValue + c.overlay;
          return [
            c.name,
            b.positions,
            c.isCash ? c.overlay : b.synthetic,
            b.levered,
            b.gross,
            b.notional,
            b.adjustedNotional,
            b.dv01,
            b.margin,
            eff,
            eff / plan.nav,
          ];
        }),
        [
          "Total",
          book.total.positions,
          book.total.synthetic,
          book.total.levered,
          book.total.gross,
          book.total.notional,
          book.total.adjustedNotional,
          book.total.dv01,
          book.total.margin,
          rec.effective,
          rec.effective / plan.nav,
        ],
      ],
    );
  }
  if (r.view === "reconcile") {
    return spill(
      ["Metric", "Value"],
      [
        ["NAV", rec.nav],
        ["Effective exposure", rec.effective],
        ["Funding leg (financed from cash)", rec.funding],
        ["Levered exposure (declared)", rec.levered],
        ["Unfunded exposure (no Cash row)", rec.unfunded],
        ["Cash shortfall (funding beyond cash)", rec.cashShortfall],
        ["Declared leverage", rec.declaredLeverage],
        ["NAV x (1 + declared leverage)", rec.nav * (1 + rec.declaredLeverage)],
        ["Difference", rec.difference],
        ["Net leverage", rec.netLeverage],
        ["Initial margin", book.total.margin],
        ["Adjusted notional (18f-4)", book.total.adjustedNotional],
      ],
    );
  }
  return spill(
    [
      "Id",
      "Asset class",
      "Instrument",
      "Kind",
      "Quantity",
      "Notional",
      "Delta",
      "Exposure",
      "Basis",
      "DV01",
      "Margin",
      "Adjusted notional",
      "Levered",
    ],
    [
      ...book.positions.map((p) => [
        p.id,
        p.assetClass,
        p.instrument,
        p.kind,
        p.quantity,
        p.notional,
        p.delta,
        p.exposure,
        p.basis,
        p.dv01,
        p.margin,
        p.adjustedNotional,
        p.levered,
      ]),
      [
        "Total",
        "",
        "",
        "",
        "",
        book.total.notional,
        "",
        book.total.synthetic,
        "",
        book.total.dv01,
        book.total.margin,
        book.total.adjustedNotional,
        "",
      ],
    ],
  );
}

/**
 * The book of positions: each position's notional, delta, exposure equivalent (beta-adjusted notional, delta-adjusted for options, DV01 against the class's Duration for rate instruments), DV01, initial margin and SEC Rule 18f-4 adjusted notional; per class; or the reconciliation (effective exposure = NAV x (1 + declared leverage)).
 * @customfunction BOOK
 * @param {any[][]} portfolio Portfolio table (Asset class, Market value, Target, Min, Max; optional Liquid, Proxy, Duration). A row named Cash finances the synthetic exposure.
 * @param {any[][]} positions Positions table: Id, Asset class, Instrument, Kind (future/option/swap/trs/forward), Quantity; optional Price, Multiplier, FX, Beta, Delta, Option type, Strike, Vol, Expiry, Years, Rate, Yield, DV01, Margin, Levered, Factor.
 * @param {any} [valuationDate] Excel date serial: options with an Expiry but no Years take (Expiry - date) / 365 years.
 * @param {any} [view] "positions" (default: one row per position), "classes" (per asset class) or "reconcile" (the reconciliation).
 * @returns {any[][]} Table per the view, with a Total row.
 */
export function book(portfolio: any[][], positions: any[][], valuationDate?: any, view?: any) {
  return run(() => bookLayout(bookResult(portfolio, positions, valuationDate, view)));
}

export const BOOK_FUNCTIONS: FunctionDef[] = [entry("BOOK", book, "portfolio#, positions#, [valuationDate], [view]", bookResult)];

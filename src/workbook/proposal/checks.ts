/**
 * Guardrail checks shared by the workflows, and the number formatting their messages use.
 * Each check compares figures of the proposal and says in words what it found.
 */
import { cellToNumber } from "../../engine/core/cells";
import { Check, ExposureLine, OptionValue, TradeLine, WorkflowError, WorkflowOptions } from "./model";

const money = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const number = new Intl.NumberFormat("en-US", { maximumFractionDigits: 4 });

export function fmtMoney(x: number): string {
  return money.format(Math.abs(x) < 0.5 ? 0 : x);
}

export function fmtPct(x: number, digits = 2): string {
  const s = (x * 100).toFixed(digits);
  return `${s === `-${(0).toFixed(digits)}` ? (0).toFixed(digits) : s}%`;
}

export function fmtNumber(x: number): string {
  return number.format(x);
}

/** A number option as the user typed it ("5%", "0.05", 1e6), or undefined when empty or unreadable. */
export function optionNumber(v: OptionValue): number | undefined {
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (typeof v === "string") return cellToNumber(v);
  return undefined;
}

/** A pane-only number option (a guardrail): undefined when empty; an error beside the field when unreadable. */
export function numberOption(
  options: WorkflowOptions,
  key: string,
  label: string,
  rule: { min?: number; max?: number } = {},
): number | undefined {
  const v = options[key];
  if (v === undefined || (typeof v === "string" && v.trim() === "")) return undefined;
  const x = optionNumber(v);
  if (x === undefined) throw new WorkflowError(`${label} must be a number, got '${String(v)}'`, key);
  if (rule.min !== undefined && x < rule.min) throw new WorkflowError(`${label} must be >= ${rule.min}, got ${x}`, key);
  if (rule.max !== undefined && x > rule.max) throw new WorkflowError(`${label} must be <= ${rule.max}, got ${x}`, key);
  return x;
}

/** A list option ("1, 2, 5, 10") as a row of numbers for a function; undefined when empty. */
export function listOption(options: WorkflowOptions, key: string, label: string): number[][] | undefined {
  const v = options[key];
  if (v === undefined || (typeof v === "string" && v.trim() === "")) return undefined;
  if (typeof v === "number") return [[v]];
  const parts = String(v)
    .split(/[\s,;]+/)
    .filter((p) => p !== "");
  const xs = parts.map((p) => cellToNumber(p));
  const bad = parts.find((_, i) => xs[i] === undefined);
  if (bad !== undefined) throw new WorkflowError(`${label} must be numbers separated by commas, got '${bad}'`, key);
  return [xs as number[]];
}

/** A weight in words, with enough digits to show how far it is from a bound it is compared with. */
export function fmtPctNear(x: number, bound: number): string {
  for (let d = 2; d <= 6; d++) if (fmtPct(x, d) !== fmtPct(bound, d)) return fmtPct(x, d);
  return fmtPct(x, 6);
}

export function wholeContractsCheck(trades: TradeLine[]): Check {
  const bad = trades.filter((t) => t.unit === "contracts" && !Number.isInteger(t.quantity));
  return bad.length === 0
    ? {
        name: "Whole contracts",
        status: "pass",
        detail: `Every futures trade is a whole number of contracts (${trades.length} trade${trades.length === 1 ? "" : "s"}).`,
      }
    : { name: "Whole contracts", status: "fail", detail: `Not whole: ${bad.map((t) => `${t.instrument} ${t.quantity}`).join(", ")}.` };
}

/**
 * Post-trade weights inside their ranges. A class outside after the trades fails, unless it cannot trade
 * (illiquid, no future: reported, and offset where it has a proxy) or, with `lenient`, it was already
 * outside before and the trades did not take it further out: those are warnings.
 */
export function rangesCheck(lines: ExposureLine[], untradable: Set<string> = new Set(), lenient = false): Check {
  const gap = (w: number, l: ExposureLine) => Math.max(0, l.min! - w, w - l.max!);
  const outside = lines.filter((l) => l.min !== undefined && l.max !== undefined && gap(l.after, l) > 1e-9);
  if (outside.length === 0)
    return { name: "Post-trade weights inside ranges", status: "pass", detail: `All ${lines.length} classes end inside their ranges.` };
  const excused = (l: ExposureLine) => untradable.has(l.name) || (lenient && gap(l.after, l) <= gap(l.before, l) + 1e-9);
  const words = outside.map((l) => {
    const bound = l.after < l.min! ? l.min! : l.max!;
    const why = untradable.has(l.name) ? ", not tradable" : excused(l) ? ", already outside before" : "";
    return `${l.name} ${fmtPctNear(l.after, bound)} (range ${fmtPct(l.min!)} to ${fmtPct(l.max!)})${why}`;
  });
  const status = outside.every(excused) ? "warn" : "fail";
  return { name: "Post-trade weights inside ranges", status, detail: `Outside: ${words.join("; ")}.` };
}

/** Gross futures notional against a limit given as a share of NAV. */
export function grossNotionalCheck(trades: TradeLine[], nav: number, limit: number | undefined): Check | undefined {
  if (limit === undefined) return undefined;
  const gross = trades.reduce((s, t) => s + Math.abs(t.notional ?? 0), 0);
  const share = nav > 0 ? gross / nav : 0;
  const ok = share <= limit + 1e-12;
  return {
    name: "Gross notional within limit",
    status: ok ? "pass" : "fail",
    detail: `Gross notional ${fmtMoney(gross)} is ${fmtPct(share)} of NAV; the limit is ${fmtPct(limit)}.`,
  };
}

export function headline(trades: TradeLine[], checks: Check[]): string {
  const failed = checks.filter((c) => c.status === "fail").length;
  const warned = checks.filter((c) => c.status === "warn").length;
  const t = trades.length === 0 ? "No trades" : `${trades.length} trade${trades.length === 1 ? "" : "s"}`;
  const c =
    failed > 0
      ? `${failed} check${failed === 1 ? "" : "s"} failed`
      : warned > 0
        ? `all checks passed, ${warned} with a warning`
        : "all checks passed";
  return `${t}; ${c}`;
}

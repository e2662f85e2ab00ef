/**
 * Option types: a call or a put, and the legs of a strategy, which may also hold the underlying (a holding,
 * worth the spot) or a future (worth 0 at inception, paying quantity x (S_T - F_0)).
 * The sign w = +1 for a call and -1 for a put turns the two Black formulas into one:
 *   value = w (F N(w d1) - K N(w d2)) x discount.
 */
import { Cell, isEmpty, normaliseName } from "../core/cells";
import { quote, valueError } from "../core/errors";

export type OptionKind = "call" | "put";
export type LegKind = OptionKind | "underlying" | "future";

const OPTION_NAMES: Record<string, OptionKind> = { call: "call", c: "call", put: "put", p: "put" };
const UNDERLYING_NAMES = ["underlying", "underlier", "u", "stock", "share", "shares", "spot", "index", "asset", "holding"];
const FUTURE_NAMES = ["future", "futures", "forward", "fut", "fwd"];

/** +1 for a call, -1 for a put. */
export function optionSign(kind: OptionKind): 1 | -1 {
  return kind === "call" ? 1 : -1;
}

/** Reads "call" / "put" (also "C" / "P", any case); `where` names the argument or cell for the message. */
export function parseOptionKind(v: Cell, where: string): OptionKind {
  if (isEmpty(v)) valueError(`${where} is required: "call" or "put"`);
  const k = typeof v === "string" ? OPTION_NAMES[normaliseName(v)] : undefined;
  if (!k) valueError(`${where} must be "call" or "put", got ${quote(v)}`);
  return k;
}

/** Reads a leg type: call, put, underlying (also C, P, stock, index, holding...) or future (also forward). */
export function parseLegKind(v: Cell, where: string): LegKind {
  if (isEmpty(v)) valueError(`${where} is required: call, put, underlying or future`);
  if (typeof v === "string") {
    const n = normaliseName(v);
    const k = OPTION_NAMES[n];
    if (k) return k;
    if (UNDERLYING_NAMES.includes(n)) return "underlying";
    if (FUTURE_NAMES.includes(n)) return "future";
  }
  return valueError(`${where} must be call, put, underlying or future, got ${quote(v)}`);
}

/**
 * The proposal model: what a workflow computes from the workbook's tables and what the task pane shows,
 * the proposal sheet records and the CSV ticket carries. Plain data, no Office, no DOM: the task pane and
 * `overlay propose` share it.
 */
import { PortValue, PortMatrix } from "../WorkbookPort";

export type WorkflowId = "rebalance" | "equitise" | "tilt" | "daily" | "options" | "hedge" | "leverage" | "completion";

/** The input tables a workflow may read, found in the workbook by these names. */
export const INPUT_NAMES = [
  "Portfolio",
  "Futures",
  "Tilts",
  "Legs",
  "Smile",
  "Curve",
  "Liabilities",
  "Assets",
  "Instruments",
  "Positions",
  "Collateral",
  "Scenarios",
  "Holdings",
  "Loadings",
  "Targets",
] as const;
export type InputName = (typeof INPUT_NAMES)[number];

export interface InputDef {
  name: InputName;
  /** What the table holds, for the pane's help text ("Asset class, Market value, Target, Min, Max"). */
  columns: string;
  optional?: boolean;
}

export type OptionValue = string | number | boolean | undefined;

export interface OptionDef {
  /** Key in the options record; for options passed to a function, the function's parameter name. */
  key: string;
  label: string;
  /** "list": numbers separated by commas or spaces (key tenors), passed to the function as a row. */
  kind: "choice" | "number" | "boolean" | "list";
  choices?: readonly { value: string; label: string }[];
  /** Value when the user sets nothing; undefined leaves it to the function's own default. */
  default?: string | number | boolean;
  /** One line under the field: units, what the default is. */
  help: string;
  /** Shown and typed as a percentage (the value stays a decimal: 5% = 0.05). */
  percent?: boolean;
}

/** One input as the workflow receives it: where it came from and its values (header row first). */
export interface WorkflowInput {
  /** How a formula would refer to it: "Portfolio[#All]" for a table, "Plan!A1:F12" for a selected range. */
  ref: string;
  values: PortMatrix;
}

export type WorkflowInputs = Partial<Record<InputName, WorkflowInput>>;
export type WorkflowOptions = Record<string, OptionValue>;

export interface Workflow {
  id: WorkflowId;
  label: string;
  /** One sentence: what the workflow proposes. */
  summary: string;
  inputs: readonly InputDef[];
  options: readonly OptionDef[];
  /**
   * Computes the workflow's own figures and checks through the function registry's typed results; throws a
   * WorkflowError naming the field at fault. computeProposal fills what every proposal has alike (the workflow's
   * id and label, the headline, the inputs used and the options in words) where the workflow leaves them out.
   */
  compute(inputs: WorkflowInputs, options: WorkflowOptions): Promise<WorkflowResult>;
}

/** A failure the pane shows beside the input or option it concerns (field: an input name or an option key). */
export class WorkflowError extends Error {
  constructor(
    message: string,
    public readonly field?: string,
    /** The Excel error code when the message came from a function ("#VALUE!"). */
    public readonly code?: string,
  ) {
    super(message);
    this.name = "WorkflowError";
  }
}

export interface TradeLine {
  /** Asset class (or sleeve) the trade is for; "" when not applicable. */
  assetClass: string;
  /** What is traded: a futures contract, an instrument, an option leg, a security. */
  instrument: string;
  side: "Buy" | "Sell";
  /** Absolute quantity: whole contracts, units (swap notional, shares), a weight, or exposure in base currency. */
  quantity: number;
  unit: "contracts" | "units" | "weight" | "exposure";
  /** Signed notional in base currency (negative for a sale), when known. */
  notional?: number;
  /** The contract's or option's expiry (last trading day), ISO yyyy-mm-dd, when known. */
  expiry?: string;
  note?: string;
  /** What a rates desk needs to execute the trade (swaps, Treasury futures), when known. */
  ticket?: RatesTicket;
}

/** An executable rates ticket: a swap's terms as the market quotes them, or a future's exchange codes. */
export interface RatesTicket {
  /** Swaps: receive or pay the fixed rate. */
  direction?: "Receive fixed" | "Pay fixed";
  /** Swaps: the fixed rate (decimal) and the floating index convention ("USD SOFR OIS: annual, Act/360"). */
  fixedRate?: number;
  index?: string;
  /** Swaps: effective and maturity dates (ISO yyyy-mm-dd), or as the market says them ("spot (T+2)", "spot + 30y"). */
  effective?: string;
  maturity?: string;
  /** The notional (swaps) or face (bonds) rounded to the market increment, and that increment. */
  notional?: number;
  increment?: number;
  /** Futures: exchange and codes ("CBOT", "TY", CME Globex "ZN"). */
  exchange?: string;
  code?: string;
  globex?: string;
}

/** A labelled figure a view shows beside the trades (Greeks in desk units, protection levels, buffers). */
export interface Figure {
  label: string;
  value: number;
  format: ValueFormat;
  /** What the figure is per or in, in words: "per vol point", "per day", "per 1% move", "bp". */
  unit?: string;
}

export interface ExposureLine {
  name: string;
  before: number;
  after: number;
  target?: number;
  min?: number;
  max?: number;
}

export type CheckStatus = "pass" | "warn" | "fail";

export interface Check {
  name: string;
  status: CheckStatus;
  /** In words: the figures the check compared. */
  detail: string;
}

export type ValueFormat = "percent" | "money" | "number" | "ratio";

/**
 * How a series is drawn in a categorical chart's bullet form (chartForm.ts): "bar" (the value after), "marker"
 * (before), "tick" (target), "min"/"max" (the range's band), "threshold" (one reference line).
 */
export type SeriesRole = "bar" | "marker" | "tick" | "min" | "max" | "threshold";

export interface ChartSeries {
  name: string;
  values: number[];
  /** Drawn as a line (targets, bounds, thresholds) rather than columns. */
  line?: boolean;
  /** Its role in the bullet form; when missing, from the name (After, Before, Target, Min, Max) or `line`. */
  role?: SeriesRole;
}

/** A chart a person would rather look at than read: categories (or x values) and series. */
export interface ChartModel {
  /** "bands": columns against target and range lines; "bars": grouped columns; "line": y against numeric x. */
  kind: "bands" | "bars" | "line";
  title: string;
  xTitle: string;
  yTitle: string;
  format: ValueFormat;
  categories: (string | number)[];
  series: ChartSeries[];
}

/** A table of figures in the proposal: a function's spill, as it came back. */
export interface ResultTable {
  title: string;
  /** The formula that gives this table in a cell. */
  formula: string;
  values: PortMatrix;
  /** Excel number formats by column header ("Post weight": "0.00%"); other columns General. */
  formats?: Record<string, string>;
}

export interface Proposal {
  workflow: WorkflowId;
  label: string;
  /** One line for the top of the proposal: "4 trades; all checks passed". */
  headline: string;
  inputs: { name: InputName; ref: string; values: PortMatrix }[];
  options: { label: string; value: string }[];
  trades: TradeLine[];
  exposures?: { title: string; format: ValueFormat; lines: ExposureLine[] };
  checks: Check[];
  chart?: ChartModel;
  /** Groups of figures the view shows under their titles ("Greeks (desk units)", "Protection"). */
  figures?: { title: string; rows: Figure[] }[];
  results: ResultTable[];
  notes: string[];
}

/** What proposals have alike, filled by computeProposal. */
export type CommonFields = "workflow" | "label" | "headline" | "inputs" | "options";
/** A workflow's own part of its proposal. */
export type WorkflowResult = Omit<Proposal, CommonFields> & Partial<Pick<Proposal, CommonFields>>;

export function cellText(v: PortValue | undefined): string {
  if (v === undefined || v === "") return "";
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return String(v);
}

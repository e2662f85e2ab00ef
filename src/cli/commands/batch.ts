/**
 * The batch loop's file handling, shared by `overlay run` and `overlay propose`: wildcard expansion where the
 * shell did not, and each input's output path (default names, -o file or directory), refusing to write over
 * an input (by device and inode), to give two inputs one output, or to replace an existing file without
 * --force.
 */
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { basename, dirname, join, resolve, sep, extname } from "node:path";
import { fileId, outputProblem } from "./output";
import { DEFAULT_LIMITS, PackageLimits, checkFileSize, limitOfFlag, parseLimit } from "../xlsx/unzip";

/** The default output name: model.xlsx -> model.overlay.xlsx (or model.proposal.xlsx for propose). */
export function defaultOutputName(input: string, suffix = ".overlay"): string {
  const ext = extname(input);
  return `${basename(input, ext)}${suffix}${ext || ".xlsx"}`;
}

/** Expands a simple wildcard pattern (* and ? in the file name) when the shell has not (Windows). */
export function expandPattern(pattern: string): string[] {
  if (!/[*?]/.test(pattern) || existsSync(pattern)) return [pattern];
  const dir = dirname(pattern);
  if (/[*?]/.test(dir)) return [pattern];
  const re = new RegExp(
    `^${basename(pattern)
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".")}$`,
    "i",
  );
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [pattern];
  }
  const hits = names.filter((n) => re.test(n)).sort();
  return hits.length ? hits.map((n) => join(dir, n)) : [pattern];
}

export interface OutputPlan {
  input: string;
  output?: string;
  problem?: string;
  /** Left out on purpose (Excel's lock file, or an earlier output of this command beside its input). */
  skip?: string;
}

/**
 * Decides each input's output path; refuses a path that is an input (by device and inode: links too), that
 * is another input's output, or that exists (unless `force`). See output.ts.
 */
export function planOutputs(
  inputs: string[],
  output: string | undefined,
  dryRun: boolean,
  suffix = ".overlay",
  macros = true,
  force = false,
): OutputPlan[] {
  const toDir =
    output !== undefined &&
    (inputs.length > 1 || output.endsWith("/") || output.endsWith(sep) || (existsSync(output) && statSync(output).isDirectory()));
  const seen = new Map<string, string>();
  const planned: { input: string; output: string }[] = [];
  const given = new Set(inputs.map((x) => resolve(x).toLowerCase()));
  const skipOf = (input: string): string | undefined => {
    if (inputs.length < 2) return undefined;
    if (basename(input).startsWith("~$")) return "Excel's lock file of an open workbook";
    const earlier = /^(.*)\.(overlay|proposal)(\.xls[xm])$/i.exec(input);
    if (earlier && given.has(resolve(earlier[1] + earlier[3]).toLowerCase())) {
      return `an earlier output of overlay ${earlier[2].toLowerCase() === "overlay" ? "run" : "propose"} (its input is in the list)`;
    }
    return undefined;
  };
  const real = inputs.filter((x) => !skipOf(x));
  return inputs.map((input) => {
    const skip = skipOf(input);
    if (skip) return { input, skip };
    if (!existsSync(input)) return { input, problem: "no such file" };
    if (statSync(input).isDirectory()) return { input, problem: "is a directory (give the .xlsx files, e.g. dir/*.xlsx)" };
    if (!(macros ? /\.xls[xm]$/i : /\.xlsx$/i).test(input))
      return { input, problem: `not an ${macros ? ".xlsx or .xlsm" : ".xlsx"} workbook` };
    if (dryRun) return { input };
    const target =
      output === undefined
        ? join(dirname(input), defaultOutputName(input, suffix))
        : toDir
          ? join(output, defaultOutputName(input, suffix))
          : output;
    const key = resolve(target).toLowerCase();
    const prior = seen.get(key);
    if (prior) return { input, problem: `its output ${target} would replace that of ${prior}` };
    const problem = outputProblem({ path: target, role: "output" }, real, [], force);
    if (problem) return { input, problem };
    const id = fileId(target);
    const twin = id && planned.find((p) => fileId(p.output)?.dev === id.dev && fileId(p.output)?.ino === id.ino);
    if (twin) return { input, problem: `its output ${target} is the same file as that of ${twin.input}` };
    seen.set(key, input);
    planned.push({ input, output: target });
    return { input, output: target };
  });
}

/**
 * Reads a --max-... limit flag at args[i] (with its value, "--max-part-mb 500" or "--max-part-mb=500") into
 * `limits`. Returns the index of the last argument used, undefined when args[i] is not a limit flag, or a
 * message when its value is not a positive number.
 */
export function readLimitFlag(args: string[], i: number, limits: PackageLimits): number | string | undefined {
  const a = args[i];
  const eq = a.startsWith("--") ? a.indexOf("=") : -1;
  const flag = eq > 0 ? a.slice(0, eq) : a;
  const key = limitOfFlag(flag);
  if (!key) return undefined;
  const value = eq > 0 ? a.slice(eq + 1) : args[i + 1];
  if (value === undefined) return `${flag} needs a number`;
  const x = parseLimit(flag, value);
  if (typeof x === "string") return x;
  limits[key] = x;
  return eq > 0 ? i : i + 1;
}

/** Reads a workbook file after checking its size against --max-file-mb (unzip.ts checks the rest). */
export function readWorkbookFile(path: string, limits: PackageLimits = DEFAULT_LIMITS): Buffer {
  checkFileSize(statSync(path).size, limits);
  return readFileSync(path);
}

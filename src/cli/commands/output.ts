/**
 * Safe writes for the `overlay` command: no file is ever overwritten by accident, and no write goes through
 * a link (issue 20).
 *
 * - A path is compared with the inputs by device and inode (what the file IS), not by its name: a hard link
 *   or a symbolic link to an input, or the input under another spelling, is the input and is refused.
 * - Two outputs of one run may not be one file (the proposal and its ticket, two inputs' outputs).
 * - An existing file at an output path is kept unless --force is given.
 * - The bytes go to a new temporary file in the target folder (created exclusively, so never through a
 *   link), which then takes the output's name: without --force by link(2), which fails rather than replace
 *   a file that appeared meanwhile; with --force by rename(2), which replaces the directory entry (a
 *   symbolic link itself, not its target; the other names of a hard-linked file keep their content).
 */
import { Stats, linkSync, lstatSync, mkdirSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";

/** What a path is on disk: its device and inode, following links (undefined when nothing is there). */
export interface FileId {
  dev: number;
  ino: number;
}

export function fileId(path: string): FileId | undefined {
  try {
    const s = statSync(path);
    return { dev: s.dev, ino: s.ino };
  } catch {
    return undefined;
  }
}

function lstat(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

function same(a: FileId | undefined, b: FileId | undefined): boolean {
  return !!a && !!b && a.dev === b.dev && a.ino === b.ino;
}

/** A name for a path the way comparisons of paths not yet on disk need it (case-folded where the OS folds). */
function pathKey(p: string): string {
  const r = resolve(p);
  return process.platform === "win32" || process.platform === "darwin" ? r.toLowerCase() : r;
}

export interface OutputCheck {
  /** The path to write. */
  path: string;
  /** What it is, for the messages: "output", "trade ticket". */
  role: string;
}

/**
 * Why `out` must not be written (undefined when it may): it is (or links to) an input, it is another output
 * of this run, it is a directory, or it exists and `force` is not given.
 */
export function outputProblem(
  out: OutputCheck,
  inputs: readonly string[],
  others: readonly OutputCheck[],
  force: boolean,
): string | undefined {
  const here = lstat(out.path);
  const target = fileId(out.path);
  for (const input of inputs) {
    if (same(target, fileId(input)) || pathKey(input) === pathKey(out.path)) {
      const how = here?.isSymbolicLink() ? "a symbolic link to" : pathKey(input) === pathKey(out.path) ? "" : "the same file as";
      return `refusing to overwrite an input file: the ${out.role} ${out.path} is ${how ? `${how} ` : ""}the input ${input}`;
    }
  }
  for (const other of others) {
    if (other === out) continue;
    if (pathKey(other.path) === pathKey(out.path) || same(target, fileId(other.path)))
      return `refusing to write the ${out.role} ${out.path}: it is also the ${other.role} of this run`;
  }
  if (!here) return undefined;
  if (here.isDirectory()) return `refusing to write the ${out.role} ${out.path}: it is a directory`;
  if (!force) return `refusing to replace the existing file ${out.path} (${out.role}); give another path, or --force to replace it`;
  if (!here.isFile() && !here.isSymbolicLink()) return `refusing to write the ${out.role} ${out.path}: it is not a regular file`;
  return undefined;
}

/** The error of a refused write. */
export class OutputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutputError";
  }
}

function tempName(path: string): string {
  const rnd = Math.random().toString(36).slice(2, 10);
  return join(dirname(path), `.${basename(path)}.${process.pid}.${rnd}.tmp`);
}

/**
 * Writes `bytes` to `path` through a new temporary file in the same folder, then gives it the name
 * (see the header). Checks the path again just before (the file system may have changed since the plan).
 * Throws OutputError when refused; the temporary file never stays behind.
 */
export function writeOutput(
  out: OutputCheck,
  bytes: Uint8Array | string,
  opts: { inputs: readonly string[]; force?: boolean; others?: readonly OutputCheck[] },
): void {
  const problem = outputProblem(out, opts.inputs, opts.others ?? [], !!opts.force);
  if (problem) throw new OutputError(problem);
  try {
    mkdirSync(dirname(resolve(out.path)), { recursive: true });
  } catch (e) {
    throw new OutputError(`could not make the folder of the ${out.role} ${out.path} (${(e as NodeJS.ErrnoException).code ?? "error"})`);
  }
  const tmp = tempName(resolve(out.path));
  try {
    // "wx": O_CREAT | O_EXCL: fails if anything (a link included) is at the temporary name.
    writeFileSync(tmp, bytes, { flag: "wx", mode: 0o644 });
    if (opts.force) {
      // Last check: the name must not have become an input since (a link made between plan and write).
      const again = outputProblem(out, opts.inputs, opts.others ?? [], true);
      if (again) throw new OutputError(again);
      renameSync(tmp, out.path);
    } else {
      try {
        linkSync(tmp, out.path); // fails with EEXIST rather than replace
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === "EEXIST")
          throw new OutputError(
            `refusing to replace the existing file ${out.path} (${out.role}); give another path, or --force to replace it`,
          );
        if (code !== "EPERM" && code !== "ENOTSUP" && code !== "EXDEV" && code !== "EMLINK") throw e;
        // A file system without hard links: check once more, then rename.
        if (lstat(out.path))
          throw new OutputError(
            `refusing to replace the existing file ${out.path} (${out.role}); give another path, or --force to replace it`,
          );
        renameSync(tmp, out.path);
        return;
      }
      unlinkSync(tmp);
    }
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      // already renamed or removed
    }
    if (e instanceof OutputError) throw e;
    const err = e as NodeJS.ErrnoException;
    throw new OutputError(`could not write the ${out.role} ${out.path}${err.code ? ` (${err.code})` : ""}`);
  }
}

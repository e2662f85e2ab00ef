/**
 * No file is ever overwritten (issue 20): every output-path case the issue measured, through the command,
 * with the input byte-identical afterwards; and writeOutput's own rules (device and inode, no write through
 * a link, a temporary file renamed into place, nothing left behind).
 */
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync, lstatSync } from "node:fs";
import { join, resolve } from "node:path";
import { main } from "../../../src/cli/overlay";
import { planOutputs } from "../../../src/cli/commands/batch";
import { OutputError, outputProblem, writeOutput } from "../../../src/cli/commands/output";
import { capture, f, makeBook, sha256, tempDir } from "../helpers";

const SAMPLE = resolve(__dirname, "../../../examples/pension-plan.xlsx");
jest.setTimeout(60_000);

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

const book = (path: string) =>
  makeBook(path, (wb) => {
    wb.addWorksheet("S").getCell("A1").value = f("OVERLAY.CONTRACTS(25000000,5000,250)");
  });

/** No temporary file of ours is left in the folder. */
const noTemp = (folder: string) => expect(readdirSync(folder).filter((n) => n.endsWith(".tmp"))).toEqual([]);

describe("overlay propose: the ticket path is checked like every output", () => {
  test("--csv naming the input is refused before any work; the client's workbook is byte-identical", async () => {
    const input = join(dir, "book.xlsx");
    copyFileSync(SAMPLE, input);
    const before = sha256(input);
    const { result, out, err } = await capture(() =>
      main(["propose", input, "-w", "rebalance", "-o", join(dir, "p.xlsx"), "--csv", input]),
    );
    expect(result).toBe(2);
    expect(err).toBe(`overlay propose: refusing to overwrite an input file: the trade ticket ${input} is the input ${input}`);
    expect(out).not.toMatch(/Trade ticket/);
    expect(sha256(input)).toBe(before);
    expect(existsSync(join(dir, "p.xlsx"))).toBe(false);
  });

  test("-o naming the input is refused, --force or not", async () => {
    const input = join(dir, "book.xlsx");
    copyFileSync(SAMPLE, input);
    const before = sha256(input);
    const { result, err } = await capture(() => main(["propose", input, "-w", "rebalance", "-o", input, "--force"]));
    expect(result).toBe(2);
    expect(err).toContain(`refusing to overwrite an input file: the output ${input} is the input ${input}`);
    expect(sha256(input)).toBe(before);
  });

  test("--csv equal to -o is refused (it would replace the proposal just written)", async () => {
    const out = join(dir, "p.xlsx");
    const { result, err } = await capture(() => main(["propose", SAMPLE, "-w", "rebalance", "-o", out, "--csv", out]));
    expect(result).toBe(2);
    expect(err).toMatch(/refusing to write the trade ticket .*p\.xlsx: it is also the proposal workbook of this run/);
    expect(existsSync(out)).toBe(false);
  });

  test("--csv as a hard link to the input, or a symbolic link to it, is the input", async () => {
    const input = join(dir, "book.xlsx");
    copyFileSync(SAMPLE, input);
    const before = sha256(input);
    linkSync(input, join(dir, "hard.csv"));
    symlinkSync(input, join(dir, "soft.csv"));
    for (const [name, how] of [
      ["hard.csv", "the same file as"],
      ["soft.csv", "a symbolic link to"],
    ]) {
      const real = await capture(() =>
        main(["propose", input, "-w", "rebalance", "-o", join(dir, "p.xlsx"), "--csv", join(dir, name), "--force"]),
      );
      expect(real.result).toBe(2);
      expect(real.err).toContain(`the trade ticket ${join(dir, name)} is ${how} the input ${input}`);
    }
    expect(sha256(input)).toBe(before);
  });

  test("an existing ticket is kept unless --force", async () => {
    const csv = join(dir, "t.csv");
    writeFileSync(csv, "yesterday's ticket");
    const { result, err } = await capture(() =>
      main(["propose", SAMPLE, "-w", "rebalance", "-o", join(dir, "p.xlsx"), "--csv", csv, "--override", "test"]),
    );
    expect(result).toBe(2);
    expect(err).toMatch(/refusing to replace the existing file .*t\.csv \(trade ticket\); give another path, or --force to replace it/);
    expect(readFileSync(csv, "utf8")).toBe("yesterday's ticket");
  });
});

describe("overlay run and propose: existing files, links and directories", () => {
  test("run -o an existing file: kept unless --force; then replaced through a new file", async () => {
    const input = await book(join(dir, "model.xlsx"));
    const out = join(dir, "report.xlsx");
    writeFileSync(out, "keep me");
    const first = await capture(() => main(["run", input, "-o", out]));
    expect(first.result).toBe(2);
    expect(first.err).toContain(`refusing to replace the existing file ${out} (output); give another path, or --force to replace it`);
    expect(readFileSync(out, "utf8")).toBe("keep me");
    const forced = await capture(() => main(["run", input, "-o", out, "--force"]));
    expect(forced.result).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe("PK");
    noTemp(dir);
  });

  test("the default names model.overlay.xlsx and model.proposal.xlsx, and -o dir/, are kept unless --force", async () => {
    const input = await book(join(dir, "model.xlsx"));
    writeFileSync(join(dir, "model.overlay.xlsx"), "earlier run");
    expect((await capture(() => main(["run", input]))).result).toBe(2);
    expect(readFileSync(join(dir, "model.overlay.xlsx"), "utf8")).toBe("earlier run");
    mkdirSync(join(dir, "out"));
    writeFileSync(join(dir, "out", "model.overlay.xlsx"), "earlier run");
    const toDir = await capture(() => main(["run", input, "-o", join(dir, "out") + "/"]));
    expect(toDir.result).toBe(2);
    expect(readFileSync(join(dir, "out", "model.overlay.xlsx"), "utf8")).toBe("earlier run");
    copyFileSync(SAMPLE, join(dir, "plan.xlsx"));
    writeFileSync(join(dir, "plan.proposal.xlsx"), "earlier proposal");
    const p = await capture(() => main(["propose", join(dir, "plan.xlsx"), "-w", "rebalance"]));
    expect(p.result).toBe(2);
    expect(p.err).toMatch(/plan\.proposal\.xlsx \(output\); give another path, or --force/);
    expect(readFileSync(join(dir, "plan.proposal.xlsx"), "utf8")).toBe("earlier proposal");
  });

  test("a hard link to the input given as -o is refused, --force or not: the input is byte-identical", async () => {
    const input = await book(join(dir, "model.xlsx"));
    const before = sha256(input);
    linkSync(input, join(dir, "link.xlsx"));
    for (const extra of [[], ["--force"]]) {
      const { result, err } = await capture(() => main(["run", input, "-o", join(dir, "link.xlsx"), ...extra]));
      expect(result).toBe(2);
      expect(err).toContain(
        `refusing to overwrite an input file: the output ${join(dir, "link.xlsx")} is the same file as the input ${input}`,
      );
    }
    expect(sha256(input)).toBe(before);
  });

  test("a symbolic link at the output path is never followed: refused when it leads to the input; with --force the link itself is replaced", async () => {
    const input = await book(join(dir, "model.xlsx"));
    const before = sha256(input);
    symlinkSync(input, join(dir, "to-input.xlsx"));
    const a = await capture(() => main(["run", input, "-o", join(dir, "to-input.xlsx"), "--force"]));
    expect(a.result).toBe(2);
    expect(a.err).toContain("is a symbolic link to the input");
    writeFileSync(join(dir, "other.txt"), "someone else's file");
    symlinkSync(join(dir, "other.txt"), join(dir, "to-other.xlsx"));
    expect((await capture(() => main(["run", input, "-o", join(dir, "to-other.xlsx")]))).result).toBe(2);
    expect((await capture(() => main(["run", input, "-o", join(dir, "to-other.xlsx"), "--force"]))).result).toBe(0);
    expect(lstatSync(join(dir, "to-other.xlsx")).isSymbolicLink()).toBe(false); // the link was replaced...
    expect(readFileSync(join(dir, "other.txt"), "utf8")).toBe("someone else's file"); // ...not what it pointed to
    expect(sha256(input)).toBe(before);
    noTemp(dir);
  });

  test("the input under another spelling (./, ../dir/) is the input", async () => {
    const input = await book(join(dir, "model.xlsx"));
    const before = sha256(input);
    const other = join(dir, "..", dir.split("/").pop()!, ".", "model.xlsx");
    const { result, err } = await capture(() => main(["run", input, "-o", other, "--force"]));
    expect(result).toBe(2);
    expect(err).toMatch(/refusing to overwrite an input file/);
    expect(sha256(input)).toBe(before);
  });
});

describe("planOutputs and writeOutput", () => {
  test("two inputs may not share an output, nor an output be another input", async () => {
    const a = await book(join(dir, "a.xlsx"));
    const b = await book(join(dir, "b.xlsx"));
    mkdirSync(join(dir, "x"));
    const c = await book(join(dir, "x", "a.xlsx"));
    const plans = planOutputs([a, c], join(dir, "out"), false);
    expect(plans[0].output).toBe(join(dir, "out", "a.overlay.xlsx"));
    expect(plans[1].problem).toMatch(/would replace that of/);
    expect(planOutputs([a, b], undefined, false).map((p) => p.problem)).toEqual([undefined, undefined]);
    expect(planOutputs([a], b, false)[0].problem).toMatch(/refusing to replace the existing file/);
  });

  test("writeOutput: new file written; existing kept unless forced; a directory refused; nothing left behind", () => {
    const out = { path: join(dir, "r.csv"), role: "trade ticket" };
    writeOutput(out, "one", { inputs: [] });
    expect(readFileSync(out.path, "utf8")).toBe("one");
    expect(() => writeOutput(out, "two", { inputs: [] })).toThrow(OutputError);
    expect(readFileSync(out.path, "utf8")).toBe("one");
    writeOutput(out, "two", { inputs: [], force: true });
    expect(readFileSync(out.path, "utf8")).toBe("two");
    expect(() => writeOutput({ path: dir, role: "output" }, "x", { inputs: [], force: true })).toThrow(/it is a directory/);
    expect(outputProblem(out, [], [{ path: join(dir, ".", "r.csv"), role: "output" }], true)).toMatch(/also the output of this run/);
    noTemp(dir);
  });
});

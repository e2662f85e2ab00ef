/** The recalculation on workbook models built in code: order, depth, cycles, names, operators. */
import { ExcelError } from "../../../src/functions/excel";
import { BookModel } from "../../../src/cli/xlsx/model";
import { recalc } from "../../../src/cli/xlsx/recalc";

const ID = (x: string) => `=OVERLAY.CONTRACTS(${x},1,1,1,1,"none")`;

describe("recalc", () => {
  test("a long chain whose every formula reads the next one (evaluated against the grain) does not exhaust the stack", async () => {
    const n = 3000;
    const b = new BookModel();
    const s = b.addSheet("S");
    for (let i = 1; i <= n; i++) s.put(i, 1, 0, i < n ? ID(`A${i + 1}+1`) : ID("1"));
    const r = await recalc(b);
    expect(r.formulas.map((f) => f.value)).toEqual(Array.from({ length: n }, (_, i) => n - i));
  });

  test("a long cycle: every formula gets #REF!, the message names the cycle by its ends", async () => {
    const n = 400;
    const b = new BookModel();
    const s = b.addSheet("S");
    for (let i = 1; i <= n; i++) s.put(i, 1, 0, ID(`A${i === n ? 1 : i + 1}+1`));
    const r = await recalc(b);
    expect(r.formulas.every((f) => f.status === "error" && (f.value as ExcelError).code === "#REF!")).toBe(true);
    expect((r.formulas[0].value as ExcelError).message).toBe(
      "Circular reference: S!A1 -> S!A2 -> S!A3 -> S!A4 -> S!A5 -> ... (391 more) -> S!A397 -> S!A398 -> S!A399 -> S!A400 -> S!A1",
    );
  });

  test("defined names hold ranges, constants and formulas of other names; a name that refers to itself is #NAME?", async () => {
    const b = new BookModel();
    const s = b.addSheet("S");
    s.put(1, 1, 10);
    b.names.push({ name: "Base", text: "S!$A$1" }, { name: "Twice", text: "Base*2" }, { name: "Loop", text: "Loop+1" });
    s.put(1, 2, 0, ID("Twice+Base"));
    s.put(2, 2, 0, ID("Loop"));
    const r = await recalc(b);
    expect(r.formulas[0].value).toBe(30);
    expect(r.formulas[1].value).toMatchObject({ code: "#NAME?", message: "The name Loop refers to itself through other names" });
  });

  test("the file's recorded spill area is used for the order and cleared where the result no longer reaches", async () => {
    const b = new BookModel();
    const s = b.addSheet("S");
    // B1 read C2, which the file shows as part of A1's old 3 x 3 result; A1 now gives a single number.
    s.set(1, 1, { value: 1, formula: ID("5"), arrayRef: { top: 1, left: 1, bottom: 3, right: 3 } });
    s.put(2, 3, 99);
    s.put(5, 2, 0, ID("C2+1"));
    const r = await recalc(b);
    expect(r.rounds).toBe(1);
    expect(r.formulas.map((f) => f.value)).toEqual([5, 1]); // C2 is empty now: "" + 1
  });

  test("a formula typed into the old spill area since is kept, and blocks the spill", async () => {
    const b = new BookModel();
    const s = b.addSheet("S");
    s.put(1, 1, "Type");
    s.put(1, 2, "Strike");
    s.put(1, 3, "Quantity");
    s.put(2, 1, "put");
    s.put(2, 2, 90);
    s.put(2, 3, 1);
    // E1 spilled E1:E4 last time (PAYOFF over four spots); E3 now holds a formula of the user's.
    s.set(1, 5, {
      value: 10,
      formula: "=OVERLAY.PAYOFF(A1:C2,{80;85;90;95})".slice(1),
      arrayRef: { top: 1, left: 5, bottom: 4, right: 5 },
    });
    s.set(3, 5, { value: 7, formula: "G1*2" });
    const r = await recalc(b);
    expect(r.formulas[0].value).toMatchObject({ code: "#SPILL!", message: "The result (4 x 1) needs E1:E4, but E3 holds a formula" });
  });
});

describe("hostile formulas (issue 20): a worded refusal or a result, never an exception, work proportional to the used range", () => {
  test("a whole-column reference reads the used rows only; past the reference limit it is refused in words", async () => {
    const b = new BookModel();
    const s = b.addSheet("S");
    for (let r = 1; r <= 5000; r++) s.put(r, 1, r);
    const t = b.addSheet("T");
    t.put(1, 3, 0, ID("SUM(S!A:A)"));
    t.put(2, 3, 0, ID("SUM(S!A1:XFD1048576)")); // the whole sheet
    const r = await recalc(b);
    expect(r.formulas.map((f) => f.value)).toEqual([12502500, 12502500]);
    const limited = await recalc(b, { maxCells: 1000 });
    expect(limited.formulas[0].value).toMatchObject({
      code: "#NUM!",
      message: "S!A1:A5000 has 5000 cells in use, more than a reference may expand to (1000; --max-ref-cells to raise it)",
    });
  });

  test("a formula that broadcasts a column against a row past the limit is refused before the array is built", async () => {
    const b = new BookModel();
    const s = b.addSheet("S");
    for (let r = 1; r <= 200; r++) s.put(r, 1, r);
    for (let c = 2; c <= 100; c++) s.put(1, c, c);
    s.set(300, 1, { value: 0, formula: "OVERLAY.PAYOFF(A1:A200*B1:CV1)", arrayRef: { top: 300, left: 1, bottom: 300, right: 1 } });
    s.put(301, 1, 0, ID("SUM(A1:A200*B1:CV1)"));
    const r = await recalc(b, { maxCells: 10_000 });
    expect(r.formulas.map((f) => f.value)).toEqual([
      expect.objectContaining({
        code: "#NUM!",
        message: "The operator * would build an array of 200 x 99 cells, more than the limit of 10000 cells",
      }),
      expect.objectContaining({ code: "#NUM!" }),
    ]);
  });

  test("a reference past the limit is refused, within it the result spills; references beyond XFD are names that do not exist", async () => {
    const b = new BookModel();
    const s = b.addSheet("S");
    for (let r = 1; r <= 100; r++) s.put(r, 1, r);
    s.set(1, 3, { value: 0, formula: "A1:A100*" + ID("2").slice(1), arrayRef: { top: 1, left: 3, bottom: 1, right: 3 } });
    s.put(1, 5, 0, ID("XFE1+1"));
    const r = await recalc(b, { maxCells: 50 });
    expect(r.formulas.map((f) => f.value)).toEqual([
      expect.objectContaining({
        code: "#NUM!",
        message: "S!A1:A100 has 100 cells in use, more than a reference may expand to (50; --max-ref-cells to raise it)",
      }),
      expect.objectContaining({ code: "#NAME?", message: "XFE1: no cell, range or defined name of that name" }),
    ]);
    const wide = await recalc(b, { maxCells: 100 });
    expect(wide.formulas[0]).toMatchObject({ status: "evaluated", spill: { top: 1, left: 3, bottom: 100, right: 3 } });
    expect((wide.formulas[0].value as number[][])[99]).toEqual([200]);
  });

  test("200 nested parentheses and a long argument list in workbook formulas: a reason in words, and a result", async () => {
    const b = new BookModel();
    const s = b.addSheet("S");
    s.put(1, 1, 0, ID("(".repeat(200) + "1" + ")".repeat(200)));
    s.put(2, 1, 0, ID("SUM(" + Array(2000).fill("1").join(",") + ")"));
    s.put(3, 1, 0, ID(Array(900).fill("1").join("+")));
    const r = await recalc(b);
    expect(r.formulas[0]).toMatchObject({
      status: "skipped",
      reason: expect.stringMatching(/^cannot read the formula: more than 100 levels of nested parentheses/),
    });
    expect(r.formulas.slice(1).map((f) => f.value)).toEqual([2000, 900]);
  });

  test("a chain of 3,000 ordinary formulas below an OVERLAY formula is evaluated without exhausting the stack", async () => {
    const b = new BookModel();
    const s = b.addSheet("S");
    s.put(1, 1, 0, ID("1"));
    for (let r = 2; r <= 3000; r++) s.put(r, 1, 0, `=A${r - 1}+1`);
    const r = await recalc(b);
    expect(r.formulas).toHaveLength(3000);
    expect(r.formulas[2999].value).toBe(3000);
  });
});

describe("the cone", () => {
  test("upstream, downstream and outside: which formulas are evaluated, implicit intersection in ordinary formulas", async () => {
    const b = new BookModel();
    const s = b.addSheet("S");
    s.put(1, 1, 10);
    s.put(2, 1, 20);
    s.put(1, 2, 0, "=A1*2"); // upstream of C1
    s.put(1, 3, 0, ID("B1"));
    s.put(1, 4, 0, "=C1+A1:A2"); // downstream; A1:A2 intersects row 1: A1
    s.put(2, 4, 0, "=D1*10"); // downstream, transitively
    s.put(5, 5, 99, "=A2*3"); // outside the cone: not evaluated
    const r = await recalc(b);
    expect(r.formulas.map((f) => [f.address, f.overlay, f.value])).toEqual([
      ["S!B1", false, 20],
      ["S!C1", true, 20],
      ["S!D1", false, 30],
      ["S!D2", false, 300],
    ]);
  });
});

describe("an error inside a range", () => {
  test("an ordinary formula that catches it keeps its cached value and is reported, with what rests on it", async () => {
    const b = new BookModel();
    const s = b.addSheet("S");
    s.put(1, 1, "ES");
    s.put(1, 2, 5000);
    s.put(2, 1, "TY");
    s.set(2, 2, { value: new ExcelError("#N/A", "") });
    s.put(1, 4, 0, ID("2"));
    s.put(1, 5, 77, '=IFERROR(VLOOKUP("ES",A1:B2,2,FALSE)*D1,0)'); // Excel: 10000 (the #N/A is in another row)
    s.put(1, 6, 0, "=E1+1");
    s.put(2, 5, 0, "=SUM(B1:B2)+D1"); // Excel: #N/A as well
    const r = await recalc(b);
    const at = (a: string) => r.formulas.find((f) => f.address === a)!;
    expect(at("S!E1")).toMatchObject({
      status: "skipped",
      reason: expect.stringMatching(/^reads S!A1:B2, which holds an error value/),
      dependents: ["S!F1"],
    });
    expect(at("S!F1")).toMatchObject({ status: "evaluated", value: 78, restsOn: ["S!E1"] });
    expect(at("S!E2")).toMatchObject({ status: "error", value: { code: "#N/A", message: "S!B2 is #N/A" } });
  });
});

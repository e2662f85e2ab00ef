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

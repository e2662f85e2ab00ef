import { parseTable, TableSpec, whereRow, findRow } from "../../../src/engine/core/table";
import { errorOf } from "../../helpers/engineErrors";

const spec: TableSpec = {
  arg: "Portfolio",
  key: "name",
  columns: [
    { key: "name", header: "Asset class", synonyms: ["Asset"], type: "text" },
    { key: "mv", header: "Market value", synonyms: ["MV", "Value"], type: "number", rule: { min: 0 } },
    { key: "liquid", header: "Liquid", type: "boolean", optional: true, default: true },
    { key: "proxy", header: "Proxy", type: "text", optional: true },
  ],
};

describe("parseTable", () => {
  test("maps headers case- and punctuation-insensitively, with synonyms, in any order", () => {
    const t = parseTable<{ name: string; mv: number; liquid: boolean }>(
      [
        ["  market-VALUE ", "ASSET CLASS"],
        [100, "Equity"],
        ["1,250.5", "Bonds"],
      ],
      spec,
    );
    expect(t.rows).toEqual([
      { name: "Equity", mv: 100, liquid: true, proxy: undefined },
      { name: "Bonds", mv: 1250.5, liquid: true, proxy: undefined },
    ]);
    expect(t.headers.mv).toBe("market-VALUE");
  });

  test("an Excel table's totals row (the last row, keyed Total) is skipped, with or without blank rows after it", () => {
    const m = [
      ["Asset class", "Market value"],
      ["Equity", 600],
      ["Bonds", 400],
      ["Total", 1000],
      ["", ""],
      ["", null],
    ];
    const t = parseTable<{ name: string }>(m, spec);
    expect(t.labels).toEqual(["Equity", "Bonds"]);
    expect(t.rows).toHaveLength(2);
    // A class called Total that is not the last row is data, and so is a one-row table's only row.
    expect(
      parseTable<{ name: string }>(
        [
          ["Asset class", "Market value"],
          ["Total", 5],
          ["Cash", 1],
        ],
        spec,
      ).labels,
    ).toEqual(["Total", "Cash"]);
  });

  test("a note under the data is an error that names the row and says how to refer to the data alone", () => {
    const e = errorOf(() => parseTable([["Asset class", "Market value"], ["Equity", 600], [], ["Source: custodian, 31 Dec", ""]], spec));
    expect(e.message).toBe(
      "Portfolio row 3 (Source: custodian, 31 Dec): not a data row (Market value is empty; it holds only 'Source: custodian, 31 Dec'). " +
        "A note or total under the data breaks a whole-column reference: refer to the table's data, " +
        "Portfolio[[#Headers],[#Data]] or Portfolio[#All], or move the note away from the table",
    );
    expect(e.arg).toBe("Portfolio");
  });

  test("a synonym header works (MV)", () => {
    const t = parseTable<{ mv: number }>(
      [
        ["Asset", "MV"],
        ["Cash", 5],
      ],
      spec,
    );
    expect(t.rows[0].mv).toBe(5);
  });

  test("drops trailing and spacer empty rows (whole-column ranges) and keeps the user's row numbers", () => {
    const m = [["Asset class", "Market value"], ["Equity", 1], ["", ""], ["Bonds", 2], ...Array.from({ length: 1000 }, () => ["", null])];
    const t = parseTable<{ name: string }>(m, spec);
    expect(t.rows.map((r) => r.name)).toEqual(["Equity", "Bonds"]);
    expect(t.rowNumbers).toEqual([1, 3]);
    expect(whereRow(t, 1)).toBe("Portfolio row 3 (Bonds)");
    expect(findRow(t, "bonds")).toBe(1);
  });

  test("names argument, row and column for text in a number column", () => {
    const e = errorOf(() =>
      parseTable(
        [
          ["Asset class", "Market value"],
          ["Equity", 1],
          ["Private equity", "n/a"],
        ],
        spec,
      ),
    );
    expect(e.kind).toBe("value");
    expect(e.message).toBe("Portfolio row 2 (Private equity): Market value must be a number, got 'n/a'");
  });

  test("missing column lists the headers found", () => {
    const e = errorOf(() =>
      parseTable(
        [
          ["Asset class", "Weight"],
          ["Equity", 1],
        ],
        spec,
      ),
    );
    expect(e.message).toBe("Portfolio: missing column 'Market value' (headers found: 'Asset class', 'Weight')");
  });

  test("duplicate keys name both rows", () => {
    const e = errorOf(() =>
      parseTable(
        [
          ["Asset class", "MV"],
          ["Equity", 1],
          ["Bonds", 2],
          ["equity", 3],
        ],
        spec,
      ),
    );
    expect(e.message).toBe("Portfolio rows 1 and 3: Asset class 'equity' appears twice");
  });

  test("two headers for one column are rejected", () => {
    const e = errorOf(() =>
      parseTable(
        [
          ["Asset class", "MV", "Value"],
          ["Equity", 1, 2],
        ],
        spec,
      ),
    );
    expect(e.message).toMatch(/columns 2 \('MV'\) and 3 \('Value'\) are both Market value/);
  });

  test("ragged rows: short rows read missing cells as empty, long rows with values beyond the headers are rejected", () => {
    const short = errorOf(() => parseTable([["Asset class", "MV"], ["Equity"]], spec));
    expect(short.message).toBe("Portfolio row 1 (Equity): MV is empty");
    const long = errorOf(() =>
      parseTable(
        [
          ["Asset class", "MV"],
          ["Equity", 1, "stray"],
        ],
        spec,
      ),
    );
    expect(long.message).toBe("Portfolio row 1 (Equity): column 3 holds 'stray' but has no header");
  });

  test("optional columns take their default when absent or empty; booleans accept TRUE/FALSE and text", () => {
    const t = parseTable<{ liquid: boolean }>(
      [
        ["Asset class", "MV", "Liquid"],
        ["A", 1, ""],
        ["B", 1, "no"],
        ["C", 1, false],
      ],
      spec,
    );
    expect(t.rows.map((r) => r.liquid)).toEqual([true, false, false]);
    const e = errorOf(() =>
      parseTable(
        [
          ["Asset class", "MV", "Liquid"],
          ["A", 1, "maybe"],
        ],
        spec,
      ),
    );
    expect(e.message).toBe("Portfolio row 1 (A): Liquid must be TRUE or FALSE, got 'maybe'");
  });

  test("bounds from the column rule", () => {
    const e = errorOf(() =>
      parseTable(
        [
          ["Asset class", "MV"],
          ["A", -1],
        ],
        spec,
      ),
    );
    expect(e.kind).toBe("num");
    expect(e.message).toBe("Portfolio row 1 (A): MV must be >= 0, got -1");
  });

  test("empty range, empty header row, header only", () => {
    expect(errorOf(() => parseTable([], spec)).message).toMatch(/first row holds the headers/);
    expect(
      errorOf(() =>
        parseTable(
          [
            ["", ""],
            ["A", 1],
          ],
          spec,
        ),
      ).message,
    ).toMatch(/first row must hold the headers, but it is empty/);
    expect(errorOf(() => parseTable([["Asset class", "MV"]], spec)).message).toBe(
      "Portfolio needs at least 1 data row under the headers, got 0",
    );
  });

  test("extra number columns (factor loadings)", () => {
    const t = parseTable(
      [
        ["Security", "Value", "Size"],
        ["A", 0.1, -0.2],
        ["B", 1, "2%"],
      ],
      {
        arg: "Loadings",
        key: "s",
        columns: [{ key: "s", header: "Security", type: "text" }],
        extraColumns: "numbers",
      },
    );
    expect(t.extraHeaders).toEqual(["Value", "Size"]);
    expect(t.extra).toEqual([
      [0.1, -0.2],
      [1, 0.02],
    ]);
  });

  test("parses 10,000 rows", () => {
    const m: unknown[][] = [["Asset class", "Market value"]];
    for (let i = 0; i < 10000; i++) m.push([`Class ${i}`, i]);
    const t = parseTable<{ mv: number }>(m as never, spec);
    expect(t.rows.length).toBe(10000);
    expect(t.rows[9999].mv).toBe(9999);
  });
});

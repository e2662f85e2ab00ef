import fc from "fast-check";
import { CONTROL_HEADER, TICKET_HEADERS, neutralise, overrideMark, tradeTicketCsv } from "../../../src/workbook/proposal/csv";
import { Proposal, TradeLine } from "../../../src/workbook/proposal/model";

/** RFC 4180 parser for the tests (quoted fields, doubled quotes, CRLF records). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  if (cell !== "" || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

function proposal(trades: TradeLine[]): Proposal {
  return { workflow: "rebalance", label: "Rebalance", headline: "", inputs: [], options: [], trades, checks: [], results: [], notes: [] };
}

describe("CSV ticket", () => {
  test("one row per trade, absolute quantities and notionals with a side", () => {
    const csv = tradeTicketCsv(
      proposal([
        { assetClass: "US equity", instrument: "ES", side: "Sell", quantity: 1175, unit: "contracts", notional: -349562500 },
        { assetClass: "Bonds, core", instrument: 'FV "5Y"', side: "Buy", quantity: 12, unit: "contracts" },
      ]),
      { id: "Proposal 2026-11-24 14.32" },
    );
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(parseCsv(csv)).toEqual([
      TICKET_HEADERS,
      ["Proposal 2026-11-24 14.32", "Rebalance", "1", "Sell", "ES", "1175", "contracts", "US equity", "349562500", "", ""],
      ["Proposal 2026-11-24 14.32", "Rebalance", "2", "Buy", 'FV "5Y"', "12", "contracts", "Bonds, core", "", "", ""],
    ]);
  });

  test("formula injection is neutralised: = + - @ tab and CR get a leading quote (OWASP CSV injection)", () => {
    for (const bad of ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd"]) expect(neutralise(bad)).toBe(`'${bad}`);
    for (const ok of ["ES", "1175", "a=b", " =x"]) expect(neutralise(ok)).toBe(ok);
    const rows = parseCsv(
      tradeTicketCsv(
        proposal([{ assetClass: "=1+1", instrument: "@x", side: "Buy", quantity: 1, unit: "contracts", note: "-cmd|' /C calc'!A0" }]),
        { id: "+id" },
      ),
    );
    expect(rows[1][0]).toBe("'+id");
    expect(rows[1][4]).toBe("'@x");
    expect(rows[1][7]).toBe("'=1+1");
    expect(rows[1][10]).toBe("'-cmd|' /C calc'!A0");
  });

  test("property: any text round-trips, and no cell of the ticket starts a formula", () => {
    const text = fc.string({ unit: fc.constantFrom("=", "+", "-", "@", "\t", "\r", "\n", ",", '"', "a", "1", " ", "é") });
    fc.assert(
      fc.property(fc.array(fc.record({ a: text, i: text, n: text, q: fc.integer({ min: -1e6, max: 1e6 }) }), { maxLength: 5 }), (xs) => {
        const trades: TradeLine[] = xs.map((x) => ({
          assetClass: x.a,
          instrument: x.i,
          side: x.q < 0 ? "Sell" : "Buy",
          quantity: Math.abs(x.q),
          unit: "contracts",
          notional: x.q * 10,
          note: x.n,
        }));
        const rows = parseCsv(tradeTicketCsv(proposal(trades), { id: "P" }));
        expect(rows).toHaveLength(trades.length + 1);
        rows.slice(1).forEach((row, k) => {
          expect(row).toHaveLength(TICKET_HEADERS.length);
          for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
          expect(row[4]).toBe(neutralise(trades[k].instrument));
          expect(row[7]).toBe(neutralise(trades[k].assetClass));
          expect(row[10]).toBe(neutralise(trades[k].note!));
          expect(Number(row[5])).toBe(Math.abs(xs[k].q));
        });
      }),
    );
  });

  test("property: under an override every line carries the same Control cell, and still no cell starts a formula", () => {
    const text = fc.string({ unit: fc.constantFrom("=", "+", "-", "@", "\t", "\r", "\n", ",", '"', "a", "1", " ") });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), text, text, (n, reason, by) => {
        const p = proposal(
          Array.from({ length: n }, (_, k) => ({
            assetClass: "A",
            instrument: `F${k}`,
            side: "Buy" as const,
            quantity: k + 1,
            unit: "contracts" as const,
          })),
        );
        p.checks = [{ name: "=Ranges", status: "fail", detail: "" }];
        const rows = parseCsv(tradeTicketCsv(p, { id: "P", override: { reason, by } }));
        expect(rows[0]).toEqual([...TICKET_HEADERS, CONTROL_HEADER]);
        expect(rows).toHaveLength(n + 1);
        for (const row of rows.slice(1)) {
          expect(row[TICKET_HEADERS.length]).toBe(overrideMark(p, { reason, by }));
          expect(row[TICKET_HEADERS.length]).toMatch(/^OVERRIDDEN by .*\(failed: =Ranges\)$/s);
          for (const cell of row) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
        }
      }),
    );
  });
});

/**
 * The playground's stand-in for Excel's grid: the memory workbook's sheets, one at a time, the charts a
 * proposal added, and a box to select a range (for "Use selection").
 */
import { Button, Field, Input, Select, Subtitle2, Text } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { MemoryWorkbook } from "../workbook/MemoryWorkbook";
import { PortValue } from "../workbook/WorkbookPort";
import { blockAddress, colToLetters } from "../workbook/address";

function useVersion(wb: MemoryWorkbook): number {
  const [v, setV] = useState(0);
  useEffect(() => wb.subscribe(() => setV((x) => x + 1)), [wb]);
  return v;
}

function show(v: PortValue, format: string | undefined): string {
  if (typeof v === "number") {
    if (format?.includes("%")) return `${(v * 100).toFixed(2)}%`;
    if (format?.startsWith("#,##0")) return v.toLocaleString("en-US", { maximumFractionDigits: format.includes(".") ? 2 : 0 });
    return String(Math.round(v * 1e8) / 1e8);
  }
  if (typeof v === "boolean") return v ? "TRUE" : "FALSE";
  return v;
}

export function SheetView({ workbook }: { workbook: MemoryWorkbook }) {
  useVersion(workbook);
  const names = workbook.sheetNames();
  const added = workbook.addedSheets();
  const [sheet, setSheet] = useState(names[0]);
  const [address, setAddress] = useState(workbook.selectedAddress() ?? "");
  const [selError, setSelError] = useState<string>();

  // Show a proposal sheet as soon as it is added, as Excel activates it.
  useEffect(() => {
    if (added.length > 0) setSheet(added[added.length - 1]);
  }, [added.length]);

  const values = sheet ? workbook.sheetValues(sheet) : [];
  const charts = workbook.charts.filter((c) => c.sheet === sheet);
  return (
    <section className="pg-sheets" aria-label="Sample workbook">
      <Subtitle2 as="h2">Workbook</Subtitle2>
      <div className="pg-bar">
        <Field label="Sheet">
          <Select value={sheet} onChange={(_, d) => setSheet(d.value)} data-testid="sheet-picker">
            {names.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </Select>
        </Field>
        <Field
          label="Selected range"
          validationState={selError ? "error" : "none"}
          validationMessage={selError}
          hint="For “Use selection”, e.g. Plan!A1:H11"
        >
          <Input value={address} onChange={(_, d) => setAddress(d.value)} />
        </Field>
        <Button
          onClick={() => {
            try {
              workbook.select(address);
              setSelError(undefined);
            } catch (e) {
              setSelError(e instanceof Error ? e.message : String(e));
            }
          }}
        >
          Select
        </Button>
      </div>
      {charts.map((c, i) => (
        <Text as="p" key={i} size={200} data-testid="chart-record">
          Native chart “{c.title}” ({c.type}
          {c.marks ? `, bullet form: ${c.marks.join(", ")}` : ""}) over {blockAddress(c.source)}, placed at{" "}
          {blockAddress({ ...c.anchor, rows: c.size.rows, cols: c.size.cols })}
          {c.valueAxis ? `; value axis ${c.valueAxis.min} to ${c.valueAxis.max} by ${c.valueAxis.major}` : ""}.
        </Text>
      ))}
      <div className="pg-grid" role="region" aria-label={`Sheet ${sheet}`} tabIndex={0}>
        <table data-testid="sheet-grid">
          <thead>
            <tr>
              <th aria-label="Row" />
              {(values[0] ?? []).map((_, j) => (
                <th key={j} scope="col">
                  {colToLetters(j + 1)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {values.map((row, i) => (
              <tr key={i}>
                <th scope="row">{i + 1}</th>
                {row.map((v, j) => (
                  <td key={j} className={[typeof v === "number" ? "pg-num" : "", workbook.isBold(sheet, i, j) ? "pg-bold" : ""].join(" ")}>
                    {show(v, workbook.numberFormat(sheet, i, j))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

/** Exposure before and after the trades, against target and range. */
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from "@fluentui/react-components";
import { Proposal } from "../../workbook/proposal/model";
import { formatRange, formatValue } from "./format";

export function ExposureTable({ exposures }: { exposures: NonNullable<Proposal["exposures"]> }) {
  const f = exposures.format;
  const outside = (x: number, min?: number, max?: number) => (min !== undefined && x < min - 1e-9) || (max !== undefined && x > max + 1e-9);
  return (
    <div className="ov-scroll" role="region" aria-label={exposures.title} tabIndex={0}>
      <Table size="extra-small" aria-label={exposures.title} className="ov-table">
        <TableHeader>
          <TableRow>
            <TableHeaderCell className="ov-name">Name</TableHeaderCell>
            <TableHeaderCell className="ov-num">Before</TableHeaderCell>
            <TableHeaderCell className="ov-num">After</TableHeaderCell>
            <TableHeaderCell className="ov-num">Target</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {exposures.lines.map((l) => (
            <TableRow key={l.name} data-testid="exposure-row">
              <TableCell className="ov-name">{l.name}</TableCell>
              <TableCell className="ov-num">{formatValue(l.before, f, 1)}</TableCell>
              <TableCell className="ov-num" data-outside={outside(l.after, l.min, l.max) || undefined}>
                {formatValue(l.after, f, 1)}
                {outside(l.after, l.min, l.max) && <span className="ov-visually-hidden"> (outside its range)</span>}
              </TableCell>
              <TableCell className="ov-num">
                {formatValue(l.target, f, 1)}
                {l.min !== undefined && l.max !== undefined && <span className="ov-sub">{formatRange(l.min, l.max, f)}</span>}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

/** The proposed trades: side, instrument (with its asset class and expiry), quantity and notional. */
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from "@fluentui/react-components";
import { TradeLine } from "../../workbook/proposal/model";
import { formatQuantity, formatValue } from "./format";

export function TradesTable({ trades }: { trades: TradeLine[] }) {
  if (trades.length === 0) return <Text as="p">No trades proposed.</Text>;
  // The asset class under each instrument, unless every trade has the same one (an LDI hedge, a sleeve).
  const showClass = new Set(trades.map((t) => t.assetClass)).size > 1;
  return (
    <div className="ov-scroll" role="region" aria-label="Trades" tabIndex={0}>
      <Table size="extra-small" aria-label="Proposed trades" className="ov-table">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Side</TableHeaderCell>
            <TableHeaderCell className="ov-name">Instrument</TableHeaderCell>
            <TableHeaderCell className="ov-num">Quantity</TableHeaderCell>
            <TableHeaderCell className="ov-num">Notional</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {trades.map((t, i) => (
            <TableRow key={i} data-testid="trade-row">
              <TableCell>{t.side}</TableCell>
              <TableCell className="ov-name">
                <span className="ov-strong">{t.instrument}</span>
                {showClass && t.assetClass && t.assetClass !== t.instrument && <span className="ov-sub">{t.assetClass}</span>}
                {t.expiry && (
                  <span className="ov-sub" data-testid="trade-expiry">
                    Expires {t.expiry}
                  </span>
                )}
              </TableCell>
              <TableCell className="ov-num" data-testid="trade-quantity">
                {formatQuantity(t.quantity, t.unit)}
                {t.unit !== "contracts" && <span className="ov-sub">{t.unit}</span>}
              </TableCell>
              <TableCell className="ov-num" data-testid="trade-notional">
                {formatValue(t.notional, "money")}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}

/** The proposal: headline, trades, figures, checks, exposures and chart, notes; then "Write proposal" and the ticket. */
import { Button, MessageBar, MessageBarBody, Subtitle2, Text } from "@fluentui/react-components";
import { Dispatch } from "react";
import { Override } from "../../workbook/proposal/controls";
import { Proposal } from "../../workbook/proposal/model";
import { SheetLayout } from "../../workbook/proposal/writer";
import { LazyChart } from "../charts/LazyChart";
import { Ticket } from "../hooks/useWorkflow";
import { ChecksList } from "./ChecksList";
import { ExposureTable } from "./ExposureTable";
import { FiguresList } from "./FiguresList";
import { TicketPanel } from "./TicketPanel";
import { TradesTable } from "./TradesTable";

export interface ProposalViewProps {
  proposal: Proposal;
  busy: boolean;
  written?: SheetLayout;
  ticket?: Ticket;
  blocked?: string;
  onWrite: () => void;
  onExport: Dispatch<Override | undefined>;
}

export function ProposalView({ proposal, busy, written, ticket, blocked, onWrite, onExport }: ProposalViewProps) {
  const failed = proposal.checks.some((c) => c.status === "fail");
  return (
    <section className="ov-proposal" aria-label="Proposal">
      <MessageBar intent={failed ? "warning" : "success"}>
        <MessageBarBody data-testid="headline">{proposal.headline}</MessageBarBody>
      </MessageBar>

      <Subtitle2 as="h3">Trades</Subtitle2>
      <TradesTable trades={proposal.trades} />

      {proposal.figures && proposal.figures.length > 0 && <FiguresList groups={proposal.figures} />}

      <Subtitle2 as="h3">Checks</Subtitle2>
      <ChecksList checks={proposal.checks} />

      {proposal.exposures && (
        <>
          <Subtitle2 as="h3">{proposal.exposures.title}</Subtitle2>
          <ExposureTable exposures={proposal.exposures} />
        </>
      )}

      {proposal.chart && <LazyChart chart={proposal.chart} />}

      {proposal.notes.length > 0 && (
        <ul className="ov-notes" aria-label="Notes">
          {proposal.notes.map((n) => (
            <li key={n}>
              <Text size={200}>{n}</Text>
            </li>
          ))}
        </ul>
      )}

      <div className="ov-actions">
        <Button appearance="primary" disabled={busy} onClick={onWrite}>
          Write proposal
        </Button>
      </div>
      {written && (
        <MessageBar intent="success">
          <MessageBarBody data-testid="written">
            Written to the new sheet &quot;{written.sheet}&quot;{written.tradeTable ? ` (trade table ${written.tradeTable.name})` : ""}.
          </MessageBarBody>
        </MessageBar>
      )}
      <TicketPanel proposal={proposal} busy={busy} ticket={ticket} blocked={blocked} onExport={onExport} />
    </section>
  );
}

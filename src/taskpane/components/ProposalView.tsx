/** The proposal: headline, trades, checks, exposures and chart, notes; then "Write proposal" and "Export CSV". */
import { Button, MessageBar, MessageBarBody, Subtitle2, Text, Textarea, Field } from "@fluentui/react-components";
import { useState } from "react";
import { Proposal } from "../../workbook/proposal/model";
import { SheetLayout } from "../../workbook/proposal/writer";
import { LazyChart } from "../charts/LazyChart";
import { Ticket } from "../hooks/useWorkflow";
import { ChecksList } from "./ChecksList";
import { ExposureTable } from "./ExposureTable";
import { TradesTable } from "./TradesTable";

export interface ProposalViewProps {
  proposal: Proposal;
  busy: boolean;
  written?: SheetLayout;
  ticket?: Ticket;
  onWrite: () => void;
  onExport: () => void;
}

export function ProposalView({ proposal, busy, written, ticket, onWrite, onExport }: ProposalViewProps) {
  const failed = proposal.checks.some((c) => c.status === "fail");
  const [copied, setCopied] = useState(false);
  return (
    <section className="ov-proposal" aria-label="Proposal">
      <MessageBar intent={failed ? "warning" : "success"}>
        <MessageBarBody data-testid="headline">{proposal.headline}</MessageBarBody>
      </MessageBar>

      <Subtitle2 as="h3">Trades</Subtitle2>
      <TradesTable trades={proposal.trades} />

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
        <Button disabled={busy || proposal.trades.length === 0} onClick={onExport}>
          Export CSV
        </Button>
      </div>
      {written && (
        <MessageBar intent="success">
          <MessageBarBody data-testid="written">
            Written to the new sheet &quot;{written.sheet}&quot;{written.tradeTable ? ` (trade table ${written.tradeTable.name})` : ""}.
          </MessageBarBody>
        </MessageBar>
      )}
      {ticket && (
        <div className="ov-ticket">
          <Text size={200} as="p">
            {ticket.downloaded ? `Downloaded ${ticket.fileName}. ` : "This host cannot download files. "}
            If the download is blocked, copy the ticket below.
          </Text>
          <Field label="Trade ticket (CSV)">
            <Textarea readOnly value={ticket.csv} resize="vertical" rows={4} data-testid="ticket" />
          </Field>
          <Button
            size="small"
            onClick={() => {
              void navigator.clipboard?.writeText(ticket.csv).then(
                () => setCopied(true),
                () => setCopied(false),
              );
            }}
          >
            {copied ? "Copied" : "Copy ticket"}
          </Button>
        </div>
      )}
    </section>
  );
}

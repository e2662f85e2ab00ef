/**
 * The trade ticket: "Export CSV" when every check passed; when one failed, the block in words and an override
 * (a reason is required, a name optional) before "Export CSV with override". Once written, the ticket in a
 * box to copy, with what happened to the file in words: offered as a download, or (Excel on Mac) not
 * downloadable here. Nothing claims a download the page cannot see.
 */
import { Button, Field, Input, MessageBar, MessageBarBody, Text, Textarea } from "@fluentui/react-components";
import { Dispatch, useState } from "react";
import { Override, gateTicket } from "../../workbook/proposal/controls";
import { Proposal } from "../../workbook/proposal/model";
import { Ticket } from "../hooks/useWorkflow";

export interface TicketPanelProps {
  proposal: Proposal;
  busy: boolean;
  ticket?: Ticket;
  blocked?: string;
  onExport: Dispatch<Override | undefined>;
}

function TicketBox({ ticket }: { ticket: Ticket }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="ov-ticket">
      <Text size={200} as="p" data-testid="ticket-status">
        {ticket.download === "offered"
          ? `The file ${ticket.fileName} was offered for download. If no file appears, copy the ticket below.`
          : "This host cannot save files from the pane (Excel on Mac): copy the ticket below into a file or an e-mail."}
        {ticket.override ? " Every line is marked overridden." : ""}
        {ticket.auditSeq !== undefined ? ` Recorded in the workbook's audit log (entry ${ticket.auditSeq}).` : ""}
      </Text>
      <Field label="Trade ticket (CSV)">
        {/* One ticket line per line, scrolled sideways: a CSV line is never wrapped inside a word. */}
        <Textarea readOnly value={ticket.csv} resize="vertical" rows={4} wrap="off" data-testid="ticket" />
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
  );
}

export function TicketPanel({ proposal, busy, ticket, blocked, onExport }: TicketPanelProps) {
  const [reason, setReason] = useState("");
  const [by, setBy] = useState("");
  const gate = gateTicket(proposal);
  const none = proposal.trades.length === 0;
  return (
    <>
      {!gate.allowed && !none && (
        <div className="ov-override" data-testid="override">
          <MessageBar intent="error">
            <MessageBarBody data-testid="blocked">{blocked ?? gate.message}</MessageBarBody>
          </MessageBar>
          <Field
            label="Override reason"
            hint="Required to write the ticket anyway; every line of it will say overridden, with this reason."
            required
          >
            <Textarea value={reason} onChange={(_, d) => setReason(d.value)} rows={2} disabled={busy} />
          </Field>
          <Field label="Overridden by" hint="Your name or login (optional).">
            <Input value={by} onChange={(_, d) => setBy(d.value)} disabled={busy} />
          </Field>
        </div>
      )}
      <div className="ov-actions">
        {gate.allowed ? (
          <Button disabled={busy || none} onClick={() => onExport(undefined)}>
            Export CSV
          </Button>
        ) : (
          <Button disabled={busy || none || reason.trim() === ""} onClick={() => onExport({ reason, by: by.trim() || undefined })}>
            Export CSV with override
          </Button>
        )}
      </div>
      {ticket && <TicketBox ticket={ticket} />}
    </>
  );
}

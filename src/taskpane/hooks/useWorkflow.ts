/**
 * A workflow's state in the pane: where each input comes from, the options as typed, the proposal, and the
 * error (with the field it concerns). Changing an input or option drops the proposal, so what is written or
 * exported is always what the current inputs give.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { InputSource, defaultSources, runWorkflow } from "../../workbook/proposal";
import { AuditPlace, appendAudit } from "../../workbook/proposal/audit";
import { Override, gateTicket } from "../../workbook/proposal/controls";
import { tradeTicketCsv, ticketFileName } from "../../workbook/proposal/csv";
import { InputName, Proposal, Workflow, WorkflowError, WorkflowOptions } from "../../workbook/proposal/model";
import { SheetLayout, writeProposal } from "../../workbook/proposal/writer";
import { TableInfo } from "../../workbook/WorkbookPort";
import { VERSION } from "../../version";
import { DownloadResult, offerDownload } from "./download";
import { useHost } from "./HostContext";
import { useWorkbookPort } from "./WorkbookContext";

export interface PaneError {
  message: string;
  /** The input name or option key the error concerns; undefined for the workflow as a whole. */
  field?: string;
}

export interface Ticket {
  fileName: string;
  csv: string;
  /** "offered": the browser was asked to save the file (whether it did, a page cannot know). */
  download: DownloadResult;
  /** The override the ticket was written under (every line says so), when a check failed. */
  override?: Override;
  /** The audit log entry that records the ticket (its sequence number), once written. */
  auditSeq?: number;
}

export interface WorkflowState {
  sources: Partial<Record<InputName, InputSource>>;
  options: WorkflowOptions;
  proposal?: Proposal;
  error?: PaneError;
  busy: false | "computing" | "writing" | "reading";
  written?: SheetLayout;
  /** The audit log entry recording the proposal sheet, and where the next entry goes (below it). */
  audit?: { seq: number; next: AuditPlace };
  ticket?: Ticket;
  /** Why the ticket was not written (a failed check without an override reason). */
  blocked?: string;
  /** Announced to screen readers (aria-live). */
  status: string;
}

function initialOptions(w: Workflow): WorkflowOptions {
  const o: WorkflowOptions = {};
  for (const d of w.options)
    o[d.key] = d.kind === "number" || d.kind === "list" ? (d.default === undefined ? "" : String(d.default)) : d.default;
  return o;
}

function message(e: unknown): PaneError {
  if (e instanceof WorkflowError) return { message: e.message, field: e.field };
  // Never a stack trace: the message only.
  return { message: e instanceof Error ? e.message : String(e) };
}

const systemClock = () => new Date();

export function useWorkflow(workflow: Workflow, tables: TableInfo[], opts: { now?: () => Date; preset?: WorkflowOptions } = {}) {
  const now = opts.now ?? systemClock;
  const port = useWorkbookPort();
  const host = useHost();
  const [state, setState] = useState<WorkflowState>(() => ({
    sources: defaultSources(workflow, tables),
    options: { ...initialOptions(workflow), ...opts.preset },
    busy: false,
    status: "",
  }));
  const latest = useRef(state);
  latest.current = state;

  // Tables found after the pane opened (or after Refresh) fill the inputs the user has not set.
  useEffect(() => {
    setState((s) => {
      const found = defaultSources(workflow, tables);
      const sources = { ...s.sources };
      let changed = false;
      for (const i of workflow.inputs) {
        const cur = sources[i.name];
        if ((!cur || cur.kind === "none") && found[i.name]?.kind === "table") {
          sources[i.name] = found[i.name];
          changed = true;
        }
      }
      return changed ? { ...s, sources } : s;
    });
  }, [tables, workflow]);

  const setSource = useCallback((name: InputName, source: InputSource) => {
    setState((s) => ({
      ...s,
      sources: { ...s.sources, [name]: source },
      proposal: undefined,
      written: undefined,
      audit: undefined,
      ticket: undefined,
      blocked: undefined,
      error: undefined,
    }));
  }, []);

  const setOption = useCallback((key: string, value: WorkflowOptions[string]) => {
    setState((s) => ({
      ...s,
      options: { ...s.options, [key]: value },
      proposal: undefined,
      written: undefined,
      audit: undefined,
      ticket: undefined,
      blocked: undefined,
      error: undefined,
    }));
  }, []);

  const takeSelection = useCallback(
    async (name: InputName) => {
      setState((s) => ({ ...s, busy: "reading" }));
      try {
        const sel = await port.readSelection();
        setState((s) => ({
          ...s,
          busy: false,
          sources: { ...s.sources, [name]: { kind: "selection", address: sel.address, values: sel.values } },
          proposal: undefined,
          written: undefined,
          audit: undefined,
          ticket: undefined,
          blocked: undefined,
          error: undefined,
          status: `${name} set to the selected range ${sel.address}`,
        }));
      } catch (e) {
        setState((s) => ({ ...s, busy: false, error: { message: `Could not read the selection: ${message(e).message}`, field: name } }));
      }
    },
    [port],
  );

  const propose = useCallback(async () => {
    const s = latest.current;
    setState((x) => ({
      ...x,
      busy: "computing",
      error: undefined,
      proposal: undefined,
      written: undefined,
      audit: undefined,
      ticket: undefined,
      blocked: undefined,
      status: "Computing the proposal",
    }));
    try {
      const proposal = await runWorkflow(port, workflow, s.sources, s.options);
      setState((x) => ({ ...x, busy: false, proposal, status: `Proposal ready: ${proposal.headline}` }));
    } catch (e) {
      const err = message(e);
      setState((x) => ({ ...x, busy: false, error: err, status: `Could not compute the proposal: ${err.message}` }));
    }
  }, [port, workflow]);

  const write = useCallback(async () => {
    const proposal = latest.current.proposal;
    if (!proposal) return;
    setState((s) => ({ ...s, busy: "writing", status: "Writing the proposal sheet" }));
    try {
      const at = now();
      const written = await writeProposal(port, proposal, { now: at, version: VERSION });
      // The audit log (issue 16): an entry under the proposal, chained to the workbook's previous entry.
      const a = await appendAudit(
        port,
        { proposal, time: at, sheet: written.sheet, ticket: "not asked" },
        { sheet: written.sheet, row: written.rows + 1 },
      );
      const audit = { seq: a.entry.seq, next: { sheet: a.sheet, row: a.area.row + a.area.rows + 1 } };
      setState((s) => ({
        ...s,
        busy: false,
        written,
        audit,
        status: `Proposal written to the new sheet ${written.sheet}; audit log entry ${a.entry.seq}`,
      }));
    } catch (e) {
      const err = message(e);
      setState((s) => ({ ...s, busy: false, error: { message: `Could not write the proposal: ${err.message}` }, status: err.message }));
    }
  }, [port, now]);

  /**
   * Writes the ticket when the gate allows it (no failed check, or an override with a reason); never otherwise.
   * The file is offered first (while the click still counts as the user's), then the audit log records it.
   */
  const exportCsv = useCallback(
    async (override?: Override) => {
      const { proposal, written, audit } = latest.current;
      if (!proposal) return;
      const gate = gateTicket(proposal, override);
      if (!gate.allowed) {
        setState((s) => ({ ...s, ticket: undefined, blocked: gate.message, status: gate.message }));
        return;
      }
      const used = gate.failed.length > 0 ? override : undefined;
      const at = now();
      const csv = tradeTicketCsv(proposal, { id: written?.sheet, now: at, override: used });
      const fileName = ticketFileName(proposal, at);
      const download = offerDownload(csv, fileName, host.downloads);
      setState((s) => ({
        ...s,
        blocked: undefined,
        ticket: { fileName, csv, download, override: used },
        status: download === "offered" ? `Trade ticket offered as the file ${fileName}` : "Trade ticket ready to copy",
      }));
      try {
        const a = await appendAudit(
          port,
          {
            proposal,
            time: at,
            sheet: written?.sheet ?? "",
            ticket: used ? "written under override" : "written",
            override: used,
            by: used?.by,
          },
          audit?.next,
        );
        setState((s) => ({
          ...s,
          audit: { seq: a.entry.seq, next: { sheet: a.sheet, row: a.area.row + a.area.rows + 1 } },
          ticket: s.ticket && s.ticket.csv === csv ? { ...s.ticket, auditSeq: a.entry.seq } : s.ticket,
        }));
      } catch (e) {
        const err = message(e);
        setState((s) => ({
          ...s,
          error: { message: `The ticket was made, but its audit log entry could not be written: ${err.message}` },
        }));
      }
    },
    [port, now, host.downloads],
  );

  return { state, setSource, setOption, takeSelection, propose, write, exportCsv };
}

/** @jest-environment jsdom */
/**
 * The task pane on the sample workbook (a MemoryWorkbook): controls labelled and reachable, a proposal's
 * figures as the registry gives them, errors beside the input or option they concern, the proposal sheet
 * written, and the CSV ticket offered.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { TextEncoder as NodeTextEncoder } from "node:util";
import { configureHighs } from "../../src/engine/optimise/highs";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { App } from "../../src/taskpane/App";
import { SAMPLE_OPTIONS, samplePlan } from "../../src/playground/samplePlan";
import * as S from "../../src/playground/samplePlan";
import { ok, rowsOf } from "../helpers/call";
import { readAudit, verifyAudit } from "../../src/workbook/proposal/audit";

// The chart component draws with d3 in a real browser (the browser tests cover it); here a stand-in shows
// which chart the proposal asked for.
jest.mock("../../src/taskpane/charts/ProposalChart", () => ({
  __esModule: true,
  default: ({ chart }: { chart: { title: string; series: { name: string }[] } }) => (
    <div data-testid="chart">
      {chart.title}: {chart.series.map((s) => s.name).join(", ")}
    </div>
  ),
}));

// jsdom looks like a browser to HiGHS's loader, which would fetch highs.wasm by URL (the LDI hedge optimises):
// hand it the package's bytes instead (Emscripten's wasmBinary), as a host with its own asset layout would.
configureHighs({ wasmBinary: readFileSync(join(dirname(require.resolve("highs")), "highs.wasm")) } as unknown as Parameters<
  typeof configureHighs
>[0]);

// jsdom has no TextEncoder (browsers and Node do); the audit log's SHA-256 (@noble/hashes) needs it.
(globalThis as unknown as { TextEncoder: unknown }).TextEncoder ??= NodeTextEncoder;

// jsdom has no ResizeObserver; Fluent's MessageBar watches its own width with one.
class NoResize {
  observe() {}
  unobserve() {}
  disconnect() {}
}
(globalThis as unknown as { ResizeObserver: unknown }).ResizeObserver ??= NoResize;

const NOW = () => new Date(2026, 10, 24, 14, 32);
jest.setTimeout(60_000);

function renderPane(wb = samplePlan()) {
  render(<App host="playground" port={wb} now={NOW} presets={SAMPLE_OPTIONS} />);
  return wb;
}

/** The text of the elements that describe a control (its hint and validation message). */
function description(el: HTMLElement): string {
  return (el.getAttribute("aria-describedby") ?? "")
    .split(/\s+/)
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent ?? "")
    .join(" ");
}

async function tablesLoaded() {
  await waitFor(() => expect((screen.getByRole("combobox", { name: "Portfolio" }) as HTMLSelectElement).value).toBe("table:Portfolio"), {
    timeout: 8000,
  });
}

async function propose() {
  fireEvent.click(screen.getByRole("button", { name: "Propose trades" }));
  // Generous: the machine running the suite may be busy (the solver and the registry run for real here).
  return screen.findByTestId("headline", {}, { timeout: 15000 });
}

describe("task pane", () => {
  test("without a workbook it says how to open one", () => {
    render(<App host="browser" />);
    expect(screen.getByText(/Open this add-in in Excel/)).toBeTruthy();
  });

  test("every control is labelled and a native, focusable control", async () => {
    renderPane();
    await tablesLoaded();
    const controls = [...screen.getAllByRole("combobox"), ...screen.getAllByRole("textbox"), ...screen.getAllByRole("button")];
    expect(controls.length).toBeGreaterThan(8);
    for (const c of controls) {
      const name =
        c.getAttribute("aria-label") ?? (c.id ? document.querySelector(`label[for="${c.id}"]`)?.textContent : null) ?? c.textContent;
      expect(name?.trim()).toBeTruthy();
      expect(c.tabIndex).toBeGreaterThanOrEqual(0);
      expect(["SELECT", "INPUT", "BUTTON", "TEXTAREA"]).toContain(c.tagName);
    }
    const picker = screen.getByRole("combobox", { name: "Workflow" }) as HTMLSelectElement;
    expect([...picker.options].map((o) => o.text)).toEqual([
      "Rebalance",
      "Equitise",
      "Tilt",
      "Daily proposal",
      "Options",
      "LDI hedge",
      "Leverage & liquidity",
      "Completion",
    ]);
  });

  test("Rebalance: the trades are those of OVERLAY.REBALANCE on the same tables", async () => {
    renderPane();
    await tablesLoaded();
    await propose();
    const spill = rowsOf(await ok("REBALANCE", S.PORTFOLIO, S.FUTURES, "target", "bands", "nearest", S.POSITIONS)).filter(
      (r) => typeof r.Contracts === "number" && r.Contracts !== 0,
    );
    const rows = await screen.findAllByTestId("trade-row");
    expect(rows.map((r) => within(r).getAllByRole("cell")[0].textContent)).toEqual(
      spill.map((r) => ((r.Contracts as number) < 0 ? "Sell" : "Buy")),
    );
    expect(rows.map((r) => within(r).getByTestId("trade-quantity").textContent)).toEqual(
      spill.map((r) => Math.abs(r.Contracts as number).toLocaleString("en-US")),
    );
    // Each futures trade shows its contract's last trading day: the sample trades Mar26 contracts (3rd Friday
    // 20 Mar 2026 for the equity index futures, CME Rulebook ch. 358; UB and TY 7 business days before 31 Mar,
    // CBOT ch. 40 and 19; BCOM the 3rd Wednesday, 18 Mar, CBOT ch. 29).
    expect(rows.map((r) => within(r).getByTestId("trade-expiry").textContent)).toEqual(
      spill.map((r) => `Expires ${/^BCOM/.test(String(r.Contract)) ? "2026-03-18" : "2026-03-20"}`),
    );
    expect((await screen.findByTestId("chart")).textContent).toBe("Weights against target and range: Before, After, Target, Min, Max");
    expect(screen.getAllByRole("listitem").some((li) => /Passed.*Trades net to zero/.test(li.textContent ?? ""))).toBe(true);
  });

  test("an engine error appears beside the input it concerns, in words", async () => {
    const wb = renderPane();
    await tablesLoaded();
    wb.select("Plan!A1:C4"); // Portfolio's first columns: no Contract, Price or Multiplier
    fireEvent.click(screen.getByRole("button", { name: "Use the selected range for Futures" }));
    const futures = screen.getByRole("combobox", { name: "Futures" }) as HTMLSelectElement;
    await waitFor(() => expect(futures.value).toBe("selection"));
    fireEvent.click(screen.getByRole("button", { name: "Propose trades" }));
    await waitFor(() => expect(description(futures)).toMatch(/Futures: missing columns 'Contract', 'Price', 'Multiplier'/));
    expect(description(screen.getByRole("combobox", { name: "Portfolio" }))).not.toMatch(/missing/);
    expect(document.body.textContent).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });

  test("an option error appears beside that option", async () => {
    renderPane();
    await tablesLoaded();
    const limit = screen.getByRole("textbox", { name: "Gross notional limit (share of NAV)" });
    fireEvent.change(limit, { target: { value: "lots" } });
    fireEvent.click(screen.getByRole("button", { name: "Propose trades" }));
    await waitFor(() => expect(description(limit)).toMatch(/must be a number, got 'lots'/));
  });

  test("Write proposal adds a new sheet with the trade table; Export CSV gives the ticket", async () => {
    const wb = renderPane();
    await tablesLoaded();
    await propose();
    fireEvent.click(screen.getByRole("button", { name: "Write proposal" }));
    expect((await screen.findByTestId("written")).textContent).toMatch(/Proposal 2026-11-24 14\.32/);
    expect(wb.addedSheets()).toEqual(["Proposal 2026-11-24 14.32"]);
    // The trade table, and the audit log's entry for the proposal under it (issue 16).
    expect(wb.tablesOn("Proposal 2026-11-24 14.32").map((t) => t.name)).toEqual(["OverlayTrades", "OverlayAudit_1"]);
    expect(wb.charts).toHaveLength(1);

    const created: Blob[] = [];
    const click = jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => undefined);
    Object.assign(URL, { createObjectURL: (b: Blob) => (created.push(b), "blob:ticket"), revokeObjectURL: () => undefined });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Export CSV" })));
    expect(click).toHaveBeenCalled();
    const blobText = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.readAsText(created[0]);
    });
    // The file has CRLF line ends (RFC 4180); the text box shows the same lines.
    const csv = blobText;
    expect((screen.getByTestId("ticket") as HTMLTextAreaElement).value).toBe(csv.replace(/\r\n/g, "\n"));
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("Proposal,Workflow,Line,Side,Instrument,Quantity,Unit,Asset class,Notional,Expiry,Note");
    expect(lines[1].startsWith("Proposal 2026-11-24 14.32,Rebalance,1,")).toBe(true);
    // Offered, never claimed: a page cannot see whether the file was saved.
    expect(screen.getByTestId("ticket-status").textContent).toMatch(
      /^The file Overlay ticket Rebalance 2026-11-24 14\.32\.csv was offered for download/,
    );
    expect(document.body.textContent).not.toMatch(/Downloaded/);
    // The audit log now holds the sheet's entry and the ticket's, chained, and verifies.
    await waitFor(() => expect(screen.getByTestId("ticket-status").textContent).toMatch(/audit log \(entry 2\)/));
    const log = verifyAudit(await readAudit(wb));
    expect(log.ok).toBe(true);
    expect(log.entries.map((e) => [e.seq, e.sheet, e.ticket])).toEqual([
      [1, "Proposal 2026-11-24 14.32", "not asked"],
      [2, "Proposal 2026-11-24 14.32", "written"],
    ]);
    expect(log.entries[1].previousHash).toBe(log.entries[0].hash);
    click.mockRestore();
  });

  test("Excel on Mac (no blob download): no download is attempted, the ticket is offered to copy, nothing says downloaded", async () => {
    const wb = samplePlan();
    render(<App host="excel" port={wb} now={NOW} presets={SAMPLE_OPTIONS} downloads={false} />);
    await tablesLoaded();
    await propose();
    const click = jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => undefined);
    const created = jest.fn(() => "blob:x");
    Object.assign(URL, { createObjectURL: created, revokeObjectURL: () => undefined });
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Export CSV" })));
    expect(click).not.toHaveBeenCalled();
    expect(created).not.toHaveBeenCalled();
    expect(screen.getByTestId("ticket-status").textContent).toMatch(
      /cannot save files from the pane \(Excel on Mac\): copy the ticket below/,
    );
    expect((screen.getByTestId("ticket") as HTMLTextAreaElement).value.split("\n")[0]).toBe(
      "Proposal,Workflow,Line,Side,Instrument,Quantity,Unit,Asset class,Notional,Expiry,Note",
    );
    expect(document.body.textContent).not.toMatch(/Downloaded|downloaded/);
    click.mockRestore();
  });

  test("a failed check blocks the ticket: no CSV until an override reason is given; then every line says overridden", async () => {
    const wb = renderPane();
    await tablesLoaded();
    // A gross notional limit of 0.1% of NAV: the rebalance's check fails.
    fireEvent.change(screen.getByRole("textbox", { name: "Gross notional limit (share of NAV)" }), { target: { value: "0.001" } });
    await propose();
    expect(screen.getAllByRole("listitem").some((li) => /Failed.*Gross notional within limit/.test(li.textContent ?? ""))).toBe(true);
    expect(screen.getByTestId("blocked").textContent).toMatch(/^Ticket blocked: 1 check failed: Gross notional within limit/);
    expect(screen.queryByRole("button", { name: "Export CSV" })).toBeNull();
    const exportButton = screen.getByRole("button", { name: "Export CSV with override" }) as HTMLButtonElement;
    expect(exportButton.disabled).toBe(true);
    expect(screen.queryByTestId("ticket")).toBeNull();

    const click = jest.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => undefined);
    Object.assign(URL, { createObjectURL: () => "blob:ticket", revokeObjectURL: () => undefined });
    // Spaces are no reason.
    fireEvent.change(screen.getByRole("textbox", { name: /Override reason/ }), { target: { value: "   " } });
    expect(exportButton.disabled).toBe(true);
    fireEvent.change(screen.getByRole("textbox", { name: /Override reason/ }), {
      target: { value: "Limit raised by the CIO for the quarter end" },
    });
    fireEvent.change(screen.getByRole("textbox", { name: "Overridden by" }), { target: { value: "A. Trader" } });
    expect(exportButton.disabled).toBe(false);
    await act(async () => fireEvent.click(exportButton));
    expect(click).toHaveBeenCalledTimes(1);
    const lines = (screen.getByTestId("ticket") as HTMLTextAreaElement).value.trim().split("\n");
    expect(lines[0].endsWith(",Control")).toBe(true);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines.slice(1))
      expect(l).toMatch(/,OVERRIDDEN by A\. Trader: Limit raised by the CIO for the quarter end \(failed: Gross notional within limit\)$/);
    expect(screen.getByTestId("ticket-status").textContent).toMatch(/Every line is marked overridden\./);
    // No sheet was written: the ticket's entry goes on a new audit sheet, with the override and its reason.
    await waitFor(() => expect(screen.getByTestId("ticket-status").textContent).toMatch(/audit log \(entry 1\)/));
    const log = verifyAudit(await readAudit(wb));
    expect(log.ok).toBe(true);
    expect(log.entries.map((e) => [e.ticket, e.overrideReason, e.by])).toEqual([
      ["written under override", "Limit raised by the CIO for the quarter end", "A. Trader"],
    ]);
    expect(wb.addedSheets()).toEqual(["Overlay audit 1"]);
    click.mockRestore();
  });

  test("each workflow's view proposes on the sample workbook", async () => {
    renderPane();
    await tablesLoaded();
    for (const id of ["equitise", "tilt", "daily", "options", "hedge", "leverage", "completion"]) {
      fireEvent.change(screen.getByRole("combobox", { name: "Workflow" }), { target: { value: id } });
      await waitFor(() => expect(screen.getAllByRole("combobox").length).toBeGreaterThan(1));
      const headline = await propose().catch((e) => {
        throw new Error(`${id}: ${document.querySelector(".ov-workflow")?.textContent?.slice(-400)}`, { cause: e });
      });
      expect(headline.textContent).toMatch(/trade|No trades/);
      expect(await screen.findByTestId("chart")).toBeTruthy();
    }
  });
});

/**
 * The task pane: pick a workflow, point it at the workbook's tables (found by name) or the selection,
 * set its options, propose trades, write the proposal sheet, export the ticket. Works on any WorkbookPort:
 * Excel in the add-in, a MemoryWorkbook in the playground and tests.
 */
import {
  Button,
  Caption1,
  Field,
  FluentProvider,
  Select,
  Title3,
  webLightTheme,
  MessageBar,
  MessageBarBody,
} from "@fluentui/react-components";
import { useState } from "react";
import { WorkflowId, WorkflowOptions } from "../workbook/proposal/model";
import { WorkbookPort } from "../workbook/WorkbookPort";
import { WorkbookContext } from "./hooks/WorkbookContext";
import { HostContext } from "./hooks/HostContext";
import { useTables } from "./hooks/useTables";
import { PANE_CSS } from "./styles";
import { VERSION } from "../version";
import { VIEWS } from "./views";

export interface AppProps {
  /** The workbook; without one the pane explains how to open it. */
  port?: WorkbookPort;
  host: "excel" | "browser" | "playground";
  /** The clock used for sheet names and tickets (tests fix it). */
  now?: () => Date;
  /** Option values each workflow starts with (the playground's sample values). */
  presets?: Partial<Record<WorkflowId, WorkflowOptions>>;
  /** False where a file download cannot start (Excel on Mac); the browser's own support is checked at export. */
  downloads?: boolean;
}

export function App({ port, host, now, presets, downloads }: AppProps) {
  return (
    <FluentProvider theme={webLightTheme}>
      <style>{PANE_CSS}</style>
      <main className="ov-pane">
        <header className="ov-header">
          <Title3 as="h1">Overlay</Title3>
          <Caption1>
            version {VERSION}
            {host === "playground" ? " · playground (sample workbook)" : ""}
          </Caption1>
        </header>
        {port ? (
          <WorkbookContext.Provider value={port}>
            <HostContext.Provider value={{ downloads: downloads ?? true }}>
              <Workflows now={now} presets={presets} />
            </HostContext.Provider>
          </WorkbookContext.Provider>
        ) : (
          <MessageBar intent="info">
            <MessageBarBody>
              Open this add-in in Excel to propose trades on a workbook, or try it without Excel: npm run playground. The OVERLAY functions
              work in formulas, for example =OVERLAY.REBALANCE(Portfolio[#All], Futures[#All], &quot;edge&quot;).
            </MessageBarBody>
          </MessageBar>
        )}
      </main>
    </FluentProvider>
  );
}

function Workflows({ now, presets }: Pick<AppProps, "now" | "presets">) {
  const [id, setId] = useState(VIEWS[0].id);
  const { tables, loading, error, refresh } = useTables();
  const view = VIEWS.find((v) => v.id === id) ?? VIEWS[0];
  return (
    <>
      <div className="ov-picker">
        <Field label="Workflow">
          <Select value={id} onChange={(_, d) => setId(d.value as typeof id)}>
            {VIEWS.map((v) => (
              <option key={v.id} value={v.id}>
                {v.label}
              </option>
            ))}
          </Select>
        </Field>
        <Button onClick={() => void refresh()} disabled={loading} aria-label="Refresh the list of workbook tables">
          Refresh tables
        </Button>
      </div>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <view.View key={view.id} tables={tables} now={now} preset={presets?.[view.id]} />
    </>
  );
}

/**
 * The browser playground (`npm run playground`): the task pane at its Excel width beside a view of the
 * sample workbook, so every workflow can be tried without Excel. `window.overlayPlayground` exposes the
 * workbook (the browser tests read the proposal sheet from it). `?downloads=0` plays Excel on Mac, where the
 * pane cannot start a download and offers the ticket to copy.
 */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { App } from "../taskpane/App";
import { SAMPLE_OPTIONS, samplePlan } from "./samplePlan";
import { SheetView } from "./SheetView";

const CSS = `
body { margin: 0; background: #f3f2f1; }
.pg { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; padding: 0; }
.pg-pane { width: 320px; flex: 0 0 320px; min-width: 0; box-sizing: border-box; background: #fff; border-right: 1px solid #e1dfdd; min-height: 100vh; }
.pg-sheets-host { flex: 1 1 400px; min-width: 0; }
.pg-sheets { padding: 12px; background: #fff; }
.pg-bar { display: flex; flex-wrap: wrap; gap: 8px; align-items: flex-end; margin-bottom: 8px; }
.pg-grid { overflow: auto; max-height: 80vh; border: 1px solid #e1dfdd; }
.pg-grid table { border-collapse: collapse; font: 12px "Segoe UI", system-ui, sans-serif; }
.pg-grid th, .pg-grid td { border: 1px solid #edebe9; padding: 2px 6px; white-space: nowrap; }
.pg-grid th { background: #f3f2f1; font-weight: 400; color: #605e5c; }
.pg-num { text-align: right; }
.pg-bold { font-weight: 600; }
@media (max-width: 700px) { .pg-pane { flex: 1 1 100%; width: auto; min-height: 0; border-right: none; } }
`;

const workbook = samplePlan();
// ?downloads=0 plays a host where a blob download does nothing (Excel on Mac, office-js #2700).
const downloads = new URLSearchParams(window.location.search).get("downloads") !== "0";
(window as unknown as { overlayPlayground: unknown }).overlayPlayground = { workbook };

const el = document.getElementById("root");
if (el) {
  createRoot(el).render(
    <>
      <style>{CSS}</style>
      <div className="pg">
        <div className="pg-pane" data-testid="pane">
          <App host="playground" port={workbook} presets={SAMPLE_OPTIONS} downloads={downloads} />
        </div>
        <FluentProvider theme={webLightTheme} className="pg-sheets-host">
          <SheetView workbook={workbook} />
        </FluentProvider>
      </div>
    </>,
  );
}

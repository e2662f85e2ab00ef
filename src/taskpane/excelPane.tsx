/**
 * The pane in Excel: the App on an ExcelWorkbook (Office.js). Loaded by index.tsx once Office is ready.
 * On Mac a blob download from a task pane does nothing (office-js issue #2700): there the ticket is offered
 * in a box to copy, never as a download.
 */
import { createRoot } from "react-dom/client";
import { ExcelWorkbook } from "../workbook/ExcelWorkbook";
import { App } from "./App";
import { canDownload } from "./hooks/download";

export function mount(el: HTMLElement): void {
  const platform = typeof Office !== "undefined" ? String(Office.context?.platform ?? "") : "";
  createRoot(el).render(<App host="excel" port={new ExcelWorkbook()} downloads={canDownload(platform)} />);
}

/** The pane in Excel: the App on an ExcelWorkbook (Office.js). Loaded by index.tsx once Office is ready. */
import { createRoot } from "react-dom/client";
import { ExcelWorkbook } from "../workbook/ExcelWorkbook";
import { App } from "./App";

export function mount(el: HTMLElement): void {
  createRoot(el).render(<App host="excel" port={new ExcelWorkbook()} />);
}

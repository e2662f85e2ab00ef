/** Task pane entry: in Excel the pane works on the open workbook through Office.js. */
import { createRoot } from "react-dom/client";
import { ExcelWorkbook } from "../workbook/ExcelWorkbook";
import { App } from "./App";

function start(inExcel: boolean) {
  const el = document.getElementById("root");
  if (el) createRoot(el).render(inExcel ? <App host="excel" port={new ExcelWorkbook()} /> : <App host="browser" />);
}

if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
  Office.onReady((info) => start(info.host === Office.HostType.Excel));
} else {
  start(false);
}

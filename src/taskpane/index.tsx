/**
 * Task pane entry. In Excel the pane (React, Fluent UI, the workflows) loads and works on the open workbook
 * through Office.js. Opened in a plain browser it only says where to go: the workflows need a workbook, and
 * the playground (npm run playground) has one.
 */
function start(inExcel: boolean) {
  const el = document.getElementById("root");
  if (!el) return;
  if (inExcel) {
    void import(/* webpackChunkName: "pane" */ "./excelPane").then(({ mount }) => mount(el));
    return;
  }
  el.innerHTML =
    '<main style="font-family: Segoe UI, system-ui, sans-serif; padding: 12px; max-width: 320px">' +
    '<h1 style="font-size: 20px; margin: 0 0 8px">Overlay</h1>' +
    "<p>Open this add-in in Excel to propose trades on a workbook, or try it without Excel: <code>npm run playground</code>.</p></main>";
}

if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
  Office.onReady((info) => start(info.host === Office.HostType.Excel));
} else {
  start(false);
}

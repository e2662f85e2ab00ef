/** Task pane entry: waits for Office (when present) and renders the app. */
import { createRoot } from "react-dom/client";
import { App } from "./App";

function start() {
  const el = document.getElementById("root");
  if (el) createRoot(el).render(<App host={typeof Office !== "undefined" ? "excel" : "browser"} />);
}

if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
  Office.onReady(() => start());
} else {
  start();
}

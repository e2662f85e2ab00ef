/** The charts' colours and text sizes (Fluent's web light palette), one place for the pane's charts. */
export const CHART_COLORS = {
  after: "#0f6cbd",
  outside: "#c50f1f",
  before: "#616161",
  target: "#242424",
  band: "#d6d6d6",
  threshold: "#c50f1f",
  grid: "#e0e0e0",
  zero: "#8a8a8a",
  text: "#242424",
  subtle: "#616161",
  line: "#0f6cbd",
  palette: ["#0f6cbd", "#8a8886", "#107c10", "#ca5010", "#5c2e91", "#038387"],
};
export const FONT_PX = 12;
export const LINE_PX = 15;
export const CHART_FONT = `${FONT_PX}px "Segoe UI", system-ui, sans-serif`;

/** The pane's few layout rules (Fluent's components carry their own styles). Readable at 320 px. */
export const PANE_CSS = `
.ov-pane { padding: 12px; max-width: 640px; box-sizing: border-box; font-family: "Segoe UI", system-ui, sans-serif; }
.ov-pane h1 { margin: 0 0 4px; }
.ov-header { display: flex; flex-wrap: wrap; align-items: baseline; justify-content: space-between; gap: 4px 8px; }
.ov-picker { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 8px; margin: 8px 0 12px; }
.ov-picker > :first-child { flex: 1 1 180px; }
.ov-group { border: none; padding: 0; margin: 0 0 12px; display: flex; flex-direction: column; gap: 10px; min-width: 0; }
.ov-group legend { padding: 0; margin-bottom: 6px; }
.ov-input { display: flex; flex-direction: column; align-items: flex-start; gap: 2px; }
.ov-input > :first-child { align-self: stretch; }
.ov-actions { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin: 12px 0; }
.ov-summary { margin: 0 0 6px; }
.ov-intro { font-size: 12px; color: #605e5c; margin-bottom: 10px; }
.ov-proposal { display: flex; flex-direction: column; gap: 8px; border-top: 1px solid #e1dfdd; padding-top: 12px; min-width: 0; }
.ov-proposal > *, .ov-workflow, .ov-workflow > * { min-width: 0; max-width: 100%; }
/* Words are never broken: text wraps between words only (a word wider than its box is shortened instead). */
.ov-pane { overflow-wrap: normal; word-break: normal; hyphens: manual; }
.ov-proposal h3 { margin: 8px 0 0; }
.ov-scroll { overflow-x: auto; max-width: 100%; }
/* Fluent's tables are fixed-layout with equal columns; here the numbers take what they need and the name the rest. */
.ov-table { table-layout: auto; width: 100%; }
.ov-table .ov-name { width: 100%; min-width: 96px; }
.ov-table th, .ov-table td { padding-left: 4px; padding-right: 4px; }
.ov-scroll:focus-visible { outline: 2px solid #0f6cbd; }
.ov-num { text-align: right; justify-content: flex-end; white-space: nowrap; }
.ov-strong { font-weight: 600; display: block; }
.ov-sub { display: block; font-size: 11px; color: #605e5c; }
.ov-checks { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 8px; }
.ov-checks li { display: grid; grid-template-columns: auto minmax(0, 1fr); column-gap: 8px; align-items: start; }
.ov-checks li .ov-sub { grid-column: 2; }
.ov-badge { min-width: 64px; }
.ov-notes { margin: 0; padding-left: 18px; }
.ov-figure { margin: 8px 0; min-width: 0; }
.ov-chart { width: 100%; min-height: 120px; }
.ov-axis-title { margin: 2px 0; font-size: 11px; color: #616161; }
.ov-axis-x { text-align: center; }
.ov-legend { list-style: none; margin: 4px 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 12px; font-size: 12px; }
.ov-legend li { display: flex; align-items: center; gap: 4px; }
.ov-swatch { flex: none; }
.ov-figures { display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 4px 12px; margin: 0; }
.ov-figures dt { margin: 0; }
.ov-figures dd { margin: 0; text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.ov-figures dd .ov-sub { white-space: normal; }
.ov-override { display: flex; flex-direction: column; gap: 6px; }
[data-outside] { color: #c50f1f; font-weight: 600; }
.ov-error-summary { color: #c50f1f; margin: 4px 0; }
.ov-ticket { display: flex; flex-direction: column; gap: 6px; align-items: flex-start; }
.ov-ticket > * { align-self: stretch; }
.ov-ticket > button { align-self: flex-start; }
.ov-ticket textarea { white-space: pre; overflow-x: auto; }
.ov-visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

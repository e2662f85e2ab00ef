/**
 * Native Excel charts in an .xlsx package (exceljs writes none): for each chart a chart part (DrawingML
 * chart: column, bar, line or scatter, series drawn as lines over columns where asked), and per sheet a
 * drawing part anchoring the charts to cells, with the relationships and content types that tie them in.
 * The series reference the sheet's cells (the chart follows them in Excel) and carry the values as a cache.
 *
 * A column chart with marks (ChartSpec.marks) is the bullet form (src/workbook/proposal/chartForm.ts), built
 * as Excel users build bullet charts: the range's start (no fill) and span stacked on the primary axis, the
 * value after as a narrow column on the secondary axis (same fixed scale, axis hidden), before and target as
 * line series with markers and no line (a diamond, a dash), a threshold as a dashed line. The value axis has
 * the spec's round bounds and major unit; every category is labelled (tickLblSkip 1).
 *
 * ECMA-376 Part 1, 21.2 (DrawingML charts) and 20.5 (spreadsheet drawing); element order as the schema
 * requires it, since Excel refuses a part whose children are out of order.
 */
import JSZip from "jszip";
import { ChartSpec, PortMatrix, SeriesMark } from "../../workbook/WorkbookPort";
import { cellAddress, quoteSheet } from "../../workbook/address";
import { attr, xmlEscape as esc } from "./xml";

export interface ChartPart {
  sheet: string;
  chart: ChartSpec;
  /** The source area's values (header row, then categories and series), for the caches. */
  data: PortMatrix;
}

const NS_C = "http://schemas.openxmlformats.org/drawingml/2006/chart";
const NS_A = "http://schemas.openxmlformats.org/drawingml/2006/main";
const NS_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_XDR = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing";
const REL_CHART = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart";
const REL_DRAWING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing";
const CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml";
const CT_DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml";

function absRef(sheet: string, r1: number, c1: number, r2: number, c2: number): string {
  const a = (r: number, c: number) => cellAddress(r + 1, c + 1).replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2");
  return `${quoteSheet(sheet)}!${a(r1, c1)}${r1 === r2 && c1 === c2 ? "" : `:${a(r2, c2)}`}`;
}

function strCache(values: string[]): string {
  return `<c:strCache><c:ptCount val="${values.length}"/>${values.map((v, i) => `<c:pt idx="${i}"><c:v>${esc(v)}</c:v></c:pt>`).join("")}</c:strCache>`;
}

function numCache(values: unknown[], format = "General"): string {
  const pts = values.map((v, i) => (typeof v === "number" && Number.isFinite(v) ? `<c:pt idx="${i}"><c:v>${v}</c:v></c:pt>` : "")).join("");
  return `<c:numCache><c:formatCode>${esc(format)}</c:formatCode><c:ptCount val="${values.length}"/>${pts}</c:numCache>`;
}

function title(text: string | undefined, size = 1200): string {
  if (!text) return "";
  return (
    `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}" b="1"/></a:pPr>` +
    `<a:r><a:rPr lang="en-US" sz="${size}" b="1"/><a:t>${esc(text)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`
  );
}

const fill = (rgb: string) => `<a:solidFill><a:srgbClr val="${rgb}"/></a:solidFill>`;

/** A series' shape properties (c:spPr) and, for markers, its c:marker, by mark. */
function markStyle(mark: SeriesMark): { spPr: string; marker: string } {
  const noLine = `<c:spPr><a:ln w="28575" cap="rnd"><a:noFill/></a:ln></c:spPr>`;
  switch (mark) {
    case "bandBase":
      return { spPr: `<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>`, marker: "" };
    case "band":
      return { spPr: `<c:spPr>${fill("D6D6D6")}<a:ln><a:noFill/></a:ln></c:spPr>`, marker: "" };
    case "bar":
    case "column":
      return { spPr: `<c:spPr>${fill("0F6CBD")}</c:spPr>`, marker: "" };
    case "marker":
      return {
        spPr: noLine,
        marker: `<c:marker><c:symbol val="diamond"/><c:size val="9"/><c:spPr>${fill("FFFFFF")}<a:ln w="15875">${fill("616161")}</a:ln></c:spPr></c:marker>`,
      };
    case "tick":
      return {
        spPr: noLine,
        marker: `<c:marker><c:symbol val="dash"/><c:size val="20"/><c:spPr>${fill("242424")}<a:ln w="9525">${fill("242424")}</a:ln></c:spPr></c:marker>`,
      };
    case "line":
      return {
        spPr: `<c:spPr><a:ln w="19050">${fill("C50F1F")}<a:prstDash val="dash"/></a:ln></c:spPr>`,
        marker: `<c:marker><c:symbol val="none"/></c:marker>`,
      };
  }
}

/** The value axis's scaling: fixed round bounds when the spec gives them (children in the schema's order). */
function scaling(chart: ChartSpec): string {
  const a = chart.valueAxis;
  return `<c:scaling><c:orientation val="minMax"/>${a ? `<c:max val="${a.max}"/><c:min val="${a.min}"/>` : ""}</c:scaling>`;
}

function majorUnit(chart: ChartSpec): string {
  return chart.valueAxis && chart.valueAxis.major > 0 ? `<c:majorUnit val="${chart.valueAxis.major}"/>` : "";
}

/** The chart part's XML. */
export function chartXml(part: ChartPart): string {
  const { chart, data, sheet } = part;
  const s = chart.source;
  const rows = data.length - 1;
  const series = (data[0] ?? [])
    .slice(1)
    .map((name, j) => ({ name: String(name), col: s.col + 1 + j, values: data.slice(1).map((r) => r[j + 1]) }));
  const categories = data.slice(1).map((r) => r[0]);
  const numericX = categories.every((c) => typeof c === "number");
  const catRef = absRef(sheet, s.row + 1, s.col, s.row + rows, s.col);
  const format = chart.valueFormat ?? "General";
  const ser = (x: { name: string; col: number; values: unknown[] }, k: number, kind: "bar" | "line" | "scatter", mark?: SeriesMark) => {
    const style = mark ? markStyle(mark) : undefined;
    const tx = `<c:tx><c:strRef><c:f>${esc(absRef(sheet, s.row, x.col, s.row, x.col))}</c:f>${strCache([x.name])}</c:strRef></c:tx>`;
    const valRef = esc(absRef(sheet, s.row + 1, x.col, s.row + rows, x.col));
    const cat = numericX
      ? `<c:numRef><c:f>${esc(catRef)}</c:f>${numCache(categories)}</c:numRef>`
      : `<c:strRef><c:f>${esc(catRef)}</c:f>${strCache(categories.map((c) => String(c ?? "")))}</c:strRef>`;
    const marker = kind === "bar" ? "" : (style?.marker ?? `<c:marker><c:symbol val="none"/></c:marker>`);
    const spPr = style?.spPr ?? "";
    if (kind === "scatter") {
      return (
        `<c:ser><c:idx val="${k}"/><c:order val="${k}"/>${tx}${marker}<c:xVal>${cat}</c:xVal>` +
        `<c:yVal><c:numRef><c:f>${valRef}</c:f>${numCache(x.values, format)}</c:numRef></c:yVal><c:smooth val="0"/></c:ser>`
      );
    }
    return (
      `<c:ser><c:idx val="${k}"/><c:order val="${k}"/>${tx}${spPr}${kind === "bar" ? '<c:invertIfNegative val="0"/>' : marker}` +
      `<c:cat>${cat}</c:cat><c:val><c:numRef><c:f>${valRef}</c:f>${numCache(x.values, format)}</c:numRef></c:val>` +
      `${kind === "line" ? '<c:smooth val="0"/>' : ""}</c:ser>`
    );
  };
  const axX = 500100;
  const axY = 500200;
  const axIds = `<c:axId val="${axX}"/><c:axId val="${axY}"/>`;
  const axX2 = 500300;
  const axY2 = 500400;
  const axIds2 = `<c:axId val="${axX2}"/><c:axId val="${axY2}"/>`;
  let secondary = false;
  let groups: string;
  if (chart.type === "scatter") {
    groups = `<c:scatterChart><c:scatterStyle val="lineMarker"/><c:varyColors val="0"/>${series.map((x, k) => ser(x, k, "scatter")).join("")}${axIds}</c:scatterChart>`;
  } else if (chart.type === "line") {
    groups = `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${series.map((x, k) => ser(x, k, "line")).join("")}<c:marker val="1"/>${axIds}</c:lineChart>`;
  } else if (chart.marks) {
    const m = (k: number): SeriesMark => chart.marks?.[k] ?? "column";
    const pick = (kinds: SeriesMark[], kind: "bar" | "line") =>
      series.map((x, k) => (kinds.includes(m(k)) ? ser(x, k, kind, m(k)) : "")).join("");
    const band = pick(["bandBase", "band"], "bar");
    const columns = pick(["column"], "bar");
    const front = pick(["bar"], "bar");
    const lines = pick(["marker", "tick", "line"], "line");
    groups =
      (band
        ? `<c:barChart><c:barDir val="col"/><c:grouping val="stacked"/><c:varyColors val="0"/>${band}<c:gapWidth val="40"/><c:overlap val="100"/>${axIds}</c:barChart>`
        : "") +
      (columns
        ? `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>${columns}<c:gapWidth val="80"/>${axIds}</c:barChart>`
        : "") +
      (front
        ? `<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>${front}<c:gapWidth val="300"/>${axIds2}</c:barChart>`
        : "") +
      (lines ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${lines}<c:marker val="1"/>${axIds}</c:lineChart>` : "");
    secondary = front !== "";
  } else {
    const asLine = series.map((_, k) => chart.seriesTypes?.[k] === "line");
    const bars = series.map((x, k) => (asLine[k] ? "" : ser(x, k, "bar"))).join("");
    const lines = series.map((x, k) => (asLine[k] ? ser(x, k, "line") : "")).join("");
    groups =
      `<c:barChart><c:barDir val="${chart.type === "bar" ? "bar" : "col"}"/><c:grouping val="clustered"/><c:varyColors val="0"/>${bars}` +
      `<c:gapWidth val="80"/>${axIds}</c:barChart>` +
      (lines ? `<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>${lines}<c:marker val="1"/>${axIds}</c:lineChart>` : "");
  }
  const horizontal = chart.type === "bar";
  const xAxis =
    chart.type === "scatter"
      ? `<c:valAx><c:axId val="${axX}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="b"/>${title(chart.xTitle, 1000)}` +
        `<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/><c:crossAx val="${axY}"/><c:crosses val="autoZero"/><c:crossBetween val="midCat"/></c:valAx>`
      : `<c:catAx><c:axId val="${axX}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/><c:axPos val="${horizontal ? "l" : "b"}"/>${title(chart.xTitle, 1000)}` +
        `<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="low"/><c:crossAx val="${axY}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:tickLblSkip val="1"/><c:noMultiLvlLbl val="0"/></c:catAx>`;
  const yAxis =
    `<c:valAx><c:axId val="${axY}"/>${scaling(chart)}<c:delete val="0"/><c:axPos val="${horizontal ? "b" : "l"}"/>` +
    `<c:majorGridlines/>${title(chart.yTitle, 1000)}<c:numFmt formatCode="${esc(format)}" sourceLinked="${chart.valueFormat ? 0 : 1}"/>` +
    `<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="${axX}"/><c:crosses val="autoZero"/>` +
    `<c:crossBetween val="${chart.type === "scatter" ? "midCat" : "between"}"/>${majorUnit(chart)}</c:valAx>`;
  // The secondary axes of the front bars: the same scale, not shown.
  const axes2 = secondary
    ? `<c:catAx><c:axId val="${axX2}"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="1"/><c:axPos val="b"/>` +
      `<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="${axY2}"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>` +
      `<c:valAx><c:axId val="${axY2}"/>${scaling(chart)}<c:delete val="1"/><c:axPos val="r"/><c:numFmt formatCode="${esc(format)}" sourceLinked="0"/>` +
      `<c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/><c:crossAx val="${axX2}"/><c:crosses val="max"/><c:crossBetween val="between"/>${majorUnit(chart)}</c:valAx>`
    : "";
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS_C}" xmlns:a="${NS_A}" xmlns:r="${NS_R}"><c:roundedCorners val="0"/>` +
    `<c:chart>${title(chart.title, 1400)}<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>${groups}${xAxis}${yAxis}${axes2}</c:plotArea>` +
    `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

function anchorXml(chart: ChartSpec, relId: string, id: number): string {
  const { row, col } = chart.anchor;
  const { rows, cols } = chart.size;
  return (
    `<xdr:twoCellAnchor editAs="oneCell"><xdr:from><xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>` +
    `<xdr:to><xdr:col>${col + cols}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row + rows}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${id + 1}" name="Chart ${id}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="${NS_C}">` +
    `<c:chart xmlns:c="${NS_C}" r:id="${relId}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

function nextFree(zip: JSZip, pattern: (n: number) => string): number {
  let n = 1;
  while (zip.file(pattern(n))) n++;
  return n;
}

function relsXml(rels: { id: string; type: string; target: string }[]): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    rels.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${r.target}"/>`).join("") +
    `</Relationships>`
  );
}

/** Adds the charts to the package; `sheets` maps sheet names to their parts. */
export async function addCharts(zip: JSZip, charts: ChartPart[], sheets: { name: string; path?: string }[]): Promise<void> {
  const overrides: string[] = [];
  const bySheet = new Map<string, ChartPart[]>();
  for (const c of charts) bySheet.set(c.sheet, [...(bySheet.get(c.sheet) ?? []), c]);
  for (const [sheetName, parts] of bySheet) {
    const path = sheets.find((s) => s.name === sheetName)?.path;
    if (!path || /<drawing\b/.test((await zip.file(path)?.async("string")) ?? "<drawing")) continue;
    const drawingNo = nextFree(zip, (n) => `xl/drawings/drawing${n}.xml`);
    const drawingPath = `xl/drawings/drawing${drawingNo}.xml`;
    const drawingRels: { id: string; type: string; target: string }[] = [];
    const anchors: string[] = [];
    for (const [k, part] of parts.entries()) {
      const chartNo = nextFree(zip, (n) => `xl/charts/chart${n}.xml`);
      zip.file(`xl/charts/chart${chartNo}.xml`, chartXml(part));
      overrides.push(`<Override PartName="/xl/charts/chart${chartNo}.xml" ContentType="${CT_CHART}"/>`);
      const relId = `rId${k + 1}`;
      drawingRels.push({ id: relId, type: REL_CHART, target: `../charts/chart${chartNo}.xml` });
      anchors.push(anchorXml(part.chart, relId, k + 1));
    }
    zip.file(
      drawingPath,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS_XDR}" xmlns:a="${NS_A}" xmlns:r="${NS_R}">${anchors.join("")}</xdr:wsDr>`,
    );
    zip.file(`xl/drawings/_rels/drawing${drawingNo}.xml.rels`, relsXml(drawingRels));
    overrides.push(`<Override PartName="/${drawingPath}" ContentType="${CT_DRAWING}"/>`);
    // The sheet's relationship to its drawing, and the <drawing> element in its place.
    const sheetFile = path.split("/").pop()!;
    const relsPath = `${path.slice(0, path.length - sheetFile.length)}_rels/${sheetFile}.rels`;
    const existing = (await zip.file(relsPath)?.async("string")) ?? "";
    const rels = [...existing.matchAll(/<Relationship\b([^>]*)\/?>/g)].map((m) => ({
      id: attr(m[1], "Id") ?? "",
      type: attr(m[1], "Type") ?? "",
      target: attr(m[1], "Target") ?? "",
    }));
    let n = 1;
    while (rels.some((r) => r.id === `rIdDrawing${n}`)) n++;
    const drawingRelId = `rIdDrawing${n}`;
    rels.push({ id: drawingRelId, type: REL_DRAWING, target: `../drawings/drawing${drawingNo}.xml` });
    zip.file(relsPath, relsXml(rels));
    let xml = await zip.file(path)!.async("string");
    if (!/xmlns:r=/.test(xml.slice(0, 600))) xml = xml.replace(/<worksheet\b/, `<worksheet xmlns:r="${NS_R}"`);
    const tag = `<drawing r:id="${drawingRelId}"/>`;
    const before = /<(legacyDrawing|legacyDrawingHF|picture|oleObjects|controls|webPublishItems|tableParts|extLst)\b/.exec(xml);
    xml = before ? xml.slice(0, before.index) + tag + xml.slice(before.index) : xml.replace("</worksheet>", `${tag}</worksheet>`);
    zip.file(path, xml);
  }
  if (overrides.length) {
    const types = (await zip.file("[Content_Types].xml")?.async("string")) ?? "";
    zip.file("[Content_Types].xml", types.replace("</Types>", `${overrides.join("")}</Types>`));
  }
}

/**
 * The few XML helpers the package code needs: SpreadsheetML parts are read and edited as text (regular
 * expressions over elements whose shape ECMA-376 fixes), never through a DOM, so untouched bytes stay as Excel
 * wrote them. No entity beyond XML's five and numeric character references is ever resolved.
 */

/** Escapes text for an attribute value or element content. */
export function xmlEscape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Undoes XML's five entities and numeric character references (nothing else: no DTD entities). */
export function xmlUnescape(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    const k = e.toLowerCase();
    if (k === "amp") return "&";
    if (k === "lt") return "<";
    if (k === "gt") return ">";
    if (k === "quot") return '"';
    if (k === "apos") return "'";
    const code = k.startsWith("#x") ? parseInt(k.slice(2), 16) : parseInt(k.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : "\ufffd";
  });
}

/** An attribute's value in an element's attribute text, unescaped; undefined when absent. */
export function attr(attrs: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name.replace(/[.:]/g, "\\$&")}="([^"]*)"`).exec(attrs);
  return m ? xmlUnescape(m[1]) : undefined;
}

/** Sets an attribute in place (or appends it), keeping the others and their order; undefined removes it. */
export function setAttr(attrs: string, name: string, value: string | undefined): string {
  const re = new RegExp(`(\\s${name.replace(/[.:]/g, "\\$&")}=")[^"]*(")`);
  if (value === undefined) return attrs.replace(new RegExp(`\\s${name.replace(/[.:]/g, "\\$&")}="[^"]*"`), "");
  return re.test(attrs)
    ? attrs.replace(re, (_, a: string, b: string) => `${a}${xmlEscape(value)}${b}`)
    : `${attrs} ${name}="${xmlEscape(value)}"`;
}

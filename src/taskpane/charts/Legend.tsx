/** A chart's legend in HTML (it wraps between entries and between words): a swatch of each mark and its name. */
export interface LegendItem {
  name: string;
  shape: "bar" | "diamond" | "tick" | "band" | "dash" | "line";
  color: string;
}

function Swatch({ shape, color }: Pick<LegendItem, "shape" | "color">) {
  return (
    <svg width={16} height={12} viewBox="0 0 16 12" aria-hidden="true" className="ov-swatch">
      {shape === "bar" && <rect x={1} y={3} width={14} height={6} fill={color} />}
      {shape === "band" && <rect x={1} y={0} width={14} height={12} fill={color} />}
      {shape === "diamond" && <path d="M8,1 l5,5 l-5,5 l-5,-5 z" fill="#ffffff" stroke={color} strokeWidth={1.5} />}
      {shape === "tick" && <line x1={8} x2={8} y1={0} y2={12} stroke={color} strokeWidth={2.5} />}
      {shape === "dash" && <line x1={8} x2={8} y1={0} y2={12} stroke={color} strokeWidth={1.5} strokeDasharray="4 3" />}
      {shape === "line" && <line x1={1} x2={15} y1={6} y2={6} stroke={color} strokeWidth={2} />}
    </svg>
  );
}

export function Legend({ items }: { items: LegendItem[] }) {
  if (items.length === 0) return null;
  return (
    <ul className="ov-legend" aria-label="Legend">
      {items.map((i) => (
        <li key={i.name}>
          <Swatch shape={i.shape} color={i.color} />
          <span>{i.name}</span>
        </li>
      ))}
    </ul>
  );
}

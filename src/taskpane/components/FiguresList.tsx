/** Groups of figures beside the trades (Greeks in desk units, protection levels): label, value, unit. */
import { Subtitle2 } from "@fluentui/react-components";
import { Proposal } from "../../workbook/proposal/model";
import { formatFigure } from "./format";

export function FiguresList({ groups }: { groups: NonNullable<Proposal["figures"]> }) {
  return (
    <>
      {groups.map((g) => (
        <section key={g.title} aria-label={g.title} data-testid="figures">
          <Subtitle2 as="h3">{g.title}</Subtitle2>
          <dl className="ov-figures">
            {g.rows.map((r) => (
              <div key={r.label} style={{ display: "contents" }}>
                <dt>{r.label}</dt>
                <dd data-testid="figure-value">
                  {formatFigure(r.value, r.format)}
                  {r.unit && <span className="ov-sub">{r.unit}</span>}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </>
  );
}

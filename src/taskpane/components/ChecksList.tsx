/** The guardrail checks: each with its result in words (not colour alone) and what it compared. */
import { Badge } from "@fluentui/react-components";
import { Check } from "../../workbook/proposal/model";
import { CHECK_WORDS } from "../../workbook/proposal/writer";

const COLOR = { pass: "success", warn: "warning", fail: "danger" } as const;

export function ChecksList({ checks }: { checks: Check[] }) {
  return (
    <ul className="ov-checks" aria-label="Checks">
      {checks.map((c) => (
        <li key={c.name} data-status={c.status}>
          <Badge appearance="tint" color={COLOR[c.status]} className="ov-badge">
            {CHECK_WORDS[c.status]}
          </Badge>
          <span className="ov-strong">{c.name}</span>
          <span className="ov-sub">{c.detail}</span>
        </li>
      ))}
    </ul>
  );
}

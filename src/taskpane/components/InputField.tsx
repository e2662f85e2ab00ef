/** One input table of a workflow: which workbook table (or the selected range) it comes from. */
import { Dispatch } from "react";
import { Button, Field, Select } from "@fluentui/react-components";
import { InputSource } from "../../workbook/proposal";
import { InputDef } from "../../workbook/proposal/model";
import { TableInfo } from "../../workbook/WorkbookPort";

export interface InputFieldProps {
  def: InputDef;
  source: InputSource | undefined;
  tables: TableInfo[];
  error?: string;
  disabled?: boolean;
  onChange: Dispatch<InputSource>;
  onUseSelection(): void;
}

function encode(s: InputSource | undefined): string {
  if (!s || s.kind === "none") return "none";
  return s.kind === "table" ? `table:${s.name}` : "selection";
}

function describe(s: InputSource | undefined, def: InputDef): string {
  if (s?.kind === "selection") return `Selected range ${s.address} (${Math.max(0, s.values.length - 1)} rows). Columns: ${def.columns}.`;
  return `Columns: ${def.columns}.`;
}

export function InputField({ def, source, tables, error, disabled, onChange, onUseSelection }: InputFieldProps) {
  const value = encode(source);
  return (
    <div className="ov-input">
      <Field
        label={def.optional ? `${def.name} (optional)` : def.name}
        hint={describe(source, def)}
        validationState={error ? "error" : "none"}
        validationMessage={error}
      >
        <Select
          value={value}
          disabled={disabled}
          onChange={(_, d) => {
            if (d.value === "none") onChange({ kind: "none" });
            else if (d.value.startsWith("table:")) onChange({ kind: "table", name: d.value.slice(6) });
          }}
        >
          <option value="none">{def.optional ? "Not used" : "Choose a table"}</option>
          {tables.map((t) => (
            <option key={t.name} value={`table:${t.name}`}>
              {t.name} ({t.sheet})
            </option>
          ))}
          {source?.kind === "selection" && <option value="selection">Selected range {source.address}</option>}
        </Select>
      </Field>
      <Button
        size="small"
        appearance="subtle"
        disabled={disabled}
        onClick={onUseSelection}
        aria-label={`Use the selected range for ${def.name}`}
      >
        Use selection
      </Button>
    </div>
  );
}

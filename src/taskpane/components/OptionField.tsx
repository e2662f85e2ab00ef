/** One option of a workflow: a choice, a number (typed as in a cell: 0.05 or 5%) or a yes/no. */
import { Dispatch } from "react";
import { Field, Input, Select, Switch } from "@fluentui/react-components";
import { OptionDef, OptionValue } from "../../workbook/proposal/model";

export interface OptionFieldProps {
  def: OptionDef;
  value: OptionValue;
  error?: string;
  disabled?: boolean;
  onChange: Dispatch<OptionValue>;
}

export function OptionField({ def, value, error, disabled, onChange }: OptionFieldProps) {
  const common = {
    label: def.label,
    hint: def.help,
    validationState: error ? ("error" as const) : ("none" as const),
    validationMessage: error,
  };
  if (def.kind === "choice") {
    return (
      <Field {...common}>
        <Select value={String(value ?? def.default ?? "")} disabled={disabled} onChange={(_, d) => onChange(d.value)}>
          {def.choices?.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </Select>
      </Field>
    );
  }
  if (def.kind === "boolean") {
    return (
      <Field {...common}>
        <Switch checked={Boolean(value ?? def.default)} disabled={disabled} onChange={(_, d) => onChange(d.checked)} />
      </Field>
    );
  }
  return (
    <Field {...common}>
      <Input
        value={value === undefined ? "" : String(value)}
        disabled={disabled}
        inputMode={def.kind === "number" ? "decimal" : "text"}
        placeholder={def.default === undefined ? "Function default" : undefined}
        onChange={(_, d) => onChange(d.value)}
      />
    </Field>
  );
}

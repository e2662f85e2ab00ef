import { WorkflowOptions } from "../../workbook/proposal/model";
import { TableInfo } from "../../workbook/WorkbookPort";

export interface ViewProps {
  tables: TableInfo[];
  /** Option values to start with (the playground's sample values). */
  preset?: WorkflowOptions;
  now?: () => Date;
}

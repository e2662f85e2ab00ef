/** The workbook the pane works on (Excel, or the playground's memory workbook), for every view. */
import { createContext, useContext } from "react";
import { WorkbookPort } from "../../workbook/WorkbookPort";

export const WorkbookContext = createContext<WorkbookPort | undefined>(undefined);

export function useWorkbookPort(): WorkbookPort {
  const port = useContext(WorkbookContext);
  if (!port) throw new Error("No workbook: render the pane inside a WorkbookContext provider");
  return port;
}

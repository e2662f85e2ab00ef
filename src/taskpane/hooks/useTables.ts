/** The workbook's tables and named ranges, read once and on demand ("Refresh"). */
import { useCallback, useEffect, useState } from "react";
import { TableInfo } from "../../workbook/WorkbookPort";
import { useWorkbookPort } from "./WorkbookContext";

export interface TablesState {
  tables: TableInfo[];
  loading: boolean;
  error?: string;
  refresh: () => Promise<void>;
}

export function useTables(): TablesState {
  const port = useWorkbookPort();
  const [tables, setTables] = useState<TableInfo[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string>();
  const refresh = useCallback(async () => {
    setLoading(true);
    try {
      setTables(await port.listTables());
      setError(undefined);
    } catch (e) {
      setError(`Could not list the workbook's tables: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setLoading(false);
    }
  }, [port]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return { tables, loading, error, refresh };
}

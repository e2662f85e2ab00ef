/**
 * An Excel request context for ExcelWorkbook's tests, on office-addin-mock: the ranges the port reads are
 * OfficeMockObjects (reading `values` before load + context.sync() gives the mock's error text, not the
 * values), collections (worksheets, tables, names) refuse to hand out `items` before load + sync, and every
 * write (property set or method call on a range, table or chart) is logged with its sheet, so a test can
 * check that nothing touched an existing sheet.
 */
import { OfficeMockObject } from "office-addin-mock";

export interface Write {
  sheet: string;
  target: string;
  what: string;
  value: unknown;
}

export interface MockSpec {
  sheets: string[];
  /** values: the whole table's range (with its totals row when showTotals). */
  tables: Record<string, { sheet: string; address: string; values: unknown[][]; showTotals?: boolean }>;
  names?: Record<string, { sheet: string; address: string; values: unknown[][] }>;
  selection: { address: string; values: unknown[][] };
}

export interface ExcelMock {
  context: Excel.RequestContext;
  run: <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;
  log: string[];
  writes: Write[];
  syncs: () => number;
  added: string[];
}

/** An object that logs every property set and method call made on it (and on objects under it). */
function recorder(
  sheet: string,
  target: string,
  writes: Write[],
  log: string[],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const make = (path: string): Record<string, unknown> =>
    new Proxy({ ...(path === target ? extra : {}) } as Record<string, unknown>, {
      get(obj, prop) {
        if (typeof prop === "symbol") return undefined;
        if (prop in obj) return obj[prop];
        // A method call (autofitColumns(), setPosition(...)) or a nested object (format.font).
        const fn = (...args: unknown[]) => {
          writes.push({ sheet, target, what: `${path}.${prop}()`, value: args });
          log.push(`call ${sheet}!${path}.${prop}`);
          return make(`${path}.${prop}()`);
        };
        return new Proxy(fn, {
          get: (_f, p) => (typeof p === "string" ? make(`${path}.${prop}`)[p] : undefined),
          set: (_f, p, v) => {
            writes.push({ sheet, target, what: `${path}.${prop}.${String(p)}`, value: v });
            return true;
          },
        });
      },
      set(obj, prop, value) {
        writes.push({ sheet, target, what: `${path}.${String(prop)}`, value });
        log.push(`set ${sheet}!${path}.${String(prop)}`);
        return true;
      },
    });
  return make(target);
}

export function excelMock(spec: MockSpec): ExcelMock {
  const log: string[] = [];
  const writes: Write[] = [];
  const added: string[] = [];
  let syncs = 0;
  let pending: (() => void)[] = [];

  // The ranges the port reads, as office-addin-mock objects under one root (so context.sync() reaches them).
  const rangeData: Record<string, { values: unknown[][]; address: string; worksheet: { name: string } }> = {};
  for (const [name, t] of Object.entries(spec.tables))
    rangeData[`table_${name}`] = { values: t.values, address: `${t.sheet}!${t.address}`, worksheet: { name: t.sheet } };
  for (const [name, t] of Object.entries(spec.names ?? {}))
    rangeData[`name_${name}`] = { values: t.values, address: `${t.sheet}!${t.address}`, worksheet: { name: t.sheet } };
  rangeData.selection = {
    values: spec.selection.values,
    address: spec.selection.address,
    worksheet: { name: spec.selection.address.split("!")[0] },
  };
  const tableData = Object.fromEntries(Object.entries(spec.tables).map(([name, t]) => [name, { showTotals: !!t.showTotals }]));
  const root = new OfficeMockObject({ ranges: rangeData, tableProps: tableData, workbook: {} });
  const ranges = root.ranges as Record<string, OfficeMockObject>;
  const tableProps = root.tableProps as Record<string, OfficeMockObject>;

  /** A collection whose items can be read only after load() and a sync. */
  function collection<T>(name: string, items: () => T[], methods: Record<string, unknown>) {
    let state: "none" | "loading" | "loaded" = "none";
    return {
      ...methods,
      load(props?: unknown) {
        log.push(`load ${name} ${JSON.stringify(props)}`);
        if (state === "none") {
          state = "loading";
          pending.push(() => (state = "loaded"));
        }
      },
      get items(): T[] {
        if (state !== "loaded") throw new Error(`${name}.items read before load() and context.sync()`);
        return items();
      },
    };
  }

  const sheetNames = [...spec.sheets];
  const sheetObject = (sheet: string) => ({
    name: sheet,
    getRange: (address: string) => {
      log.push(`getRange ${sheet}!${address}`);
      return recorder(sheet, `range ${address}`, writes, log);
    },
    activate: () => log.push(`activate ${sheet}`),
    tables: {
      add: (address: string, hasHeaders: boolean) => {
        log.push(`table ${sheet}!${address} ${hasHeaders}`);
        return recorder(sheet, `table ${address}`, writes, log);
      },
    },
    charts: {
      add: (type: string, source: unknown, seriesBy: string) => {
        log.push(`chart ${sheet} ${type} ${seriesBy}`);
        return recorder(sheet, `chart ${type}`, writes, log, { source });
      },
    },
  });
  const nullObject = { isNullObject: true };
  const tableItems = () => Object.entries(spec.tables).map(([name, t]) => ({ name, worksheet: { name: t.sheet } }));
  const nameItems = () =>
    Object.entries(spec.names ?? {}).map(([name]) => ({
      name,
      type: "Range",
      visible: true,
      getRange: () => {
        const r = ranges[`name_${name}`];
        return r;
      },
    }));

  const workbook = root.workbook as unknown as Record<string, unknown>;
  workbook.worksheets = collection("worksheets", () => sheetNames.map((name) => ({ name })), {
    getItem: (name: string) => {
      if (!sheetNames.some((s) => s.toLowerCase() === name.toLowerCase())) throw new Error(`no sheet ${name}`);
      return sheetObject(name);
    },
    getItemOrNullObject: (name: string) =>
      sheetNames.some((s) => s.toLowerCase() === name.toLowerCase()) ? { ...sheetObject(name), isNullObject: false } : nullObject,
    add: (name: string) => {
      log.push(`add sheet ${name}`);
      sheetNames.push(name);
      added.push(name);
      return sheetObject(name);
    },
  });
  workbook.tables = collection("tables", tableItems, {
    getItemOrNullObject: (name: string) => {
      log.push(`getItemOrNullObject table ${name}`);
      const key = Object.keys(spec.tables).find((k) => k.toLowerCase() === name.toLowerCase());
      if (!key) return nullObject;
      const props = tableProps[key];
      return {
        isNullObject: false,
        getRange: () => ranges[`table_${key}`],
        load: (p: string) => props.load(p),
        get showTotals() {
          return (props as unknown as { showTotals: unknown }).showTotals;
        },
      };
    },
  });
  workbook.names = collection("names", nameItems, {
    getItemOrNullObject: (name: string) => {
      const key = Object.keys(spec.names ?? {}).find((k) => k.toLowerCase() === name.toLowerCase());
      if (!key) return nullObject;
      return { isNullObject: false, getRange: () => ranges[`name_${key}`] };
    },
  });
  workbook.getSelectedRange = () => ranges.selection;

  const sync = root.sync.bind(root);
  const context = {
    workbook,
    sync: async () => {
      syncs++;
      log.push("sync");
      const done = pending;
      pending = [];
      done.forEach((f) => f());
      await sync();
      // office-addin-mock updates loaded properties in microtasks after its sync resolves: let them run.
      await new Promise((r) => setTimeout(r, 0));
    },
  } as unknown as Excel.RequestContext;

  return { context, run: (batch) => batch(context), log, writes, syncs: () => syncs, added };
}

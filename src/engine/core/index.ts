export * from "./errors";
export * from "./cells";
export * from "./table";
export * from "./rootFinding";
export * from "./rounding";
export * from "./sum";

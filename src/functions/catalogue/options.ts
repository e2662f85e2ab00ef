/** Custom functions of this area are added here (see catalogue/portfolio.ts for the pattern). */
import { FunctionDef } from "../registry";

export const OPTIONS_FUNCTIONS: FunctionDef[] = [];

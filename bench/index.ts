/** Every benchmark file (test/bench.test.ts checks that this list names each bench/*.bench.ts). */
import * as coldstart from "./coldstart.bench";
import * as completion from "./completion.bench";
import * as options from "./options.bench";
import * as portfolio from "./portfolio.bench";
import * as rates from "./rates.bench";
import * as stress from "./stress.bench";
import * as tilts from "./tilts.bench";
import * as workbook from "./workbook.bench";
import type { BenchFile } from "./harness";

export const BENCH_FILES: Record<string, BenchFile> = { portfolio, tilts, options, rates, stress, completion, workbook, coldstart };

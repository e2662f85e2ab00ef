/**
 * Cold start of the built command (issue 18: `overlay eval` under 200 ms): `node dist/cli/overlay.js` started as
 * a new process, as a script calls it, for `--version` and for one `eval`. Beside it, the floor: `node -e 0`,
 * a Node process that loads nothing. Needs `npm run build:cli` first (the bench says so when dist/cli is absent).
 * Before issue 18 (every command loaded exceljs, jszip and all commands up front): `--version` 0.45-0.58 s and
 * `eval` 0.43-0.62 s on the same machine (1.3 s in the measurement).
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { BenchGroup } from "./harness";

const CLI = join(__dirname, "../dist/cli/overlay.js");

function start(args: string[]): void {
  const r = spawnSync(process.execPath, args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited with ${r.status}: ${r.stderr}`);
}

export function groups(): BenchGroup[] {
  if (!existsSync(CLI)) {
    return [
      {
        title: "overlay cold start: dist/cli/overlay.js is not built (npm run build:cli), not measured",
        cases: [{ name: "node -e 0 (floor)", fn: () => start(["-e", "0"]) }],
        iterations: 5,
      },
    ];
  }
  return [
    {
      title: "overlay cold start: a new process, as a script starts it",
      time: 300,
      iterations: 10,
      cases: [
        {
          name: 'overlay eval "=OVERLAY.CONTRACTS(25000000,5000,250)"',
          fn: () => start([CLI, "eval", "=OVERLAY.CONTRACTS(25000000,5000,250)"]),
          target: "< 200 ms",
          meets: (ms) => ms < 200,
        },
        { name: "overlay --version", fn: () => start([CLI, "--version"]) },
        { name: "floor: node -e 0", fn: () => start(["-e", "0"]) },
      ],
    },
  ];
}

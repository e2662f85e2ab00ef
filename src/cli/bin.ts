/** Entry of the `overlay` command (dist/cli/overlay.js). */
import { main } from "./overlay";

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(`overlay: ${e instanceof Error ? e.message : String(e)}`);
    process.exitCode = 2;
  },
);

/**
 * Generates the custom-functions metadata from the catalogue's JSDoc (as the build does) and checks it
 * against the registry: prints problems and exits 1 if there are any. `npx tsx scripts/check-metadata.ts`
 */
import { metadataProblems } from "../test/helpers/metadata";

metadataProblems().then((problems) => {
  for (const p of problems) console.log(p);
  console.log(problems.length ? `${problems.length} problem(s)` : "metadata and registry agree");
  process.exitCode = problems.length ? 1 : 0;
});

/**
 * A jest reporter that ends the run with the plain closing line CI reads in any language:
 * "N passed, N failed" (", N skipped" when some were skipped).
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const line = `${results.numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`;
    // jest's own summary goes to stderr: end both streams with the line, whichever a reader looks at.
    process.stderr.write(`\n${line}\n`);
    process.stdout.write(`\n${line}\n`);
  }
}
module.exports = SummaryReporter;

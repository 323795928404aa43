/**
 * Ends the Playwright output with the line CI reads: `N passed, N failed, N skipped`.
 *
 * Each test counts once, by its final outcome: expected and flaky (passed on a retry) as passed, unexpected as
 * failed, skipped (or never run) as skipped. A run that fails with no failing test (the web server did not
 * start, a spec file does not load, the global timeout) still reports 1 failed, so it never reads as green.
 *
 * The line is also written to summary.txt in E2E_ARTIFACTS_DIR (default e2e/.artifacts), for scripts/e2e.js
 * to repeat if it has to print anything after Playwright (dropping a --postgres database).
 */
import fs from "node:fs";
import path from "node:path";
import type { FullResult, Reporter, Suite, TestError } from "@playwright/test/reporter";

const SUMMARY_FILE = path.resolve(process.env.E2E_ARTIFACTS_DIR || "e2e/.artifacts", "summary.txt");

export default class SummaryReporter implements Reporter {
  private suite: Suite | undefined;
  private errorsOutsideTests = 0;

  onBegin(_config: unknown, suite: Suite): void {
    this.suite = suite;
  }

  onError(_error: TestError): void {
    this.errorsOutsideTests += 1;
  }

  printsToStdio(): boolean {
    return true;
  }

  onEnd(result: FullResult): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const test of this.suite?.allTests() ?? []) {
      const outcome = test.outcome();
      if (outcome === "expected" || outcome === "flaky") passed += 1;
      else if (outcome === "unexpected") failed += 1;
      else skipped += 1;
    }
    if (result.status !== "passed" && failed === 0) {
      failed = 1;
      const why = this.errorsOutsideTests > 0 ? `${this.errorsOutsideTests} error(s) outside any test` : result.status;
      console.log(`The run did not pass (${why}); counted as 1 failed below.`);
    }
    const line = `${passed} passed, ${failed} failed, ${skipped} skipped`;
    try {
      fs.mkdirSync(path.dirname(SUMMARY_FILE), { recursive: true });
      fs.writeFileSync(SUMMARY_FILE, `${line}\n`);
    } catch {
      // The file is a convenience for scripts/e2e.js; the printed line is what counts.
    }
    console.log(line);
  }
}

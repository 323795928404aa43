/**
 * Ends the vitest run with one line, `N passed, N failed, N skipped`, which CI reads as the verdict
 * (vitest's own summary has a different shape).
 */
import type { Reporter } from "vitest/reporters";

interface TaskLike {
  type: string;
  mode?: string;
  result?: { state?: string };
  tasks?: TaskLike[];
}

export default class SummaryReporter implements Reporter {
  onFinished(files: TaskLike[] = [], errors: unknown[] = []) {
    const counts = { passed: 0, failed: 0, skipped: 0 };
    const walk = (task: TaskLike) => {
      if (task.tasks) task.tasks.forEach(walk);
      if (task.type !== "test") return;
      if (task.mode === "skip" || task.mode === "todo" || task.result?.state === "skip") counts.skipped += 1;
      else if (task.result?.state === "pass") counts.passed += 1;
      else counts.failed += 1;
    };
    files.forEach(walk);
    // A file that failed to load has no tests but is a failure all the same.
    const brokenFiles = files.filter((file) => file.result?.state === "fail" && !file.tasks?.length).length;
    counts.failed += brokenFiles + errors.length;
    console.log(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  }
}

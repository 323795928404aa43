/**
 * `npm run audit:verify`: recomputes the audit hash chain over the whole log in the database named by
 * DATABASE_URL (or the embedded one). Exit 0 when intact; otherwise names the first broken record and
 * exits 2. (Exit 1: the check itself could not run.)
 */
import { verifyAuditChain } from "../app/domain/audit.server";
import { describeTarget, withConfiguredDatabase } from "./configured-database";

const EXPLANATION = {
  content_altered: "its content no longer matches its hash: the record was altered",
  link_broken: "its prev_hash does not match the record before it: a record was removed or inserted before it",
  sequence_gap: "the sequence skips here: a record before it was removed",
} as const;

await withConfiguredDatabase(async (handle) => {
  const report = await verifyAuditChain(handle.db);
  if (report.intact) {
    console.log(`Audit chain intact: ${report.checked} records verified in ${describeTarget(handle)}.`);
    return 0;
  }
  console.error(`Audit chain BROKEN at record seq ${report.brokenSeq}: ${EXPLANATION[report.problem]}.`);
  console.error(`  expected: ${report.expected}`);
  console.error(`  found:    ${report.found}`);
  console.error(`  ${report.checked} records before it verified in ${describeTarget(handle)}.`);
  return 2;
});

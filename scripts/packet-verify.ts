/**
 * `npm run packet:verify -- FILE.pdf`: checks a referral packet PDF against the database named by
 * DATABASE_URL (or the embedded one), as the /verify page does: reads the case reference and manifest hash
 * the PDF carries, recomputes the case's evidence manifest, and says what differs. The verification is
 * recorded (custody and audit) like one made on the page, with the operator as actor.
 * Exit 0: the packet matches. Exit 2: it does not (or names a case this database does not hold).
 * Exit 1: the check could not run (no file, not a packet, no database).
 */
import fs from "node:fs";
import os from "node:os";
import type { ManifestFile, VerificationResult } from "../app/domain/packet";
import { PacketReadError, readPacketPdf, type PacketContents } from "../app/domain/packet-read.server";
import { verifyPacket } from "../app/domain/packet-verify.server";
import { describeTarget, withConfiguredDatabase } from "./configured-database";

const file = process.argv[2];
if (!file || file.startsWith("-")) {
  console.error("Usage: npm run packet:verify -- FILE.pdf");
  process.exit(1);
}

let packet: PacketContents;
try {
  packet = await readPacketPdf(await fs.promises.readFile(file));
} catch (error) {
  const reason = error instanceof PacketReadError ? error.message : `Cannot read ${file}: ${(error as Error).message}`;
  console.error(reason);
  process.exit(1);
}

await withConfiguredDatabase(async (handle) => {
  const result = await verifyPacket(handle.db, { kind: "operator", label: `cli:packet-verify (${os.userInfo().username})` }, { source: "cli", packet });
  for (const line of report(result)) console.log(line);
  console.log(`  Checked against ${describeTarget(handle)}; the verification is recorded in the audit log.`);
  return result.status === "match" ? 0 : 2;
});

function report(result: VerificationResult): string[] {
  if (result.status === "unknown_case") {
    return [`MISMATCH: the packet names case ${result.caseReference}, which this database does not hold.`];
  }
  const lines =
    result.status === "match"
      ? [`MATCH: packet ${result.caseReference} agrees with the portal: manifest SHA-256 ${result.currentHash} (${result.currentFileCount} files).`]
      : [
          `MISMATCH: packet ${result.caseReference} states manifest SHA-256 ${result.claimedHash};`,
          `  the portal's manifest is now ${result.currentHash} (${result.currentFileCount} files).`,
        ];
  if (result.embeddedManifestAltered) {
    lines.push("  The manifest embedded in the PDF does not hash to the value the PDF states: the file was altered.");
  }
  const difference = result.difference;
  if (difference) {
    const list = (title: string, files: ManifestFile[]) => {
      if (files.length) lines.push(`  ${title}:`, ...files.map((entry) => `    ${entry.name}  ${entry.sha256}`));
    };
    list("Added since the packet was made", difference.added);
    list("Withdrawn since the packet was made", difference.withdrawnSince);
    list("In the packet but not in the portal", difference.missing);
    list("Different in the portal", difference.changed.map((change) => change.current));
  }
  lines.push(
    result.issued
      ? `  The file is byte for byte the packet exported by ${result.issued.exportedBy ?? "an unknown account"} at ${result.issued.exportedAt}.`
      : "  The file is not byte for byte a packet the portal issued (it may have been re-saved or altered).",
  );
  for (const failure of result.integrityFailures) {
    lines.push(`  Warning: the stored bytes of ${failure.name} failed an integrity check.`);
  }
  return lines;
}

/**
 * `npx tsx scripts/fake-uploadthing.ts [port] [directory]`: runs the local stand-in for UploadThing
 * (app/lib/storage/fake-uploadthing.server.ts) and prints the variables that point the portal at it, to try
 * the UploadThing backend by hand on a machine without access to the service. Ctrl-C stops it.
 */
import os from "node:os";
import path from "node:path";
import { startFakeUploadThing } from "../app/lib/storage/fake-uploadthing.server";

const port = Number(process.argv[2] ?? 3999);
const directory = process.argv[3] ?? path.join(os.tmpdir(), "portal-fake-uploadthing");
const fake = await startFakeUploadThing({ directory, port });
console.log(`Fake UploadThing on port ${port}, files in ${directory}. Start the portal with:\n`);
for (const [name, value] of Object.entries(fake.env)) console.log(`export ${name}='${value}'`);
const stop = async () => {
  await fake.close();
  process.exit(0);
};
process.once("SIGINT", () => void stop());
process.once("SIGTERM", () => void stop());

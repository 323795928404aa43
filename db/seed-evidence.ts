// SCAFFOLD (owned by the evidence work package: evidence files on the seeded leads; replaced before landing).
import type { Transaction } from "./client";
import type { DemoWorldContext } from "./seed";

export async function seedDemoEvidence(_tx: Transaction, _context: DemoWorldContext): Promise<void> {}

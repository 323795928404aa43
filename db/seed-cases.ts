// SCAFFOLD (owned by the lead-building work package: the Putian story's leads (content only, as drafts); replaced before landing).
import type { Transaction } from "./client";
import type { DemoWorldContext } from "./seed";

export async function seedDemoCases(_tx: Transaction, _context: DemoWorldContext): Promise<void> {}

// SCAFFOLD (owned by the workflow work package: moves seeded leads through review and referral; replaced before landing).
import type { Transaction } from "./client";
import type { DemoWorldContext } from "./seed";

export async function seedDemoWorkflow(_tx: Transaction, _context: DemoWorldContext): Promise<void> {}

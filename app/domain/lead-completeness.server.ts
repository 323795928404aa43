/** leadCompleteness (cases.ts) over what is stored, for the workflow's checks and its view. */
import { eq } from "drizzle-orm";
import { caseAccounts, caseBrands, caseSites, caseTestPurchases, type Case, type DbOrTx } from "~/lib/db.server";
import { leadCompleteness } from "./cases";

/**
 * leadCompleteness (cases.ts) over what is stored: the same rule the form and the detail page show, asked
 * again inside the transaction, on the rows as they are now.
 */
export async function leadCompletenessFor(db: DbOrTx, caseRow: Case): Promise<{ complete: boolean; missing: string[] }> {
  const idsOf = (table: typeof caseBrands | typeof caseSites | typeof caseAccounts | typeof caseTestPurchases) =>
    db.select({ id: table.id }).from(table).where(eq(table.caseId, caseRow.id));
  const [brands, sites, accounts, testPurchases] = await Promise.all([
    idsOf(caseBrands),
    idsOf(caseSites),
    idsOf(caseAccounts),
    idsOf(caseTestPurchases),
  ]);
  const { complete, missing } = leadCompleteness({
    case: { summary: caseRow.summary, suspectedCharges: caseRow.suspectedCharges },
    brands,
    sites,
    accounts,
    testPurchases,
    amounts: {
      salesAmount: caseRow.salesAmount,
      unsoldGoodsValue: caseRow.unsoldGoodsValue,
      illegalBusinessVolume: caseRow.illegalBusinessVolume,
      illegalGains: caseRow.illegalGains,
    },
  });
  return { complete, missing };
}

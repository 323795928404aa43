/**
 * Cross-case links: other cases that name the same store, seller, enterprise (credit code), phone or site
 * address as this one — the signal that two leads are one gang. Only cases the viewer may see are named
 * (the same scope condition as every case query); a phone is shown masked unless the viewer may see it.
 * Each lookup uses its column's index (db/schema/cases.ts).
 */
import { and, eq, inArray, ne, type SQL } from "drizzle-orm";
import { caseAccounts, caseEnterprises, casePersons, cases, caseSites, type DbOrTx } from "~/lib/db.server";
import { caseScopeCondition, requireCaseForViewer } from "./case-access.server";
import type { CrossCaseLink } from "./cases";
import { maskPhone } from "./personal-data";
import { can, type Viewer } from "./policy";
import { assertCan } from "./policy.server";

/** Enough to act on; a value shared by hundreds of cases (a courier's depot) is noise past this. */
const MAX_MATCHES = 200;

type Kind = CrossCaseLink["matches"][number]["kind"];

export async function findCrossCaseLinks(db: DbOrTx, viewer: Viewer, caseId: string): Promise<CrossCaseLink[]> {
  assertCan(viewer, "case.view");
  const current = await requireCaseForViewer(db, viewer, caseId);
  const accounts = await db
    .select({ marketplace: caseAccounts.marketplace, storeId: caseAccounts.storeId, sellerId: caseAccounts.sellerId })
    .from(caseAccounts)
    .where(eq(caseAccounts.caseId, current.id));
  const creditCodes = (
    await db.select({ value: caseEnterprises.creditCode }).from(caseEnterprises).where(eq(caseEnterprises.caseId, current.id))
  ).map((row) => row.value);
  const phones = (await db.select({ value: casePersons.phone }).from(casePersons).where(eq(casePersons.caseId, current.id))).map(
    (row) => row.value,
  );
  const addresses = (await db.select({ value: caseSites.address }).from(caseSites).where(eq(caseSites.caseId, current.id))).map(
    (row) => row.value,
  );

  const links = new Map<string, CrossCaseLink>();
  const otherCases = (extra: SQL) => and(ne(cases.id, current.id), caseScopeCondition(viewer), extra);
  const note = (row: { caseId: string; reference: string; title: string; status: CrossCaseLink["status"] }, kind: Kind, value: string) => {
    const link = links.get(row.caseId) ?? { caseId: row.caseId, reference: row.reference, title: row.title, status: row.status, matches: [] };
    if (!link.matches.some((match) => match.kind === kind && match.value === value)) link.matches.push({ kind, value });
    links.set(row.caseId, link);
  };
  const caseFields = { caseId: cases.id, reference: cases.reference, title: cases.title, status: cases.status };
  const distinct = (values: string[]) => [...new Set(values.filter((value) => value.trim() !== ""))];

  const storeIds = distinct(accounts.map((account) => account.storeId));
  if (storeIds.length) {
    const rows = await db
      .select({ ...caseFields, marketplace: caseAccounts.marketplace, value: caseAccounts.storeId })
      .from(caseAccounts)
      .innerJoin(cases, eq(cases.id, caseAccounts.caseId))
      .where(otherCases(inArray(caseAccounts.storeId, storeIds)))
      .limit(MAX_MATCHES);
    // A store id is unique within one marketplace only.
    for (const row of rows) {
      if (accounts.some((account) => account.storeId === row.value && account.marketplace === row.marketplace)) note(row, "store", row.value);
    }
  }
  const sellerIds = distinct(accounts.map((account) => account.sellerId));
  if (sellerIds.length) {
    const rows = await db
      .select({ ...caseFields, marketplace: caseAccounts.marketplace, value: caseAccounts.sellerId })
      .from(caseAccounts)
      .innerJoin(cases, eq(cases.id, caseAccounts.caseId))
      .where(otherCases(inArray(caseAccounts.sellerId, sellerIds)))
      .limit(MAX_MATCHES);
    for (const row of rows) {
      if (accounts.some((account) => account.sellerId === row.value && account.marketplace === row.marketplace)) note(row, "seller", row.value);
    }
  }
  if (distinct(creditCodes).length) {
    const rows = await db
      .select({ ...caseFields, value: caseEnterprises.creditCode })
      .from(caseEnterprises)
      .innerJoin(cases, eq(cases.id, caseEnterprises.caseId))
      .where(otherCases(inArray(caseEnterprises.creditCode, distinct(creditCodes))))
      .limit(MAX_MATCHES);
    for (const row of rows) note(row, "credit_code", row.value);
  }
  if (distinct(phones).length) {
    const showPhones = can(viewer, "case.view_personal_data");
    const rows = await db
      .select({ ...caseFields, value: casePersons.phone })
      .from(casePersons)
      .innerJoin(cases, eq(cases.id, casePersons.caseId))
      .where(otherCases(inArray(casePersons.phone, distinct(phones))))
      .limit(MAX_MATCHES);
    for (const row of rows) note(row, "phone", showPhones ? row.value : maskPhone(row.value));
  }
  if (distinct(addresses).length) {
    const rows = await db
      .select({ ...caseFields, value: caseSites.address })
      .from(caseSites)
      .innerJoin(cases, eq(cases.id, caseSites.caseId))
      .where(otherCases(inArray(caseSites.address, distinct(addresses))))
      .limit(MAX_MATCHES);
    for (const row of rows) note(row, "address", row.value);
  }
  return [...links.values()].sort((a, b) => a.reference.localeCompare(b.reference));
}

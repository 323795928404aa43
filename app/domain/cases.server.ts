/**
 * Building a lead: create, update (drafts only, optimistic concurrency on `version`), read it whole as one
 * viewer may see it. Every mutation writes its audit record in the same transaction, with a compact diff that
 * never holds identity numbers or phones. The case list and cross-case links are in case-list.server.ts and
 * case-links.server.ts, re-exported here so pages import one module.
 */
import { and, asc, eq, gte, inArray, isNull, or, sql } from "drizzle-orm";
import {
  auditEvents,
  caseAccounts,
  caseBrands,
  caseEnterprises,
  caseLogistics,
  casePersons,
  cases,
  caseSites,
  caseTestPurchases,
  jointOperations,
  mous,
  organisations,
  queryRows,
  users,
  type Case,
  type DbOrTx,
  type Transaction,
} from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { notFound } from "~/lib/http.server";
import { viewerActor } from "./accounts.server";
import { recordAudit } from "./audit.server";
import { caseScopeCondition, requireCaseForViewer } from "./case-access.server";
import {
  changedFields,
  diffLeads,
  isLeadEditable,
  type LeadChangedField,
  type LeadDetail,
  type LeadSnapshot,
  type LeadStatus,
} from "./cases";
import { pickedDivision, type LeadInput } from "./cases.schema";
import { divisionFullName, isKnownDivision, isSelectableDivision } from "./divisions.server";
import { provinceOf } from "./divisions";
import { todayIn } from "./mous";
import { isMasked, maskIdNumber, maskPhone } from "./personal-data";
import { can, type Viewer } from "./policy";
import { assertCan } from "./policy.server";

export { listCasesForViewer, type CaseListFilters, type CaseListPage } from "./case-list.server";
export { findCrossCaseLinks } from "./case-links.server";
export type { LeadDetail } from "./cases";

export interface LeadMeta {
  ip: string | null;
  userAgent?: string | null;
  /** When the lead was opened; now by default (the demo seed spreads its leads over weeks). */
  at?: Date;
}

export interface LeadConflict {
  currentVersion: number;
  status: LeadStatus;
  /** The saves and transitions since the version the user started from: who, when, what. */
  changes: Array<{ action: string; actorName: string | null; occurredAt: Date; fields: LeadChangedField[] }>;
}

export type LeadSaveResult =
  | { ok: true; caseId: string; reference: string; version: number }
  /** Field errors by form name ("sites[0].districtCode"), as translation keys. */
  | { ok: false; reason: "invalid"; fieldErrors: Record<string, string[]> }
  | { ok: false; reason: "conflict"; conflict: LeadConflict }
  | { ok: false; reason: "not_editable"; status: LeadStatus };

const REFERENCE_TIME_ZONE = "Asia/Shanghai";

/** AC-<year>-<6 digits>, the year of opening in China time. */
export function formatReference(year: number, sequence: number): string {
  return `AC-${year}-${String(sequence).padStart(6, "0")}`;
}

function yearInChina(at: Date): number {
  return Number(new Intl.DateTimeFormat("en", { timeZone: REFERENCE_TIME_ZONE, year: "numeric" }).format(at));
}

// ---- Checks the schema cannot make (they need the division data or the database) ----

/**
 * The references a lead's form names, checked against the database: divisions in GB/T 2260, and a joint
 * operation that exists and had not ended on `day` (YYYY-MM-DD, the portal's time zone), unless the lead is
 * already under it (`currentOperationId`): see listJointOperations.
 */
async function referenceErrors(
  db: DbOrTx,
  input: LeadInput,
  day: string,
  currentOperationId: string | null = null,
): Promise<Record<string, string[]>> {
  const errors: Record<string, string[]> = {};
  const add = (name: string, key: string) => (errors[name] ??= []).push(key);
  const checkChain = (prefix: string, codes: Array<[string, string | undefined]>, finest: string | undefined, needCity: boolean) => {
    for (const [field, code] of codes) {
      if (code && !isKnownDivision(code)) add(`${prefix}.${field}`, "cases.validation.unknownDivision");
    }
    if (needCity && finest && isKnownDivision(finest) && !isSelectableDivision(finest)) {
      add(`${prefix}.${codes[1]![0]}`, "cases.validation.cityRequired");
    }
  };
  input.sites.forEach((site, index) =>
    checkChain(
      `sites[${index}]`,
      [
        ["provinceCode", site.provinceCode],
        ["cityCode", site.cityCode],
        ["districtCode", site.districtCode],
      ],
      pickedDivision(site),
      true,
    ),
  );
  input.logistics.forEach((row, index) =>
    checkChain(
      `logistics[${index}]`,
      [
        ["shipFromProvinceCode", row.shipFromProvinceCode],
        ["shipFromCityCode", row.shipFromCityCode],
        ["shipFromDistrictCode", row.shipFromDistrictCode],
      ],
      undefined,
      false,
    ),
  );
  if (input.jointOperationId) {
    const [operation] = await db
      .select({ id: jointOperations.id, endsOn: jointOperations.endsOn })
      .from(jointOperations)
      .where(eq(jointOperations.id, input.jointOperationId))
      .limit(1);
    if (!operation) add("jointOperationId", "validation.invalidChoice");
    else if (operation.id !== currentOperationId && operation.endsOn !== null && operation.endsOn < day) {
      add("jointOperationId", "cases.validation.operationEnded");
    }
  }
  return errors;
}

// ---- Rows ----

function caseColumns(input: LeadInput) {
  const first = input.sites[0];
  const divisionCode = first ? (pickedDivision(first) ?? null) : null;
  return {
    title: input.title,
    summary: input.summary,
    category: input.category,
    priority: input.priority,
    jointOperationId: input.jointOperationId ?? null,
    suspectedCharges: input.suspectedCharges,
    // Kept in step with the first site, so lists filter and group on one table.
    divisionCode,
    provinceCode: divisionCode ? provinceOf(divisionCode) : null,
    salesAmount: input.salesAmount ?? null,
    unsoldGoodsValue: input.unsoldGoodsValue ?? null,
    illegalBusinessVolume: input.illegalBusinessVolume ?? null,
    illegalGains: input.illegalGains ?? null,
  };
}

const collapse = (text: string) => text.replace(/\s+/g, " ").trim();

async function insertChildren(tx: Transaction, caseId: string, input: LeadInput): Promise<void> {
  const at = <T>(rows: T[]) => rows.map((row, position) => ({ ...row, caseId, position }));
  if (input.brands.length) await tx.insert(caseBrands).values(at(input.brands));
  if (input.sites.length) {
    await tx.insert(caseSites).values(
      at(
        input.sites.map((site) => ({
          type: site.type,
          // One spelling of an address, so the same address in two leads is found (cross-case links).
          address: collapse(site.address),
          divisionCode: pickedDivision(site)!,
          latitude: site.latitude === undefined ? null : site.latitude.toFixed(6),
          longitude: site.longitude === undefined ? null : site.longitude.toFixed(6),
          coordinateSystem: site.coordinateSystem ?? null,
          precisionMeters: site.precisionMeters ?? null,
          locationSource: site.locationSource,
          notes: site.notes,
        })),
      ),
    );
  }
  if (input.accounts.length) {
    await tx.insert(caseAccounts).values(
      at(
        input.accounts.map((account) => ({
          marketplace: account.marketplace,
          storeId: account.storeId,
          sellerId: account.sellerId,
          storeName: account.storeName,
          status: account.status,
          gmv: account.gmv ?? null,
          orders: account.orders ?? null,
          periodFrom: account.periodFrom ?? null,
          periodTo: account.periodTo ?? null,
          linkReasons: account.linkReasons,
        })),
      ),
    );
  }
  if (input.enterprises.length) await tx.insert(caseEnterprises).values(at(input.enterprises));
  if (input.persons.length) {
    await tx.insert(casePersons).values(
      at(input.persons.map((person) => ({ ...(person.id ? { id: person.id } : {}), role: person.role, name: person.name, idNumber: person.idNumber, phone: person.phone, notes: person.notes }))),
    );
  }
  if (input.logistics.length) {
    await tx.insert(caseLogistics).values(
      at(
        input.logistics.map((row) => ({
          courier: row.courier,
          waybillNo: row.waybillNo,
          shipFromAddress: collapse(row.shipFromAddress),
          shipFromDivisionCode: pickedDivision({ provinceCode: row.shipFromProvinceCode, cityCode: row.shipFromCityCode, districtCode: row.shipFromDistrictCode }) ?? null,
          dailyVolume: row.dailyVolume ?? null,
          notes: row.notes,
        })),
      ),
    );
  }
  if (input.testPurchases.length) {
    await tx.insert(caseTestPurchases).values(
      at(input.testPurchases.map((purchase) => ({ ...purchase, amount: purchase.amount ?? null, purchasedOn: purchase.purchasedOn ?? null }))),
    );
  }
}

async function deleteChildren(tx: Transaction, caseId: string): Promise<void> {
  for (const table of [caseBrands, caseSites, caseAccounts, caseEnterprises, casePersons, caseLogistics, caseTestPurchases]) {
    await tx.delete(table).where(eq(table.caseId, caseId));
  }
}

function counts(input: LeadSnapshot) {
  return {
    brands: input.brands.length,
    sites: input.sites.length,
    accounts: input.accounts.length,
    enterprises: input.enterprises.length,
    persons: input.persons.length,
    logistics: input.logistics.length,
    testPurchases: input.testPurchases.length,
  };
}

// ---- Create ----

export async function createLead(db: DbOrTx, viewer: Viewer, submitted: LeadInput, meta: LeadMeta): Promise<LeadSaveResult> {
  assertCan(viewer, "case.create");
  // A new lead has no stored persons: ids posted with it mean nothing.
  const input: LeadInput = { ...submitted, persons: submitted.persons.map((person) => ({ ...person, id: undefined })) };
  const at = meta.at ?? new Date();
  const fieldErrors = await referenceErrors(db, input, todayIn(env().timeZone, at));
  if (Object.keys(fieldErrors).length) return { ok: false, reason: "invalid", fieldErrors };
  return db.transaction(async (tx) => {
    const [sequence] = await queryRows<{ value: string | number }>(tx, sql`select nextval('case_reference_seq') as value`);
    const reference = formatReference(yearInChina(at), Number(sequence!.value));
    const [created] = await tx
      .insert(cases)
      .values({
        ...caseColumns(input),
        reference,
        status: "draft",
        platformOrganisationId: viewer.organisationId,
        createdBy: viewer.userId,
        createdAt: at,
        updatedAt: at,
      })
      .returning({ id: cases.id, version: cases.version });
    await insertChildren(tx, created!.id, input);
    await recordAudit(tx, {
      action: "case.created",
      actor: viewerActor(viewer),
      ip: meta.ip,
      entityType: "case",
      entityId: created!.id,
      caseId: created!.id,
      details: { reference, title: input.title, category: input.category, version: created!.version, counts: counts(input) },
    });
    return { ok: true as const, caseId: created!.id, reference, version: created!.version };
  });
}

// ---- Update ----

export async function updateLead(
  db: DbOrTx,
  viewer: Viewer,
  caseId: string,
  expectedVersion: number,
  input: LeadInput,
  meta: LeadMeta,
): Promise<LeadSaveResult> {
  assertCan(viewer, "case.edit");
  // Out of scope (or not a platform case of the viewer's organisation): 404 from the query.
  const stored = await requireCaseForViewer(db, viewer, caseId);
  const at = meta.at ?? new Date();
  const fieldErrors = await referenceErrors(db, input, todayIn(env().timeZone, at), stored.jointOperationId);
  if (Object.keys(fieldErrors).length) return { ok: false, reason: "invalid", fieldErrors };
  return db.transaction(async (tx): Promise<LeadSaveResult> => {
    const [current] = await tx
      .select()
      .from(cases)
      .where(and(eq(cases.id, caseId), caseScopeCondition(viewer)))
      .for("update")
      .limit(1);
    if (!current) throw notFound();
    if (current.version !== expectedVersion) {
      return { ok: false, reason: "conflict", conflict: await describeConflict(tx, current, expectedVersion) };
    }
    if (!isLeadEditable(current.status)) return { ok: false, reason: "not_editable", status: current.status };

    const before = await loadSnapshot(tx, current);
    const kept = reconcilePersons(viewer, input, before.persons);
    const diff = diffLeads(before, kept);
    const version = current.version + 1;
    await tx
      .update(cases)
      .set({ ...caseColumns(kept), version, updatedAt: at })
      .where(and(eq(cases.id, caseId), eq(cases.version, current.version)));
    await deleteChildren(tx, caseId);
    await insertChildren(tx, caseId, kept);
    await recordAudit(tx, {
      action: "case.lead_updated",
      actor: viewerActor(viewer),
      ip: meta.ip,
      entityType: "case",
      entityId: caseId,
      caseId,
      details: { reference: current.reference, fromVersion: current.version, version, changes: diff },
    });
    return { ok: true, caseId, reference: current.reference, version };
  });
}

/**
 * Person rows keep their id across saves (the form posts it back). An id that is not one of this lead's
 * persons is dropped (a crafted post cannot touch another case's rows). A viewer who sees masks cannot see
 * what is stored, so an identity number or phone left empty for an existing person means "unchanged",
 * never "erase".
 */
function reconcilePersons(viewer: Viewer, input: LeadInput, stored: LeadInput["persons"]): LeadInput {
  const byId = new Map(stored.map((person) => [person.id, person]));
  const seeMasks = !can(viewer, "case.view_personal_data");
  const used = new Set<string>();
  return {
    ...input,
    persons: input.persons.map((person) => {
      const previous = person.id && !used.has(person.id) ? byId.get(person.id) : undefined;
      if (!previous) return { ...person, id: undefined };
      used.add(previous.id!);
      if (!seeMasks) return person;
      return {
        ...person,
        idNumber: person.idNumber && !isMasked(person.idNumber) ? person.idNumber : previous.idNumber,
        phone: person.phone && !isMasked(person.phone) ? person.phone : previous.phone,
      };
    }),
  };
}

async function describeConflict(tx: Transaction, current: Case, expectedVersion: number): Promise<LeadConflict> {
  const events = await tx
    .select({
      action: auditEvents.action,
      occurredAt: auditEvents.occurredAt,
      details: auditEvents.details,
      actorName: users.displayName,
      actorLabel: auditEvents.actorLabel,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorUserId))
    .where(
      and(
        eq(auditEvents.caseId, current.id),
        eq(auditEvents.outcome, "success"),
        sql`${auditEvents.details} ? 'version'`,
        sql`(${auditEvents.details}->>'version')::int > ${expectedVersion}`,
      ),
    )
    .orderBy(asc(auditEvents.seq))
    .limit(50);
  return {
    currentVersion: current.version,
    status: current.status,
    changes: events.map((event) => {
      const details = event.details as { changes?: Parameters<typeof changedFields>[0] };
      return {
        action: event.action,
        actorName: event.actorName ?? event.actorLabel,
        occurredAt: event.occurredAt,
        fields: details.changes ? changedFields(details.changes) : [],
      };
    }),
  };
}

// ---- Read ----

interface ChildRows {
  brands: (typeof caseBrands.$inferSelect)[];
  sites: (typeof caseSites.$inferSelect)[];
  accounts: (typeof caseAccounts.$inferSelect)[];
  enterprises: (typeof caseEnterprises.$inferSelect)[];
  persons: (typeof casePersons.$inferSelect)[];
  logistics: (typeof caseLogistics.$inferSelect)[];
  testPurchases: (typeof caseTestPurchases.$inferSelect)[];
}

async function loadChildren(db: DbOrTx, caseId: string): Promise<ChildRows> {
  // One query at a time: PGlite serialises anyway, and a transaction handle must not run queries in parallel.
  const brands = await db.select().from(caseBrands).where(eq(caseBrands.caseId, caseId)).orderBy(asc(caseBrands.position));
  const sites = await db.select().from(caseSites).where(eq(caseSites.caseId, caseId)).orderBy(asc(caseSites.position));
  const accounts = await db.select().from(caseAccounts).where(eq(caseAccounts.caseId, caseId)).orderBy(asc(caseAccounts.position));
  const enterprises = await db.select().from(caseEnterprises).where(eq(caseEnterprises.caseId, caseId)).orderBy(asc(caseEnterprises.position));
  const persons = await db.select().from(casePersons).where(eq(casePersons.caseId, caseId)).orderBy(asc(casePersons.position));
  const logistics = await db.select().from(caseLogistics).where(eq(caseLogistics.caseId, caseId)).orderBy(asc(caseLogistics.position));
  const testPurchases = await db
    .select()
    .from(caseTestPurchases)
    .where(eq(caseTestPurchases.caseId, caseId))
    .orderBy(asc(caseTestPurchases.position));
  return { brands, sites, accounts, enterprises, persons, logistics, testPurchases };
}

const numberOrUndefined = (value: string | null) => (value === null ? undefined : Number(value));
const nullToUndefined = <T>(value: T | null) => (value === null ? undefined : value);

function splitDivision(code: string | null) {
  if (!code) return { provinceCode: undefined, cityCode: undefined, districtCode: undefined };
  const province = provinceOf(code);
  const city = `${code.slice(0, 4)}00`;
  return {
    provinceCode: province,
    cityCode: code === province ? undefined : city,
    districtCode: code === city || code === province ? undefined : code,
  };
}

/** The stored lead in the form's output shape, unmasked (for the diff; never sent to a page). */
async function loadSnapshot(tx: Transaction, current: Case): Promise<LeadInput> {
  const rows = await loadChildren(tx, current.id);
  return {
    title: current.title,
    summary: current.summary,
    category: current.category,
    priority: current.priority,
    jointOperationId: current.jointOperationId ?? undefined,
    suspectedCharges: current.suspectedCharges,
    salesAmount: nullToUndefined(current.salesAmount),
    unsoldGoodsValue: nullToUndefined(current.unsoldGoodsValue),
    illegalBusinessVolume: nullToUndefined(current.illegalBusinessVolume),
    illegalGains: nullToUndefined(current.illegalGains),
    brands: rows.brands.map(({ brand, rightsHolder, trademarkRegistrationNo }) => ({ brand, rightsHolder, trademarkRegistrationNo })),
    sites: rows.sites.map((site) => {
      const division = splitDivision(site.divisionCode);
      return {
        type: site.type,
        address: site.address,
        provinceCode: division.provinceCode!,
        cityCode: division.cityCode ?? "",
        districtCode: division.districtCode,
        latitude: numberOrUndefined(site.latitude),
        longitude: numberOrUndefined(site.longitude),
        coordinateSystem: nullToUndefined(site.coordinateSystem),
        precisionMeters: nullToUndefined(site.precisionMeters),
        locationSource: site.locationSource,
        notes: site.notes,
      };
    }),
    accounts: rows.accounts.map((account) => ({
      marketplace: account.marketplace,
      storeId: account.storeId,
      sellerId: account.sellerId,
      storeName: account.storeName,
      status: account.status,
      gmv: nullToUndefined(account.gmv),
      orders: nullToUndefined(account.orders),
      periodFrom: nullToUndefined(account.periodFrom),
      periodTo: nullToUndefined(account.periodTo),
      linkReasons: account.linkReasons as LeadInput["accounts"][number]["linkReasons"],
    })),
    enterprises: rows.enterprises.map(({ name, creditCode, role, address }) => ({ name, creditCode, role, address })),
    persons: rows.persons.map(({ id, role, name, idNumber, phone, notes }) => ({ id, role, name, idNumber, phone, notes })),
    logistics: rows.logistics.map((row) => {
      const division = splitDivision(row.shipFromDivisionCode);
      return {
        courier: row.courier,
        waybillNo: row.waybillNo,
        shipFromAddress: row.shipFromAddress,
        shipFromProvinceCode: division.provinceCode,
        shipFromCityCode: division.cityCode,
        shipFromDistrictCode: division.districtCode,
        dailyVolume: nullToUndefined(row.dailyVolume),
        notes: row.notes,
      };
    }),
    testPurchases: rows.testPurchases.map((purchase) => ({
      orderNo: purchase.orderNo,
      storeId: purchase.storeId,
      amount: nullToUndefined(purchase.amount),
      waybillNo: purchase.waybillNo,
      purchasedOn: nullToUndefined(purchase.purchasedOn),
      sampleDescription: purchase.sampleDescription,
      sampleLocation: purchase.sampleLocation,
      authenticationReport: purchase.authenticationReport,
    })),
  };
}

/**
 * The whole lead as this viewer may see it: through the scoped query (out of scope → 404), children in
 * their order, identity numbers and phones masked unless the viewer's role needs them.
 */
export async function getLeadForViewer(db: DbOrTx, viewer: Viewer, caseId: string): Promise<LeadDetail> {
  assertCan(viewer, "case.view");
  const row = await requireCaseForViewer(db, viewer, caseId);
  const rows = await loadChildren(db, row.id);
  const organisationIds = [row.platformOrganisationId, row.targetAgencyId].filter((id): id is string => Boolean(id));
  const userIds = [row.createdBy, row.reviewedBy].filter((id): id is string => Boolean(id));
  const orgs = await db
    .select({ id: organisations.id, nameZh: organisations.nameZh, nameEn: organisations.nameEn })
    .from(organisations)
    .where(inArray(organisations.id, organisationIds));
  const people = await db.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.id, userIds));
  const [operation] = row.jointOperationId
    ? await db
        .select({ id: jointOperations.id, code: jointOperations.code, nameZh: jointOperations.nameZh, nameEn: jointOperations.nameEn })
        .from(jointOperations)
        .where(eq(jointOperations.id, row.jointOperationId))
    : [];
  const [mou] = row.mouId
    ? await db
        .select({ id: mous.id, reference: mous.reference, titleZh: mous.titleZh, titleEn: mous.titleEn, decisionPeriodDays: mous.decisionPeriodDays })
        .from(mous)
        .where(eq(mous.id, row.mouId))
    : [];
  const organisation = (id: string | null) => orgs.find((each) => each.id === id) ?? null;
  const person = (id: string | null) => people.find((each) => each.id === id) ?? null;
  const masked = !can(viewer, "case.view_personal_data");

  return {
    case: {
      id: row.id,
      reference: row.reference,
      status: row.status,
      title: row.title,
      summary: row.summary,
      category: row.category,
      priority: row.priority,
      suspectedCharges: row.suspectedCharges,
      jointOperation: operation ?? null,
      provinceCode: row.provinceCode,
      divisionCode: row.divisionCode,
      version: row.version,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      approvedAt: row.approvedAt,
      submittedAt: row.submittedAt,
      decisionDueAt: row.decisionDueAt,
    },
    platform: organisation(row.platformOrganisationId) ?? { id: row.platformOrganisationId, nameZh: "", nameEn: "" },
    agency: organisation(row.targetAgencyId),
    mou: mou ?? null,
    author: person(row.createdBy) ?? { id: row.createdBy, displayName: "" },
    reviewer: person(row.reviewedBy),
    amounts: {
      salesAmount: row.salesAmount,
      unsoldGoodsValue: row.unsoldGoodsValue,
      illegalBusinessVolume: row.illegalBusinessVolume,
      illegalGains: row.illegalGains,
    },
    brands: rows.brands.map(({ brand, rightsHolder, trademarkRegistrationNo }) => ({ brand, rightsHolder, trademarkRegistrationNo })),
    sites: rows.sites.map((site) => ({
      type: site.type,
      address: site.address,
      divisionCode: site.divisionCode,
      divisionName: divisionFullName(site.divisionCode) ?? site.divisionCode,
      latitude: site.latitude,
      longitude: site.longitude,
      coordinateSystem: site.coordinateSystem,
      precisionMeters: site.precisionMeters,
      locationSource: site.locationSource,
      notes: site.notes,
    })),
    accounts: rows.accounts.map((account) => ({
      marketplace: account.marketplace,
      storeId: account.storeId,
      sellerId: account.sellerId,
      storeName: account.storeName,
      status: account.status,
      gmv: account.gmv,
      orders: account.orders,
      periodFrom: account.periodFrom,
      periodTo: account.periodTo,
      linkReasons: account.linkReasons as LeadDetail["accounts"][number]["linkReasons"],
    })),
    enterprises: rows.enterprises.map(({ name, creditCode, role, address }) => ({ name, creditCode, role, address })),
    persons: rows.persons.map((each) => ({
      id: each.id,
      role: each.role,
      name: each.name,
      idNumber: masked ? maskIdNumber(each.idNumber) : each.idNumber,
      phone: masked ? maskPhone(each.phone) : each.phone,
      notes: each.notes,
    })),
    personalDataMasked: masked,
    logistics: rows.logistics.map((each) => ({
      courier: each.courier,
      waybillNo: each.waybillNo,
      shipFromAddress: each.shipFromAddress,
      shipFromDivisionCode: each.shipFromDivisionCode,
      shipFromDivisionName: each.shipFromDivisionCode ? (divisionFullName(each.shipFromDivisionCode) ?? each.shipFromDivisionCode) : null,
      dailyVolume: each.dailyVolume,
      notes: each.notes,
    })),
    testPurchases: rows.testPurchases.map((purchase) => ({
      orderNo: purchase.orderNo,
      storeId: purchase.storeId,
      amount: purchase.amount,
      waybillNo: purchase.waybillNo,
      purchasedOn: purchase.purchasedOn,
      sampleDescription: purchase.sampleDescription,
      sampleLocation: purchase.sampleLocation,
      authenticationReport: purchase.authenticationReport,
    })),
  };
}

/** The joint operations a lead may name (the form's choices). */
/**
 * The joint operations the lead form offers: those that have not ended by `day` (the portal's today by
 * default), and the one the lead is already under (`keep`), ended or not, so that saving the lead keeps it.
 * Putting a lead under an operation after it ended is a platform lead's decision, taken on the operation's
 * own page (attachCase in joint-operations.server.ts); the lead form refuses it (referenceErrors).
 */
export async function listJointOperations(db: DbOrTx, options: { keep?: string | null; day?: string } = {}) {
  const day = options.day ?? todayIn(env().timeZone);
  const notEnded = or(isNull(jointOperations.endsOn), gte(jointOperations.endsOn, day))!;
  return db
    .select({ id: jointOperations.id, code: jointOperations.code, nameZh: jointOperations.nameZh, nameEn: jointOperations.nameEn })
    .from(jointOperations)
    .where(options.keep ? or(notEnded, eq(jointOperations.id, options.keep)) : notEnded)
    .orderBy(asc(jointOperations.startsOn));
}

import { and, eq, like, sql } from "drizzle-orm";
// db/seed first: db/seed and app/lib/db.server import each other; entered from the seed side, both finish
// loading before the domain modules run.
import { seedDemoWorld } from "./seed";
import { verifyAuditChain } from "../app/domain/audit.server";
import { isValidCreditCode } from "../app/domain/credit-code";
import { isKnownDivision } from "../app/domain/divisions.server";
import { isUuid } from "../app/lib/ids";
import { COASTAL_PROVINCES, SCALE_AGENCIES } from "./bulk-generate-data";
import { runScaleGeneration } from "./bulk-generate-run";
import {
  aliasBuckets,
  buildLookups,
  demoAgencies,
  ensureScaleAgencies,
  existingOperations,
  generateBulkBatch,
  type BulkGenerateOptions,
} from "./bulk-generate";
import { queryRows, type DbOrTx } from "./client";
import { auditEvents, cases, notifications, organisations, users } from "./schema";
import { DEMO_SETTLED_UNTIL } from "../e2e/demo-world";
import { DEMO_HISTORY } from "./seed-history";
import { createTestDatabase, testDatabaseEngine, type TestDatabase } from "./testing";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db, { password: "bulk-generate-password" });
}, 180_000);
afterAll(async () => {
  await database.destroy();
});

const HISTORY_ID = `${DEMO_HISTORY.idTag}-%`;

async function rows<Row extends Record<string, unknown>>(db: DbOrTx, query: ReturnType<typeof sql>): Promise<Row[]> {
  return queryRows<Row>(db, query);
}

async function single(db: DbOrTx, query: ReturnType<typeof sql>): Promise<number> {
  const [row] = await queryRows<{ value: string | number | null }>(db, query);
  return Number(row?.value ?? 0);
}

/** Every reference the generated tables make, checked set-based (the load skips the per-row FK triggers). */
async function danglingReferences(db: DbOrTx): Promise<Record<string, number>> {
  const checks: Record<string, ReturnType<typeof sql>> = {
    "cases.target_agency_id": sql`select count(*) as value from cases c where c.target_agency_id is not null and not exists (select 1 from organisations o where o.id = c.target_agency_id)`,
    "cases.mou_id": sql`select count(*) as value from cases c where c.mou_id is not null and not exists (select 1 from mous m where m.id = c.mou_id)`,
    "cases.created_by": sql`select count(*) as value from cases c where not exists (select 1 from users u where u.id = c.created_by)`,
    "cases.reviewed_by": sql`select count(*) as value from cases c where c.reviewed_by is not null and not exists (select 1 from users u where u.id = c.reviewed_by)`,
    "cases.joint_operation_id": sql`select count(*) as value from cases c where c.joint_operation_id is not null and not exists (select 1 from joint_operations j where j.id = c.joint_operation_id)`,
    "cases.platform_organisation_id": sql`select count(*) as value from cases c where not exists (select 1 from organisations o where o.id = c.platform_organisation_id)`,
    case_brands: sql`select count(*) as value from case_brands x where not exists (select 1 from cases c where c.id = x.case_id)`,
    case_sites: sql`select count(*) as value from case_sites x where not exists (select 1 from cases c where c.id = x.case_id)`,
    case_accounts: sql`select count(*) as value from case_accounts x where not exists (select 1 from cases c where c.id = x.case_id)`,
    case_enterprises: sql`select count(*) as value from case_enterprises x where not exists (select 1 from cases c where c.id = x.case_id)`,
    "case_referrals.case_id": sql`select count(*) as value from case_referrals x where not exists (select 1 from cases c where c.id = x.case_id)`,
    "case_referrals.agency": sql`select count(*) as value from case_referrals x where not exists (select 1 from organisations o where o.id = x.agency_id) or not exists (select 1 from mous m where m.id = x.mou_id and m.police_organisation_id = x.agency_id)`,
    "case_referrals.people": sql`select count(*) as value from case_referrals x where not exists (select 1 from users u where u.id = x.submitted_by) or (x.decided_by is not null and not exists (select 1 from users u where u.id = x.decided_by))`,
    raids: sql`select count(*) as value from raids x where not exists (select 1 from cases c where c.id = x.case_id) or not exists (select 1 from users u where u.id = x.created_by)`,
    raid_sites: sql`select count(*) as value from raid_sites x where not exists (select 1 from raids r where r.id = x.raid_id) or (x.case_site_id is not null and not exists (select 1 from case_sites s join raids r on r.case_id = s.case_id where s.id = x.case_site_id and r.id = x.raid_id))`,
    seizures: sql`select count(*) as value from seizures x where not exists (select 1 from raids r where r.id = x.raid_id and r.case_id = x.case_id)`,
    case_outcomes: sql`select count(*) as value from case_outcomes x where not exists (select 1 from cases c where c.id = x.case_id) or (x.updated_by is not null and not exists (select 1 from users u where u.id = x.updated_by))`,
    platform_actions: sql`select count(*) as value from platform_actions x where not exists (select 1 from cases c where c.id = x.case_id) or (x.case_account_id is not null and not exists (select 1 from case_accounts a where a.id = x.case_account_id and a.case_id = x.case_id and a.store_id = x.store_id))`,
  };
  const result: Record<string, number> = {};
  for (const [name, query] of Object.entries(checks)) result[name] = await single(db, query);
  return result;
}

/** The figures a dashboard would show, over the cases whose id starts with `tag`. */
async function figures(db: DbOrTx, tag: string) {
  const prefix = `${tag}-%`;
  const [row] = await rows<Record<string, string | number>>(
    db,
    sql`select
      (select count(*) from cases where id::text like ${prefix}) as cases,
      (select string_agg(status || ':' || n, ',' order by status) from (select status, count(*) as n from cases where id::text like ${prefix} group by status) s) as statuses,
      (select string_agg(province_code || ':' || n, ',' order by province_code) from (select province_code, count(*) as n from cases where id::text like ${prefix} group by province_code) s) as provinces,
      (select coalesce(sum(value_yuan), 0)::text from seizures where id::text like ${prefix}) as seized,
      (select coalesce(sum(detained), 0) from case_outcomes o join cases c on c.id = o.case_id where c.id::text like ${prefix}) as detained,
      (select count(*) from platform_actions where id::text like ${prefix} and kind = 'store_closed') as stores_closed,
      (select md5(string_agg(reference || title || created_at::text, '|' order by id)) from cases where id::text like ${prefix}) as digest`,
  );
  return row!;
}

describe(`the demo world's history (${testDatabaseEngine()})`, () => {
  it("adds 1,500 referred cases created December 2024 … September 2026, before every demo case the specs open", async () => {
    const db = database.db;
    expect(await single(db, sql`select count(*) as value from cases where id::text like ${HISTORY_ID}`)).toBe(DEMO_HISTORY.cases);
    const [span] = await rows<{ first: string; last: string; submitted: string }>(
      db,
      sql`select to_char(min(created_at) at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as first,
                 to_char(max(created_at) at time zone 'Asia/Shanghai', 'YYYY-MM-DD') as last,
                 max(submitted_at)::text as submitted
          from cases where id::text like ${HISTORY_ID}`,
    );
    expect(span!.first.startsWith("2024-12")).toBe(true);
    expect(span!.last.startsWith("2026-09")).toBe(true);
    expect(new Date(span!.submitted).getTime()).toBeLessThan(Date.parse("2026-10-01T00:00:00+08:00"));
    // The oldest demo case a spec opens from the case list (AC-2026-000001) is newer than the whole history.
    const [oldestDemo] = await db.select({ createdAt: cases.createdAt }).from(cases).where(eq(cases.reference, "AC-2026-000001"));
    expect(
      await single(db, sql`select count(*) as value from cases where id::text like ${HISTORY_ID} and created_at >= ${oldestDemo!.createdAt.toISOString()}::timestamptz`),
    ).toBe(0);
    // The e2e statistics specs read figures "up to DEMO_SETTLED_UNTIL" as ones no other spec can move: every
    // case referred by that day (Beijing time) is a closed history case, and most of the history is.
    const [settled] = await rows<{ history: string; others: string }>(
      db,
      sql`select count(*) filter (where case_id::text like ${HISTORY_ID}) as history,
                 count(*) filter (where case_id::text not like ${HISTORY_ID}) as others
          from stats_case_facts where referred_on <= ${DEMO_SETTLED_UNTIL}::date`,
    );
    expect(Number(settled!.others), "live demo cases referred by the settled day").toBe(0);
    expect(Number(settled!.history)).toBeGreaterThan(DEMO_HISTORY.cases / 2);
  });

  it("ends every history case closed or withdrawn, every referral decided, with nothing in an inbox, a queue or the bell", async () => {
    const db = database.db;
    const statuses = await rows<{ status: string }>(
      db,
      sql`select distinct status::text as status from cases where id::text like ${HISTORY_ID} order by 1`,
    );
    expect(statuses.map((row) => row.status)).toEqual(["closed", "withdrawn"]);
    expect(
      await single(
        db,
        sql`select count(*) as value from case_referrals r join cases c on c.id = r.case_id where c.id::text like ${HISTORY_ID} and r.decided_at is null`,
      ),
    ).toBe(0);
    expect(
      await single(db, sql`select count(*) as value from case_referrals r join cases c on c.id = r.case_id where c.id::text like ${HISTORY_ID}`),
    ).toBeGreaterThan(DEMO_HISTORY.cases);
    const historyNotifications = await db
      .select({ id: notifications.id })
      .from(notifications)
      .where(like(sql`${notifications.caseId}::text`, HISTORY_ID));
    expect(historyNotifications).toHaveLength(0);
    // Declined referrals carry their reason; some cases were declined and then withdrawn or re-referred.
    expect(
      await single(
        db,
        sql`select count(*) as value from case_referrals r join cases c on c.id = r.case_id where c.id::text like ${HISTORY_ID} and r.decision = 'declined' and (r.decline_reason is null or r.decision_note = '')`,
      ),
    ).toBe(0);
    expect(
      await single(
        db,
        sql`select count(*) as value from case_referrals r join cases c on c.id = r.case_id where c.id::text like ${HISTORY_ID} and r.decision = 'declined'`,
      ),
    ).toBeGreaterThan(100);
    // Realistic hours: most decisions within the three days, a few late.
    const [hours] = await rows<{ median: number; late: number }>(
      db,
      sql`select percentile_cont(0.5) within group (order by extract(epoch from decided_at - submitted_at) / 3600) as median,
                 avg(case when decided_at > decision_due_at then 1.0 else 0 end) as late
          from case_referrals r where r.case_id::text like ${HISTORY_ID}`,
    );
    expect(Number(hours!.median)).toBeGreaterThan(6);
    expect(Number(hours!.median)).toBeLessThan(48);
    expect(Number(hours!.late)).toBeGreaterThan(0.03);
    expect(Number(hours!.late)).toBeLessThan(0.3);
  });

  it("refers only to the demo agencies, within their MOU's scope, with a site in the MOU's territory", async () => {
    const db = database.db;
    const agencies = await rows<{ code: string }>(
      db,
      sql`select distinct o.code from cases c join organisations o on o.id = c.target_agency_id where c.id::text like ${HISTORY_ID} order by 1`,
    );
    expect(agencies.map((row) => row.code)).toEqual(["guangzhou-psb", "jinhua-psb", "putian-psb"]);
    expect(
      await single(
        db,
        sql`select count(*) as value from cases c join mous m on m.id = c.mou_id
            where c.id::text like ${HISTORY_ID}
              and (not (c.category = any(m.scope_categories)) or m.police_organisation_id <> c.target_agency_id
                   or not exists (select 1 from case_sites s where s.case_id = c.id and left(s.division_code, 4) = left(m.territory_division_codes[1], 4)))`,
      ),
    ).toBe(0);
    // The platform's own demo people did the platform's part.
    const [people] = await db.select({ id: users.id }).from(users).where(eq(users.email, "investigator@platform.demo"));
    expect(await single(db, sql`select count(*) as value from cases where id::text like ${HISTORY_ID} and created_by <> ${people!.id}`)).toBe(0);
  });

  it("numbers the history from case_reference_seq without collisions, so the next lead gets a new number", async () => {
    const db = database.db;
    const [seq] = await rows<{ last: string | number }>(db, sql`select last_value as last from case_reference_seq`);
    const [max] = await rows<{ value: string | number }>(db, sql`select max(split_part(reference, '-', 3)::int) as value from cases`);
    expect(Number(seq!.last)).toBeGreaterThanOrEqual(Number(max!.value));
    expect(Number(max!.value)).toBe(20 + DEMO_HISTORY.cases);
    expect(
      await single(db, sql`select count(*) as value from cases where id::text like ${HISTORY_ID} and reference !~ '^AC-20(24|25|26)-[0-9]{6}$'`),
    ).toBe(0);
    // The year in the reference is the year of opening (China time).
    expect(
      await single(
        db,
        sql`select count(*) as value from cases where id::text like ${HISTORY_ID} and substr(reference, 4, 4) <> to_char(created_at at time zone 'Asia/Shanghai', 'YYYY')`,
      ),
    ).toBe(0);
  });

  it("writes one audit record for the whole import, and the chain stays intact", async () => {
    const db = database.db;
    const imported = await db.select().from(auditEvents).where(eq(auditEvents.action, "system.history_imported"));
    expect(imported).toHaveLength(1);
    expect(imported[0]!.details).toMatchObject({ cases: DEMO_HISTORY.cases, seed: DEMO_HISTORY.seed });
    expect(await single(db, sql`select count(*) as value from audit_events where case_id::text like ${HISTORY_ID}`)).toBe(0);
    const chain = await verifyAuditChain(db);
    expect(chain.intact).toBe(true);
  });

  it("attaches a share of the 2026 history to the demo joint operations, only within each operation's period", async () => {
    const db = database.db;
    const attached = await single(db, sql`select count(*) as value from cases where id::text like ${HISTORY_ID} and joint_operation_id is not null`);
    expect(attached).toBeGreaterThan(50);
    expect(
      await single(
        db,
        sql`select count(*) as value from cases c join joint_operations j on j.id = c.joint_operation_id
            where c.id::text like ${HISTORY_ID}
              and ((c.created_at at time zone 'Asia/Shanghai')::date < j.starts_on or (c.created_at at time zone 'Asia/Shanghai')::date > coalesce(j.ends_on, '9999-12-31'))`,
      ),
    ).toBe(0);
  });

  it("leaves no dangling reference, valid credit codes and division codes, and a timeline in order", async () => {
    const db = database.db;
    const dangling = await danglingReferences(db);
    expect(Object.entries(dangling).filter(([, count]) => count > 0)).toEqual([]);
    const codes = await rows<{ credit_code: string }>(db, sql`select credit_code from case_enterprises where id::text like ${HISTORY_ID}`);
    expect(codes.length).toBeGreaterThan(500);
    expect(codes.filter((row) => !isValidCreditCode(row.credit_code))).toEqual([]);
    const divisions = await rows<{ division_code: string }>(db, sql`select distinct division_code from case_sites where id::text like ${HISTORY_ID}`);
    expect(divisions.filter((row) => !isKnownDivision(row.division_code))).toEqual([]);
    const ids = await rows<{ id: string }>(db, sql`select id::text as id from cases where id::text like ${HISTORY_ID} limit 50`);
    expect(ids.every((row) => isUuid(row.id))).toBe(true);
    expect(
      await single(
        db,
        sql`select count(*) as value from cases c
            where c.id::text like ${HISTORY_ID}
              and (c.approved_at < c.created_at or c.submitted_at < c.approved_at or c.updated_at < c.created_at
                   or exists (select 1 from case_referrals r where r.case_id = c.id and (r.decided_at < r.submitted_at or r.submitted_at < c.approved_at))
                   or exists (select 1 from raids r where r.case_id = c.id and r.raided_at < c.submitted_at)
                   or exists (select 1 from case_outcomes o where o.case_id = c.id and o.closed_at < c.submitted_at))`,
      ),
    ).toBe(0);
  });
});

describe(`the bulk generator at small scale (${testDatabaseEngine()})`, () => {
  async function scaleOptions(db: DbOrTx, seed: number, idTag: string, total: number): Promise<BulkGenerateOptions> {
    const [platform] = await db.select().from(organisations).where(eq(organisations.code, "platform-ip"));
    const people = await db.select().from(users);
    const userId = (email: string) => people.find((person) => person.email === email)!.id;
    const agencies = await ensureScaleAgencies(db, {
      platformOrganisationId: platform!.id,
      adminId: userId("admin@platform.demo"),
      signedOn: "2024-01-01",
    });
    return {
      total,
      seed,
      fromDay: "2024-11-01",
      toDay: "2026-10-31",
      asOf: new Date("2026-11-08T00:00:00Z"),
      terminalOnly: false,
      platformOrganisationId: platform!.id,
      investigatorId: userId("investigator@platform.demo"),
      leadId: userId("lead@platform.demo"),
      agencies: [
        ...(await demoAgencies(db, ["putian-psb"], { "putian-psb": { decider: "supervisor@putian.demo", officer: "officer@putian.demo" } })),
        ...agencies,
      ],
      operations: await existingOperations(db),
      operationShare: 0.3,
      idTag,
      referenceStart: 900_000,
    };
  }

  /** Generates in two batches inside a transaction, reads what it wants, and rolls back. */
  async function generateAndRead<T>(seed: number, idTag: string, total: number, read: (tx: DbOrTx) => Promise<T>): Promise<T> {
    let result: T | undefined;
    await database.db
      .transaction(async (tx) => {
        const options = await scaleOptions(tx, seed, idTag, total);
        const lookups = buildLookups(options.agencies);
        const half = Math.floor(total / 2);
        await generateBulkBatch(tx, options, lookups, 0, half);
        await generateBulkBatch(tx, options, lookups, half, total);
        result = await read(tx);
        throw new RollBack();
      })
      .catch((error: unknown) => {
        if (!(error instanceof RollBack)) throw error;
      });
    return result!;
  }
  class RollBack extends Error {}

  it("puts most gangs in the five coastal provinces, each making its speciality, with a realistic funnel", async () => {
    const observed = await generateAndRead(7, "a0000007", 4_000, async (tx) => {
      const coastal = await single(
        tx,
        sql`select avg(case when province_code in (${sql.join(
          COASTAL_PROVINCES.map((code) => sql`${code}`),
          sql`, `,
        )}) then 1.0 else 0 end) as value from cases where id::text like 'a0000007-%'`,
      );
      const specialities = await rows<{ province_code: string; category: string }>(
        tx,
        sql`select distinct on (province_code) province_code, category::text as category
            from (select province_code, category, count(*) as n from cases where id::text like 'a0000007-%' group by 1, 2) s
            order by province_code, n desc`,
      );
      const statuses = await rows<{ status: string; n: string | number }>(
        tx,
        sql`select status::text as status, count(*) as n from cases where id::text like 'a0000007-%' group by 1`,
      );
      const agencies = await single(tx, sql`select count(distinct target_agency_id) as value from cases where id::text like 'a0000007-%'`);
      const undecided = await single(tx, sql`select count(*) as value from case_referrals where id::text like 'a0000007-%' and decided_at is null`);
      const dangling = await danglingReferences(tx);
      const seized = await single(tx, sql`select sum(value_yuan) as value from seizures where id::text like 'a0000007-%'`);
      return { coastal, specialities, statuses, agencies, undecided, dangling, seized };
    });
    expect(observed.coastal).toBeGreaterThanOrEqual(0.55);
    const speciality = new Map(observed.specialities.map((row) => [row.province_code, row.category]));
    expect(speciality.get("440000")).toBe("digital_accessories");
    expect(speciality.get("350000")).toBe("footwear_apparel");
    expect(speciality.get("330000")).toBe("footwear_apparel");
    expect(speciality.get("320000")).toBe("footwear_apparel");
    expect(speciality.get("370000")).toBe("luggage_leather");
    const share = (status: string) => Number(observed.statuses.find((row) => row.status === status)?.n ?? 0) / 4_000;
    // Mostly terminal; prosecution and investigation under way for the younger cases; nothing undecided.
    expect(share("closed") + share("declined") + share("withdrawn") + share("prosecution")).toBeGreaterThan(0.7);
    expect(share("closed")).toBeGreaterThan(0.4);
    expect(share("declined") + share("withdrawn")).toBeGreaterThan(0.05);
    expect(share("prosecution")).toBeGreaterThan(0.03);
    expect(share("submitted")).toBe(0);
    expect(observed.undecided).toBe(0);
    expect(observed.agencies).toBeGreaterThan(40);
    expect(observed.seized).toBeGreaterThan(0);
    expect(Object.entries(observed.dangling).filter(([, count]) => count > 0)).toEqual([]);
  }, 120_000);

  it("gives the same data set for the same seed, and another for another seed", async () => {
    const first = await generateAndRead(11, "a0000011", 1_000, (tx) => figures(tx, "a0000011"));
    const again = await generateAndRead(11, "a0000011", 1_000, (tx) => figures(tx, "a0000011"));
    const other = await generateAndRead(12, "a0000011", 1_000, (tx) => figures(tx, "a0000011"));
    expect(Number(first.cases)).toBe(1_000);
    expect(again).toEqual(first);
    expect(other.digest).not.toBe(first.digest);
    expect(other.seized).not.toBe(first.seized);
  }, 180_000);

  it("runs a whole scale run in batches: agencies with MOUs, one audit record, the statistics rebuilt", async () => {
    const report = await runScaleGeneration(database.db, { count: 1_200, seed: 3, batchSize: 500, asOf: new Date("2026-11-08T00:00:00Z") });
    expect(report.counts.cases).toBe(1_200);
    expect(report.agencies).toBeGreaterThan(60);
    expect(report.phases.map((phase) => phase.phase)).toEqual([
      "agencies and operations",
      "cases and their records",
      "audit record",
      "statistics rebuilt",
      "analyze",
    ]);
    const scaleAgencies = await single(
      database.db,
      sql`select count(*) as value from organisations o join mous m on m.police_organisation_id = o.id where o.code like 'scale-%'`,
    );
    expect(scaleAgencies).toBe(SCALE_AGENCIES.length);
    const imported = await database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "system.history_imported")));
    expect(imported.map((event) => (event.details as { cases: number }).cases).sort((a, b) => a - b)).toEqual([1_200, DEMO_HISTORY.cases]);
    expect((await verifyAuditChain(database.db)).intact).toBe(true);
    const facts = await single(database.db, sql`select count(*) as value from stats_case_facts`);
    expect(facts).toBeGreaterThanOrEqual(1_200 + DEMO_HISTORY.cases);
  }, 120_000);
});

describe("alias buckets", () => {
  it("rounds weights to buckets in proportion, every bucket filled", () => {
    const buckets = aliasBuckets([63, 37], 100);
    expect(buckets).toHaveLength(100);
    expect(buckets.filter((index) => index === 0)).toHaveLength(63);
    expect(aliasBuckets([1, 1, 1], 100).filter((index) => index === 2)).toHaveLength(33);
  });
});

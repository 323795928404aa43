import { eq } from "drizzle-orm";
import { mous } from "../../db/schema";
import { seedDemoWorld } from "../../db/seed";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { insertLead, viewerFor } from "./case-workflow.testing";
import { routeLead, verdictForAgency } from "./mou-routing.server";
import type { Viewer } from "./policy";

let database: TestDatabase;
let investigator: Viewer;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db, { password: "routing-test-password" });
  investigator = await viewerFor(database.db, "investigator@platform.demo");
});
afterAll(async () => {
  await database.destroy();
});

const byCode = (verdicts: Awaited<ReturnType<typeof routeLead>>) =>
  Object.fromEntries(verdicts.map((verdict) => [verdict.agency.code, verdict]));

describe("routing against the demo MOUs", () => {
  it("offers Putian for a footwear lead in Xiuyu district, and says why not the others", async () => {
    const lead = await insertLead(database.db, investigator, { category: "footwear_apparel", divisions: ["350305"] });
    const verdicts = await routeLead(database.db, lead);
    expect(verdicts.map((verdict) => verdict.agency.code)).toEqual(["putian-psb", "guangzhou-psb", "jinhua-psb"]);
    const { "putian-psb": putian, "guangzhou-psb": guangzhou, "jinhua-psb": jinhua } = byCode(verdicts);

    expect(putian).toMatchObject({ eligible: true, problems: [], mou: { reference: "MOU-PT-2016-01", decisionPeriodDays: 3 } });
    // Guangzhou's MOU covers footwear but not Putian.
    expect(guangzhou!.eligible).toBe(false);
    expect(guangzhou!.problems).toEqual([
      {
        code: "no_site_in_territory",
        mouReference: "MOU-GZ-2023-02",
        territory: [{ code: "440100", name: "广东省广州市" }],
        sites: [{ code: "350305", name: "福建省莆田市秀屿区" }],
      },
    ]);
    // Jinhua's MOU has expired (45 days before seeding); its territory does not fit either.
    expect(jinhua!.eligible).toBe(false);
    expect(jinhua!.problems[0]).toMatchObject({ code: "expired", mouReference: "MOU-JH-2021-01" });
    expect(jinhua!.problems.map((problem) => problem.code)).toEqual(["expired", "no_site_in_territory"]);
  });

  it("refuses Guangzhou for a category outside its scope, naming the scope", async () => {
    const lead = await insertLead(database.db, investigator, { category: "auto_parts", divisions: ["440106"] });
    const guangzhou = byCode(await routeLead(database.db, lead))["guangzhou-psb"]!;
    expect(guangzhou.eligible).toBe(false);
    expect(guangzhou.problems).toEqual([
      {
        code: "category_out_of_scope",
        mouReference: "MOU-GZ-2023-02",
        category: "auto_parts",
        scope: ["digital_accessories", "cosmetics", "footwear_apparel"],
      },
    ]);
  });

  it("offers Guangzhou for digital accessories made in Tianhe, and refuses Putian on both counts", async () => {
    const lead = await insertLead(database.db, investigator, { category: "digital_accessories", divisions: ["440106"] });
    const verdicts = byCode(await routeLead(database.db, lead));
    expect(verdicts["guangzhou-psb"]!.eligible).toBe(true);
    expect(verdicts["putian-psb"]!.problems.map((problem) => problem.code)).toEqual([
      "category_out_of_scope",
      "no_site_in_territory",
    ]);
  });

  it("judges the MOU period on the given day: not yet in force, ended, and open-ended", async () => {
    const lead = await insertLead(database.db, investigator);
    const putianId = byCode(await routeLead(database.db, lead))["putian-psb"]!.agency.id;
    const [putianMou] = await database.db.select().from(mous).where(eq(mous.reference, "MOU-PT-2016-01"));
    try {
      await database.db.update(mous).set({ effectiveFrom: "2099-01-01" }).where(eq(mous.id, putianMou!.id));
      expect((await verdictForAgency(database.db, lead, putianId))!.problems).toEqual([
        { code: "not_yet_in_force", mouReference: "MOU-PT-2016-01", effectiveFrom: "2099-01-01" },
      ]);

      await database.db
        .update(mous)
        .set({ effectiveFrom: putianMou!.effectiveFrom, effectiveUntil: null, endedAt: new Date("2026-06-30T04:00:00Z"), endedReason: "superseded" })
        .where(eq(mous.id, putianMou!.id));
      expect((await verdictForAgency(database.db, lead, putianId, { at: new Date("2026-11-22T04:00:00Z") }))!.problems).toEqual([
        { code: "ended", mouReference: "MOU-PT-2016-01", endedOn: "2026-06-30", endedReason: "superseded" },
      ]);
      // Open-ended and not ended, it allows the referral.
      await database.db.update(mous).set({ endedAt: null, endedReason: null }).where(eq(mous.id, putianMou!.id));
      expect((await verdictForAgency(database.db, lead, putianId))!.eligible).toBe(true);
    } finally {
      await database.db.update(mous).set(putianMou!).where(eq(mous.id, putianMou!.id));
    }
  });

  it("knows nothing of an agency that is not a police agency of the partnership", async () => {
    const lead = await insertLead(database.db, investigator);
    expect(await verdictForAgency(database.db, lead, investigator.organisationId)).toBeNull();
  });
});

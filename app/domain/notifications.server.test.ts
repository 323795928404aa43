import { eq } from "drizzle-orm";
import { closureReason, declineReason, notifications, outboxMessages, users } from "../../db/schema";
import { seedDemoWorld } from "../../db/seed";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { createI18n, SUPPORTED_LOCALES } from "~/lib/i18n";
import { useDatabaseForTesting } from "~/lib/db.server";
import { setMailSenderForTesting, type MailMessage } from "~/lib/mail.server";
import { demoViewers, notificationsOf, outboxOf, referredCase, type DemoViewers } from "./collaboration.testing";
import { deliverNotificationEmails } from "./notification-emails.server";
import {
  NOTIFICATION_KINDS,
  notificationText,
  PLATFORM_ACTION_KINDS,
  PLATFORM_UPDATE_EVENTS,
  POLICE_UPDATE_EVENTS,
  REFERRAL_DECISIONS,
  safeNotificationLink,
} from "./notifications";
import {
  countUnreadNotifications,
  listNotifications,
  markAllNotificationsRead,
  notifyUsers,
  notifyUsersWithEmail,
  NOTIFICATIONS_PAGE_SIZE,
  openNotification,
  requireOwnNotification,
  UNREAD_COUNT_CAP,
} from "./notifications.server";

let database: TestDatabase;
let viewers: DemoViewers;
const db = () => database.db;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db, { password: "notifications-test-password" });
  viewers = await demoViewers(database.db);
  useDatabaseForTesting(database);
});
afterAll(async () => {
  setMailSenderForTesting(undefined);
  await database.destroy();
});

async function thrownStatus(promise: Promise<unknown>): Promise<number | "resolved"> {
  try {
    await promise;
    return "resolved";
  } catch (thrown) {
    if (thrown instanceof Response) return thrown.status;
    throw thrown;
  }
}

describe("the text of every notification", () => {
  /** Every kind with every variant its params can select, with and without the optional params. */
  const cases: { kind: string; params: Record<string, string> }[] = [
    ...NOTIFICATION_KINDS.flatMap((kind): { kind: string; params: Record<string, string> }[] => [
      { kind, params: {} },
      { kind, params: { dueAt: "2026-03-02T10:00:00Z", agencyNameZh: "莆田市公安局", agencyNameEn: "Putian PSB", organisationNameZh: "平台", organisationNameEn: "Platform" } },
    ]),
    ...[...REFERRAL_DECISIONS, "something_else"].map((decision) => ({ kind: "referral_decided", params: { decision } })),
    ...[...POLICE_UPDATE_EVENTS, "unheard.of"].map((event) => ({ kind: "police_update", params: { event } })),
    ...[...PLATFORM_UPDATE_EVENTS, "unheard.of"].map((event) => ({ kind: "platform_update", params: { event } })),
    ...declineReason.enumValues.map((reasonCode) => ({ kind: "referral_decided", params: { decision: "declined", reasonCode } })),
    ...closureReason.enumValues.flatMap((reasonCode) => [
      { kind: "police_update", params: { event: "close", reasonCode } },
      { kind: "police_update", params: { event: "case.closed", reasonCode } },
    ]),
    ...PLATFORM_ACTION_KINDS.map((actionKind) => ({ kind: "platform_update", params: { event: "platform_action.recorded", actionKind } })),
    { kind: "assigned", params: { lead: "1" } },
    { kind: "referral_decided", params: { decision: "declined", reasonCode: "not_a_reason" } },
    { kind: "not_a_kind", params: {} },
  ];

  for (const locale of SUPPORTED_LOCALES) {
    it(`reads as a sentence in ${locale}, with the reference and no missing key or placeholder`, () => {
      const { t } = createI18n(locale);
      const other = createI18n(locale === "en" ? "zh-CN" : "en").t;
      for (const { kind, params } of cases) {
        const sentence = notificationText(t, locale, "Asia/Shanghai", { kind, params, reference: "AC-2026-000014" });
        expect(sentence, `${kind} ${JSON.stringify(params)}`).toContain("AC-2026-000014");
        expect(sentence, `${kind} ${JSON.stringify(params)}`).not.toMatch(/collaboration\.|\{\{|\}\}/);
        // Really in this language (the other language's dictionary gives a different sentence).
        expect(sentence).not.toBe(notificationText(other, locale === "en" ? "zh-CN" : "en", "Asia/Shanghai", { kind, params, reference: "AC-2026-000014" }));
      }
    });
  }

  it("names the decision, the agency and the due time in the reader's language and time zone", () => {
    const en = createI18n("en").t;
    const zh = createI18n("zh-CN").t;
    const params = { decision: "declined", agencyNameZh: "莆田市公安局", agencyNameEn: "Putian Municipal PSB" };
    expect(notificationText(en, "en", "Asia/Shanghai", { kind: "referral_decided", params, reference: "AC-1" })).toBe(
      "Putian Municipal PSB declined AC-1.",
    );
    expect(notificationText(zh, "zh-CN", "Asia/Shanghai", { kind: "referral_decided", params, reference: "AC-1" })).toBe(
      "莆田市公安局不予受理案件 AC-1。",
    );
    expect(notificationText(en, "en", "Asia/Shanghai", { kind: "referral_decided", params: { ...params, reasonCode: "outside_jurisdiction" }, reference: "AC-1" })).toBe(
      "Putian Municipal PSB declined AC-1: Outside our jurisdiction.",
    );
    expect(notificationText(zh, "zh-CN", "Asia/Shanghai", { kind: "platform_update", params: { event: "platform_action.recorded", actionKind: "store_closed" }, reference: "AC-1" })).toBe(
      "平台已关闭与案件 AC-1 关联的一家店铺。",
    );
    expect(
      notificationText(zh, "zh-CN", "Asia/Shanghai", { kind: "decision_due_soon", params: { dueAt: "2026-03-02T10:00:00Z" }, reference: "AC-1" }),
    ).toContain("2026/03/02 18:00");
  });

  it("follows only paths inside the portal", () => {
    expect(safeNotificationLink("/cases/1")).toBe("/cases/1");
    for (const bad of ["https://evil.example/", "//evil.example/", "/\\evil.example", "", null]) {
      expect(safeNotificationLink(bad)).toBe("/notifications");
    }
  });
});

describe("notifyUsers", () => {
  it("writes one row per recipient, never to the actor or a deactivated account, and an e-mail in each recipient's language", async () => {
    const caseRow = await referredCase(db(), viewers);
    await db().update(users).set({ preferredLocale: "en" }).where(eq(users.id, viewers.officer.userId));
    await db().update(users).set({ preferredLocale: null }).where(eq(users.id, viewers.supervisor.userId));
    await db().update(users).set({ deactivatedAt: new Date() }).where(eq(users.id, viewers.guangzhouOfficer.userId));
    try {
      const before = { officer: (await outboxOf(db(), viewers.officer.userId)).length, supervisor: (await outboxOf(db(), viewers.supervisor.userId)).length };
      const count = await db().transaction((tx) =>
        notifyUsers(tx, {
          recipients: [viewers.officer.userId, viewers.supervisor.userId, viewers.officer.userId, viewers.investigator.userId, viewers.guangzhouOfficer.userId],
          kind: "request_received",
          caseId: caseRow.id,
          actorUserId: viewers.investigator.userId,
          params: { subject: "请提供涉案店铺的发货记录（张三 13800138000）", organisationNameZh: "平台知识产权保护部", organisationNameEn: "Platform IP team" },
          link: `/cases/${caseRow.id}/requests`,
        }),
      );
      expect(count).toBe(2);
      expect(await notificationsOf(db(), viewers.officer.userId, caseRow.id)).toHaveLength(1);
      expect(await notificationsOf(db(), viewers.investigator.userId, caseRow.id)).toHaveLength(0);
      expect(await notificationsOf(db(), viewers.guangzhouOfficer.userId, caseRow.id)).toHaveLength(0);

      const officerMail = (await outboxOf(db(), viewers.officer.userId)).slice(before.officer);
      const supervisorMail = (await outboxOf(db(), viewers.supervisor.userId)).slice(before.supervisor);
      expect(officerMail).toHaveLength(1);
      expect(supervisorMail).toHaveLength(1);
      expect(officerMail[0]).toMatchObject({ kind: "notification.request_received", toAddress: "officer@putian.demo", sentAt: null });
      expect(officerMail[0]!.subject).toBe(`[AC Portal] Platform IP team asks for information on ${caseRow.reference}.`);
      expect(officerMail[0]!.bodyText).toContain(`/cases/${caseRow.id}/requests`);
      expect(officerMail[0]!.bodyText).toMatch(/^Hello 黄建明,/);
      // No recipient's preference: Chinese.
      expect(supervisorMail[0]!.subject).toBe(`【反假冒协同平台】平台知识产权保护部就案件 ${caseRow.reference} 向您方提出了信息请求。`);
      // Free text (which could name a suspect) never goes into e-mail.
      for (const message of [...officerMail, ...supervisorMail]) {
        expect(`${message.subject}\n${message.bodyText}`).not.toMatch(/张三|13800138000|发货记录/);
      }
    } finally {
      await db().update(users).set({ deactivatedAt: null, preferredLocale: null }).where(eq(users.id, viewers.guangzhouOfficer.userId));
      await db().update(users).set({ preferredLocale: null }).where(eq(users.id, viewers.officer.userId));
    }
  });

  it("writes nothing when its transaction rolls back", async () => {
    const caseRow = await referredCase(db(), viewers);
    const outboxBefore = (await db().select().from(outboxMessages)).length;
    const notificationsBefore = await db().select().from(notifications).where(eq(notifications.caseId, caseRow.id));
    await expect(
      db().transaction(async (tx) => {
        await notifyUsers(tx, { recipients: [viewers.supervisor.userId], kind: "referral_received", caseId: caseRow.id, link: `/cases/${caseRow.id}` });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect((await db().select().from(outboxMessages)).length).toBe(outboxBefore);
    expect(await db().select().from(notifications).where(eq(notifications.caseId, caseRow.id))).toEqual(notificationsBefore);
  });

  it("sends the e-mail through SMTP after the commit when configured", async () => {
    const sent: MailMessage[] = [];
    setMailSenderForTesting({ send: async (message) => void sent.push(message) });
    try {
      const caseRow = await referredCase(db(), viewers);
      const { messageIds } = await db().transaction(async (tx) => {
        const result = await notifyUsersWithEmail(tx, {
          recipients: [viewers.supervisor.userId],
          kind: "decision_overdue",
          caseId: caseRow.id,
          params: { dueAt: new Date().toISOString() },
          link: `/cases/${caseRow.id}`,
        });
        // Not before the commit: inside the transaction nothing has gone out.
        expect(sent).toEqual([]);
        return result;
      });
      expect(await deliverNotificationEmails(db(), messageIds)).toBe(1);
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({ to: "supervisor@putian.demo" });
      const [stored] = await db().select().from(outboxMessages).where(eq(outboxMessages.id, messageIds[0]!));
      expect(stored!.sentAt).not.toBeNull();
      // Delivering again sends nothing twice.
      expect(await deliverNotificationEmails(db(), messageIds)).toBe(0);
      expect(sent).toHaveLength(1);

      // A caller that does not hold the ids (notifyUsers): delivered shortly after its commit all the same.
      await db().transaction((tx) =>
        notifyUsers(tx, { recipients: [viewers.officer.userId], kind: "assigned", caseId: caseRow.id, link: `/cases/${caseRow.id}` }),
      );
      await vi.waitFor(() => expect(sent.map((message) => message.to)).toContain("officer@putian.demo"), { timeout: 10_000, interval: 100 });
    } finally {
      setMailSenderForTesting(undefined);
    }
  });
});

describe("the bell and /notifications", () => {
  it("lists only the viewer's own, newest first, page by page, and 404s another user's", async () => {
    const caseRow = await referredCase(db(), viewers);
    const start = Date.UTC(2026, 0, 1);
    await db().transaction(async (tx) => {
      for (let index = 0; index < NOTIFICATIONS_PAGE_SIZE + 3; index += 1) {
        await notifyUsers(tx, {
          recipients: [viewers.admin.userId],
          kind: "police_update",
          caseId: caseRow.id,
          params: { event: index % 2 ? "raid.recorded" : "case.closed" },
          link: `/cases/${caseRow.id}#n${index}`,
          at: new Date(start + index * 60_000),
        });
      }
      await notifyUsers(tx, { recipients: [viewers.supervisor.userId], kind: "referral_received", caseId: caseRow.id, link: `/cases/${caseRow.id}` });
    });
    const first = await listNotifications(db(), viewers.admin, null);
    expect(first.items).toHaveLength(NOTIFICATIONS_PAGE_SIZE);
    expect(first.items[0]!.link).toBe(`/cases/${caseRow.id}#n${NOTIFICATIONS_PAGE_SIZE + 2}`);
    expect(first.items[0]!.caseReference).toBe(caseRow.reference);
    expect(first.nextCursor).not.toBeNull();
    const second = await listNotifications(db(), viewers.admin, first.nextCursor);
    expect(second.items.map((item) => item.link)).toEqual([2, 1, 0].map((index) => `/cases/${caseRow.id}#n${index}`));
    expect(second.nextCursor).toBeNull();
    expect(first.unread).toBe(NOTIFICATIONS_PAGE_SIZE + 3);

    const supervisorsOwn = (await listNotifications(db(), viewers.supervisor, null)).items.find((item) => item.kind === "referral_received");
    expect(supervisorsOwn).toBeDefined();
    // Another user's notification is not found, whether read, opened or guessed.
    expect(await thrownStatus(requireOwnNotification(db(), viewers.admin, supervisorsOwn!.id))).toBe(404);
    expect(await thrownStatus(openNotification(db(), viewers.admin, supervisorsOwn!.id))).toBe(404);
    expect(await thrownStatus(openNotification(db(), viewers.admin, "not-a-uuid"))).toBe(404);
    const [untouched] = await db().select().from(notifications).where(eq(notifications.id, supervisorsOwn!.id));
    expect(untouched!.readAt).toBeNull();

    // Opening marks one read and leads to its link; "mark all" the rest.
    expect(await openNotification(db(), viewers.admin, first.items[0]!.id)).toBe(first.items[0]!.link);
    expect(await countUnreadNotifications(db(), viewers.admin.userId)).toBe(NOTIFICATIONS_PAGE_SIZE + 2);
    expect(await markAllNotificationsRead(db(), viewers.admin)).toBe(NOTIFICATIONS_PAGE_SIZE + 2);
    expect(await countUnreadNotifications(db(), viewers.admin.userId)).toBe(0);
    expect(await countUnreadNotifications(db(), viewers.supervisor.userId)).toBeGreaterThan(0);
  });

  it("stops counting at the cap", async () => {
    const caseRow = await referredCase(db(), viewers);
    await db().transaction(async (tx) => {
      for (let index = 0; index < UNREAD_COUNT_CAP + 5; index += 1) {
        await notifyUsers(tx, { recipients: [viewers.platformManagement.userId], kind: "police_update", caseId: caseRow.id, link: "/" });
      }
    });
    expect(await countUnreadNotifications(db(), viewers.platformManagement.userId)).toBe(UNREAD_COUNT_CAP + 1);
  });
});

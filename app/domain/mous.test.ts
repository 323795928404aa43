import { daysBetween, MOU_EXPIRY_WARNING_DAYS, mouStanding, readLiaisonContacts, todayIn } from "./mous";

const TODAY = "2026-11-22";

describe("an MOU's standing on a day", () => {
  it("is in force between its first and last day, both included", () => {
    expect(mouStanding({ effectiveFrom: "2026-11-22", effectiveUntil: "2027-06-30", endedAt: null }, TODAY)).toEqual({
      status: "in_force",
      daysLeft: 221,
      inForce: true,
    });
    expect(mouStanding({ effectiveFrom: "2020-01-01", effectiveUntil: null, endedAt: null }, TODAY)).toEqual({
      status: "in_force",
      daysLeft: null,
      inForce: true,
    });
  });

  it(`is flagged as expiring ${MOU_EXPIRY_WARNING_DAYS} days ahead, and still accepts referrals`, () => {
    expect(mouStanding({ effectiveFrom: "2024-01-01", effectiveUntil: "2026-12-21", endedAt: null }, TODAY)).toEqual({
      status: "expiring",
      daysLeft: 30,
      inForce: true,
    });
    expect(mouStanding({ effectiveFrom: "2024-01-01", effectiveUntil: "2026-12-22", endedAt: null }, TODAY).status).toBe("in_force");
    expect(mouStanding({ effectiveFrom: "2024-01-01", effectiveUntil: TODAY, endedAt: null }, TODAY)).toEqual({
      status: "expiring",
      daysLeft: 1,
      inForce: true,
    });
  });

  it("is expired the day after its last day, and no longer in force", () => {
    expect(mouStanding({ effectiveFrom: "2021-03-01", effectiveUntil: "2026-11-21", endedAt: null }, TODAY)).toEqual({
      status: "expired",
      daysLeft: null,
      inForce: false,
    });
  });

  it("is ended from the moment it is ended, whatever its dates", () => {
    expect(mouStanding({ effectiveFrom: "2016-01-08", effectiveUntil: "2028-01-01", endedAt: new Date() }, TODAY)).toEqual({
      status: "ended",
      daysLeft: null,
      inForce: false,
    });
  });

  it("is not yet in force before its first day", () => {
    expect(mouStanding({ effectiveFrom: "2026-12-01", effectiveUntil: null, endedAt: null }, TODAY)).toMatchObject({
      status: "not_yet_in_force",
      inForce: false,
    });
  });

  it("counts days across months and years", () => {
    expect(daysBetween("2026-11-22", "2027-01-01")).toBe(40);
    expect(daysBetween("2026-11-22", "2026-11-21")).toBe(-1);
  });

  it("takes today in the portal's time zone, not the server's", () => {
    // 2026-11-21 17:30 UTC is already 2026-11-22 in Shanghai.
    expect(todayIn("Asia/Shanghai", new Date("2026-11-21T17:30:00Z"))).toBe("2026-11-22");
    expect(todayIn("UTC", new Date("2026-11-21T17:30:00Z"))).toBe("2026-11-21");
  });
});

describe("liaison contacts as stored", () => {
  it("keeps well-formed entries only", () => {
    expect(
      readLiaisonContacts([
        { side: "police", name: "郑国华", title: "副支队长", phone: "0594-2000000", email: "a@b.c" },
        { side: "nobody", name: "x" },
        { side: "platform", name: "" },
        "junk",
      ]),
    ).toEqual([{ side: "police", name: "郑国华", title: "副支队长", phone: "0594-2000000", email: "a@b.c" }]);
    expect(readLiaisonContacts(null)).toEqual([]);
  });
});

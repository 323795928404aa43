import { closureReason, declineReason } from "../../db/schema";
import { byUrgency, CLOSURE_REASONS, decisionClock, DECLINE_REASONS, isReasonCode, overdueParts, remainingParts } from "./referrals";

const DUE = "2026-11-05T06:30:00.000Z";
const at = (iso: string) => new Date(iso);

describe("reason codes", () => {
  it("are exactly the schema's enums", () => {
    expect([...DECLINE_REASONS].sort()).toEqual([...declineReason.enumValues].sort());
    expect([...CLOSURE_REASONS].sort()).toEqual([...closureReason.enumValues].sort());
  });

  it("accept only a code of the right list", () => {
    expect(isReasonCode("decline", "outside_jurisdiction")).toBe(true);
    expect(isReasonCode("decline", "judgment")).toBe(false);
    expect(isReasonCode("closure", "judgment")).toBe(true);
    expect(isReasonCode("closure", "")).toBe(false);
    expect(isReasonCode("closure", undefined)).toBe(false);
  });
});

describe("the decision clock", () => {
  it("runs, is due soon in its last 24 hours, and is overdue from the deadline on", () => {
    expect(decisionClock(DUE, at("2026-11-03T06:30:00Z"))).toEqual({ dueAt: DUE, remainingMs: 48 * 3600_000, state: "running" });
    expect(decisionClock(DUE, at("2026-11-04T06:30:00Z")).state).toBe("running");
    expect(decisionClock(DUE, at("2026-11-04T06:30:01Z")).state).toBe("due_soon");
    expect(decisionClock(DUE, at("2026-11-05T06:29:59Z")).state).toBe("due_soon");
    expect(decisionClock(DUE, at("2026-11-05T06:30:00Z")).state).toBe("overdue");
    expect(decisionClock(DUE, at("2026-11-06T08:30:00Z"))).toMatchObject({ state: "overdue", remainingMs: -26 * 3600_000 });
  });

  it("splits the time left and the time overdue into days, hours and minutes", () => {
    expect(remainingParts((2 * 24 + 3) * 3600_000 + 59 * 60_000 + 59_000)).toEqual({ days: 2, hours: 3, minutes: 59 });
    expect(remainingParts(-5000)).toEqual({ days: 0, hours: 0, minutes: 0 });
    expect(overdueParts(-(26 * 3600_000))).toEqual({ days: 1, hours: 2, minutes: 0 });
    expect(overdueParts(3600_000)).toEqual({ days: 0, hours: 0, minutes: 0 });
  });

  it("orders overdue referrals first, then by the earliest deadline", () => {
    const now = at("2026-11-05T00:00:00Z");
    const clocks = ["2026-11-07T00:00:00Z", "2026-11-01T00:00:00Z", "2026-11-05T10:00:00Z", "2026-11-03T00:00:00Z"].map((due) => decisionClock(due, now));
    expect(clocks.sort(byUrgency).map((clock) => [clock.dueAt.slice(0, 10), clock.state])).toEqual([
      ["2026-11-01", "overdue"],
      ["2026-11-03", "overdue"],
      ["2026-11-05", "due_soon"],
      ["2026-11-07", "running"],
    ]);
  });
});

import { caseStatus } from "../../db/schema";
import {
  CASE_STATUSES,
  checkTransition,
  inputRefusal,
  nextStatus,
  rolesFor,
  ruleFor,
  rulesFrom,
  STATUS_GRAPH,
  TRANSITION_ACTION,
  TRANSITIONS,
  WITHDRAWABLE_STATUSES,
  WORKFLOW_RULES,
  type Transition,
} from "./case-workflow";
import { ROLES, type OrganisationKind, type Role } from "./policy";
import type { CaseStatus } from "~/lib/db.server";

const AUTHOR = "00000000-0000-4000-8000-000000000001";
const SOMEONE_ELSE = "00000000-0000-4000-8000-000000000002";
const HOME_KIND: Record<Role, OrganisationKind> = {
  investigator: "platform",
  platform_lead: "platform",
  administrator: "platform",
  management: "platform",
  police_officer: "police",
  police_supervisor: "police",
};
const viewer = (role: Role, userId = SOMEONE_ELSE, organisationKind = HOME_KIND[role]) => ({ userId, role, organisationKind });

// Where a case can be after acceptance: withdrawal is no longer possible from any of these.
const ACCEPTED_OR_LATER: readonly CaseStatus[] = ["accepted", "investigating", "raided", "prosecution", "closed"];

describe("the workflow table", () => {
  it("knows exactly the schema's statuses", () => {
    expect([...CASE_STATUSES].sort()).toEqual([...caseStatus.enumValues].sort());
    expect(Object.keys(STATUS_GRAPH).sort()).toEqual([...caseStatus.enumValues].sort());
  });

  it("has every row inside the state graph of DOMAIN.md", () => {
    for (const rule of WORKFLOW_RULES) {
      expect(STATUS_GRAPH[rule.from], `${rule.from} --${rule.transition}--> ${rule.to}`).toContain(rule.to);
    }
  });

  it("has at most one row per (state, transition), and one policy action per transition", () => {
    const keys = WORKFLOW_RULES.map((rule) => `${rule.from}/${rule.transition}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const rule of WORKFLOW_RULES) expect(rule.action).toBe(TRANSITION_ACTION[rule.transition]);
  });

  it("implements the platform side of DOMAIN.md", () => {
    expect(nextStatus("draft", "submit_for_review")).toBe("in_review");
    expect(nextStatus("in_review", "approve")).toBe("approved");
    expect(nextStatus("in_review", "return_to_draft")).toBe("draft");
    expect(nextStatus("approved", "refer")).toBe("submitted");
    expect(nextStatus("returned_for_info", "resubmit")).toBe("submitted");
    for (const status of WITHDRAWABLE_STATUSES) expect(nextStatus(status, "withdraw")).toBe("withdrawn");
  });

  it("never withdraws after acceptance, and moves nothing out of the end states", () => {
    for (const status of ACCEPTED_OR_LATER) expect(nextStatus(status, "withdraw")).toBeNull();
    expect(rulesFrom("closed")).toEqual([]);
    expect(rulesFrom("withdrawn")).toEqual([]);
    expect(STATUS_GRAPH.closed).toEqual([]);
    expect(STATUS_GRAPH.withdrawn).toEqual([]);
  });

  it("refers only what is approved or was declined, and approves only what is in review", () => {
    for (const status of CASE_STATUSES) {
      expect(ruleFor(status, "refer") !== undefined, status).toBe(status === "approved" || status === "declined");
      expect(ruleFor(status, "approve") !== undefined, status).toBe(status === "in_review");
    }
  });

  it("says who takes each transition, on which side", () => {
    expect(rolesFor(ruleFor("in_review", "approve")!)).toEqual(["platform_lead"]);
    expect(rolesFor(ruleFor("draft", "submit_for_review")!)).toEqual(["investigator", "platform_lead"]);
    expect(rolesFor(ruleFor("approved", "refer")!)).toEqual(["investigator", "platform_lead"]);
    expect(rolesFor(ruleFor("declined", "refer")!)).toEqual(["investigator", "platform_lead"]);
    // The agency's decision is the supervisor's; the investigation is any officer's of the agency.
    for (const transition of ["accept", "decline", "return_for_info"] as const) {
      expect(rolesFor(ruleFor("submitted", transition)!), transition).toEqual(["police_supervisor"]);
    }
    expect(rolesFor(ruleFor("accepted", "start_investigation")!)).toEqual(["police_officer", "police_supervisor"]);
    expect(rolesFor(ruleFor("investigating", "record_raid")!)).toEqual(["police_officer", "police_supervisor"]);
    expect(rolesFor(ruleFor("raided", "close")!)).toEqual(["police_officer", "police_supervisor"]);
    const POLICE_TRANSITIONS: readonly Transition[] = ["accept", "decline", "return_for_info", "start_investigation", "record_raid", "transfer_for_prosecution", "close"];
    for (const rule of WORKFLOW_RULES) {
      expect(rule.side, `${rule.from} --${rule.transition}-->`).toBe(POLICE_TRANSITIONS.includes(rule.transition) ? "police" : "platform");
    }
  });

  it("implements the police side of DOMAIN.md", () => {
    expect(nextStatus("submitted", "accept")).toBe("accepted");
    expect(nextStatus("submitted", "decline")).toBe("declined");
    expect(nextStatus("submitted", "return_for_info")).toBe("returned_for_info");
    expect(nextStatus("declined", "refer")).toBe("submitted");
    expect(nextStatus("accepted", "start_investigation")).toBe("investigating");
    expect(nextStatus("investigating", "record_raid")).toBe("raided");
    expect(nextStatus("investigating", "transfer_for_prosecution")).toBe("prosecution");
    expect(nextStatus("raided", "transfer_for_prosecution")).toBe("prosecution");
    for (const status of ["accepted", "investigating", "raided", "prosecution"] as const) expect(nextStatus(status, "close")).toBe("closed");
    // Police never act before the platform has submitted the lead.
    for (const status of ["draft", "in_review", "approved", "returned_for_info", "declined", "withdrawn"] as const) {
      for (const rule of rulesFrom(status)) expect(rule.side, `${status} --${rule.transition}-->`).toBe("platform");
    }
  });

  it("requires a reason code to decline and to close, and a note where the other side must read one", () => {
    expect(ruleFor("submitted", "decline")).toMatchObject({ note: "required", reasonCode: "decline" });
    expect(ruleFor("submitted", "return_for_info")).toMatchObject({ note: "required" });
    expect(ruleFor("submitted", "accept")).toMatchObject({ note: "optional" });
    expect(ruleFor("investigating", "close")).toMatchObject({ note: "required", reasonCode: "closure" });
    const decline = ruleFor("submitted", "decline")!;
    expect(inputRefusal(decline, { note: "不属管辖", reasonCode: null })).toEqual({ code: "reason_required", transition: "decline" });
    expect(inputRefusal(decline, { note: "不属管辖", reasonCode: "judgment" })).toEqual({ code: "reason_required", transition: "decline" });
    expect(inputRefusal(decline, { note: "  ", reasonCode: "outside_jurisdiction" })).toEqual({ code: "note_required", transition: "decline" });
    expect(inputRefusal(decline, { note: "不属管辖", reasonCode: "outside_jurisdiction" })).toBeNull();
    const close = ruleFor("raided", "close")!;
    expect(inputRefusal(close, { note: "已判决", reasonCode: "outside_jurisdiction" })).toEqual({ code: "reason_required", transition: "close" });
    expect(inputRefusal(close, { note: "已判决", reasonCode: "judgment" })).toBeNull();
    expect(inputRefusal(ruleFor("submitted", "accept")!, { note: "x".repeat(2001) })).toEqual({ code: "note_too_long", max: 2000 });
  });

  it("requires comments to send back, a reason to withdraw, and an answer to resubmit", () => {
    expect(ruleFor("in_review", "return_to_draft")!.note).toBe("required");
    expect(ruleFor("approved", "withdraw")!.note).toBe("required");
    expect(ruleFor("returned_for_info", "resubmit")!.note).toBe("required");
    expect(ruleFor("in_review", "approve")!.note).toBe("optional");
  });
});

describe("checkTransition", () => {
  it("applies the two-person rule to approval", () => {
    const facts = { status: "in_review" as const, createdBy: AUTHOR };
    expect(checkTransition(viewer("platform_lead", AUTHOR), facts, "approve")).toEqual({
      ok: false,
      refusal: { code: "own_lead" },
    });
    expect(checkTransition(viewer("platform_lead"), facts, "approve").ok).toBe(true);
    expect(checkTransition(viewer("investigator"), facts, "approve")).toEqual({
      ok: false,
      refusal: { code: "not_permitted", transition: "approve" },
    });
  });

  it("names the state when a transition does not fit it", () => {
    expect(checkTransition(viewer("investigator"), { status: "accepted", createdBy: AUTHOR }, "withdraw")).toEqual({
      ok: false,
      refusal: { code: "wrong_state", transition: "withdraw", status: "accepted" },
    });
  });

  it("refuses a role held on the wrong side, whatever it is called", () => {
    const facts = { status: "draft" as const, createdBy: AUTHOR };
    expect(checkTransition(viewer("investigator", SOMEONE_ELSE, "police"), facts, "submit_for_review").ok).toBe(false);
    for (const role of ["management", "administrator", "police_officer", "police_supervisor"] as const) {
      expect(checkTransition(viewer(role), facts, "submit_for_review").ok, role).toBe(false);
    }
  });
});

describe("random walks", () => {
  // A small deterministic PRNG (mulberry32), so a failure can be replayed from its seed.
  function prng(seed: number) {
    let state = seed;
    return () => {
      state = (state + 0x6d2b79f5) | 0;
      let t = Math.imul(state ^ (state >>> 15), 1 | state);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }
  const pick = <T,>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

  it("never reaches a state the graph does not allow, whoever tries whatever", () => {
    for (let seed = 1; seed <= 500; seed += 1) {
      const random = prng(seed);
      // Start anywhere, including states only the police side reaches, to cover every row.
      let status: CaseStatus = pick(random, CASE_STATUSES);
      let accepted = ACCEPTED_OR_LATER.includes(status);
      for (let step = 0; step < 40; step += 1) {
        const who = viewer(pick(random, ROLES), pick(random, [AUTHOR, SOMEONE_ELSE]));
        const transition: Transition = pick(random, TRANSITIONS);
        const check = checkTransition(who, { status, createdBy: AUTHOR }, transition);
        if (!check.ok) continue;
        const next = check.rule.to;
        expect(STATUS_GRAPH[status], `seed ${seed}: ${status} --${transition}--> ${next}`).toContain(next);
        if (check.rule.notByAuthor) expect(who.userId, `seed ${seed}: author approved own lead`).not.toBe(AUTHOR);
        if (accepted) expect(next, `seed ${seed}: withdrawn after acceptance`).not.toBe("withdrawn");
        status = next;
        accepted ||= ACCEPTED_OR_LATER.includes(status);
      }
    }
  });

  it("reaches every state from a draft", () => {
    const reached = new Set<CaseStatus>(["draft"]);
    let frontier: CaseStatus[] = ["draft"];
    while (frontier.length) {
      frontier = frontier.flatMap((status) => rulesFrom(status).map((rule) => rule.to)).filter((to) => !reached.has(to));
      for (const status of frontier) reached.add(status);
    }
    expect([...reached].sort()).toEqual([...CASE_STATUSES].sort());
  });
});

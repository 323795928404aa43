/**
 * Moves the seeded leads through review and referral with the workflow's own domain functions, so their
 * states, decision clocks and timelines are exactly what the portal itself would have recorded:
 * AC-2026-000001 and -000005 referred to Putian, -000002 approved (ready to refer), -000003 in review,
 * -000006 withdrawn after it was submitted for review; -000004 stays a draft. Reviews are done by
 * lead@platform.demo, everything else by investigator@platform.demo. A lead the case seed did not create is
 * skipped; a step the workflow refuses stops the seed (a demo world that is not what it says is worse).
 */
import { eq } from "drizzle-orm";
import type { Transition } from "../app/domain/case-workflow";
import { applyTransition } from "../app/domain/case-workflow.server";
import { loadViewer } from "../app/domain/viewers.server";
import type { Viewer } from "../app/domain/policy";
import type { Transaction } from "./client";
import { cases } from "./schema";
import type { DemoWorldContext } from "./seed";

interface Step {
  by: "investigator@platform.demo" | "lead@platform.demo";
  transition: Transition;
  note?: string;
  agency?: string;
}

const SUBMIT: Step = { by: "investigator@platform.demo", transition: "submit_for_review" };
const APPROVE: Step = { by: "lead@platform.demo", transition: "approve", note: "证据链完整，金额已达立案追诉标准，同意移送。" };

const PLAN: Record<string, Step[]> = {
  "AC-2026-000001": [
    { ...SUBMIT, note: "物流发货点与关联店铺已核实，请审核。" },
    {
      by: "lead@platform.demo",
      transition: "return_to_draft",
      note: "请补充权利人出具的鉴定报告，并写明试购样品的保存位置。",
    },
    { ...SUBMIT, note: "已补充耐克公司鉴定报告及样品存放位置。" },
    APPROVE,
    { by: "investigator@platform.demo", transition: "refer", agency: "putian-psb", note: "请莆田市公安局经侦支队接收并开展侦查。" },
  ],
  "AC-2026-000002": [SUBMIT, APPROVE],
  "AC-2026-000003": [{ ...SUBMIT, note: "请审核。" }],
  "AC-2026-000005": [
    SUBMIT,
    APPROVE,
    { by: "investigator@platform.demo", transition: "refer", agency: "putian-psb" },
  ],
  "AC-2026-000006": [
    SUBMIT,
    { by: "investigator@platform.demo", transition: "withdraw", note: "与 AC-2026-000001 为同一制假窝点，合并办理。" },
  ],
};

export async function seedDemoWorkflow(tx: Transaction, context: DemoWorldContext): Promise<void> {
  const viewers = new Map<string, Viewer>();
  const viewerFor = async (email: string): Promise<Viewer> => {
    const known = viewers.get(email);
    if (known) return known;
    const viewer = await loadViewer(tx, { email });
    viewers.set(email, viewer);
    return viewer;
  };

  for (const [reference, steps] of Object.entries(PLAN)) {
    const caseId = context.caseIdByReference.get(reference);
    if (!caseId) continue;
    for (const step of steps) {
      const [current] = await tx.select({ version: cases.version }).from(cases).where(eq(cases.id, caseId));
      const outcome = await applyTransition(tx, await viewerFor(step.by), step.transition, {
        caseId,
        version: current!.version,
        note: step.note ?? null,
        agencyId: step.agency ? (context.organisationIdByCode.get(step.agency) ?? null) : null,
      });
      if (!outcome.ok) {
        throw new Error(`Demo workflow: ${reference} ${step.transition} refused: ${JSON.stringify(outcome.refusal)}`);
      }
    }
  }
}

/**
 * The lead form's server side, shared by /cases/new and /cases/:id/edit: parse with the form's schema,
 * answer conform intents (add/remove a row, show the next division level) without saving, save through the
 * lead domain, and turn each refusal into a reply that keeps everything the user typed.
 */
import { parseWithZod } from "@conform-to/zod";
import { json, redirect } from "@remix-run/node";
import { getDb } from "~/lib/db.server";
import type { RequestMeta } from "~/lib/http.server";
import type { LeadConflictView, LeadFormReply } from "./cases";
import { createLead, updateLead } from "./cases.server";
import { LeadFormSchema } from "./cases.schema";
import { divisionOptionsFor } from "./divisions.server";
import type { Viewer } from "./policy";

/** What the lead form's action answers with when it does not redirect. */
export interface LeadFormActionData extends LeadFormReply {
  /** The version the user's form was drawn from: the page keeps posting it, whatever the loader now says. */
  version?: number;
  notEditable?: string;
}

/** Every division code the posted form holds, so the picker can show its lists without JavaScript. */
function postedDivisionCodes(payload: Record<string, unknown>): string[] {
  const codes: string[] = [];
  const collect = (rows: unknown, keys: string[]) => {
    if (!Array.isArray(rows)) return;
    for (const row of rows) {
      if (!row || typeof row !== "object") continue;
      for (const key of keys) {
        const value = (row as Record<string, unknown>)[key];
        if (typeof value === "string" && value) codes.push(value);
      }
    }
  };
  collect(payload.sites, ["provinceCode", "cityCode", "districtCode"]);
  collect(payload.logistics, ["shipFromProvinceCode", "shipFromCityCode", "shipFromDistrictCode"]);
  return codes;
}

function postedVersion(formData: FormData): number | undefined {
  const raw = formData.get("overwriteVersion") ?? formData.get("version");
  const value = typeof raw === "string" && /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

export async function submitLeadForm(
  request: Request,
  viewer: Viewer,
  meta: RequestMeta,
  target: { caseId: string } | null,
): Promise<Response> {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: LeadFormSchema });
  const divisionOptions = divisionOptionsFor(postedDivisionCodes(submission.payload));
  // The version the page started from, never the one an answer to this request would show.
  const startedFrom = target ? Number(formData.get("version")) || undefined : undefined;
  const reply = (data: Omit<LeadFormActionData, "divisionOptions" | "version">, status: number) =>
    json<LeadFormActionData>({ ...data, divisionOptions, version: startedFrom }, { status });

  // An intent (add or remove a row, show the next division level) or a schema error: nothing is saved.
  if (submission.status !== "success") {
    return reply({ result: submission.reply() }, submission.status === "error" ? 400 : 200);
  }
  const db = await getDb();
  if (!target) {
    const created = await createLead(db, viewer, submission.value, meta);
    if (created.ok) return redirect(`/cases/${created.caseId}?created=1`);
    if (created.reason === "invalid") return reply({ result: submission.reply({ fieldErrors: created.fieldErrors }) }, 400);
    throw new Error(`createLead answered ${created.reason}`);
  }

  const version = postedVersion(formData);
  if (version === undefined) return reply({ result: submission.reply({ formErrors: ["validation.required"] }) }, 400);
  const saved = await updateLead(db, viewer, target.caseId, version, submission.value, meta);
  if (saved.ok) return redirect(`/cases/${target.caseId}?saved=1`);
  switch (saved.reason) {
    case "invalid":
      return reply({ result: submission.reply({ fieldErrors: saved.fieldErrors }) }, 400);
    case "conflict": {
      const conflict: LeadConflictView = {
        currentVersion: saved.conflict.currentVersion,
        status: saved.conflict.status,
        changes: saved.conflict.changes.map((change) => ({ ...change, occurredAt: change.occurredAt.toISOString() })),
      };
      return reply({ result: submission.reply(), conflict }, 409);
    }
    case "not_editable":
      return reply({ result: submission.reply(), notEditable: saved.status }, 409);
  }
}


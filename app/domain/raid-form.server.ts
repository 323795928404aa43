/**
 * The raid form's server side, shared by /cases/:id/raids/new and /cases/:id/raids/:raidId: what the form
 * offers (the lead's sites, the case's seizure lists), its starting values for a stored raid, and the save.
 *
 * The form is multipart: each seizure may carry a seizure list (扣押清单) file. Files stream to the staging
 * area as they arrive (never whole in memory); once the rest of the form is valid, each is stored through the
 * evidence system (storeEvidence: kind "seizure_list", custody "upload", audited) and becomes that seizure's
 * seizure list. A file is kept even when the raid is then refused (a conflict, a check on the server): the
 * form comes back with it chosen, so nothing is uploaded twice and nothing typed is lost.
 */
import fs from "node:fs";
import { parseWithZod } from "@conform-to/zod";
import { json, redirect } from "@remix-run/node";
import { and, asc, eq, isNull } from "drizzle-orm";
import { caseSites, evidenceFiles, getDb, type Case, type DbOrTx } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import type { RequestMeta } from "~/lib/http.server";
import type { Locale } from "~/lib/i18n";
import { MultipartError, multipartBoundary, parseMultipart } from "~/lib/multipart.server";
import { evidenceStorage, FileTooLargeError, type StagedFile } from "~/lib/storage/storage.server";
import { cityOf, divisionLevel, provinceOf } from "./divisions";
import { divisionFullName, divisionOptionsFor } from "./divisions.server";
import { toZonedLocalInput, type EvidenceRejection } from "./evidence";
import { storeEvidence } from "./evidence.server";
import type { RaidView, RecordConflict } from "./police";
import type { Viewer } from "./policy";
import { RaidFormSchema } from "./raids.schema";
import { recordRaid, updateRaid } from "./raids.server";
import type { SubmissionResult } from "@conform-to/react";
import type { DivisionOption } from "./divisions";

export interface RaidFormOptions {
  leadSites: Array<{ id: string; type: string; address: string; divisionCode: string; divisionName: string | null }>;
  seizureLists: Array<{ id: string; originalName: string; uploadedAt: string }>;
}

/** What the raid form's action answers with when it does not redirect. */
export interface RaidFormReply {
  result: SubmissionResult<string[]>;
  divisionOptions: Record<string, DivisionOption[]>;
  /** The version the user's form was drawn from (edits): kept whatever the loader now says. */
  version?: number;
  conflict?: RecordConflict;
  notAllowed?: string;
  /** Seizure list files refused by the evidence checks, by seizure row. */
  uploadRefusals?: Array<{ index: number; originalName: string; rejection: EvidenceRejection }>;
}

export async function raidFormOptions(db: DbOrTx, caseRow: Case): Promise<RaidFormOptions> {
  const sites = await db.select().from(caseSites).where(eq(caseSites.caseId, caseRow.id)).orderBy(asc(caseSites.position));
  const lists = await db
    .select({ id: evidenceFiles.id, originalName: evidenceFiles.originalName, uploadedAt: evidenceFiles.uploadedAt })
    .from(evidenceFiles)
    .where(and(eq(evidenceFiles.caseId, caseRow.id), eq(evidenceFiles.kind, "seizure_list"), isNull(evidenceFiles.withdrawnAt)))
    .orderBy(asc(evidenceFiles.uploadedAt));
  return {
    leadSites: sites.map((site) => ({
      id: site.id,
      type: site.type,
      address: site.address,
      divisionCode: site.divisionCode,
      divisionName: divisionFullName(site.divisionCode),
    })),
    seizureLists: lists.map((list) => ({ ...list, uploadedAt: list.uploadedAt.toISOString() })),
  };
}

function pickerCodes(code: string) {
  const level = divisionLevel(code);
  return {
    provinceCode: provinceOf(code),
    cityCode: level === "province" ? "" : cityOf(code),
    districtCode: level === "district" ? code : "",
  };
}

/** A stored raid as the form's starting value (strings, as inputs hold them). */
export function raidFormDefaults(raid: RaidView) {
  const plain = (value: string | null) => (value === null ? "" : value.replace(/\.00$/, ""));
  return {
    raidedAt: toZonedLocalInput(new Date(raid.raidedAt), env().timeZone),
    units: raid.units,
    platformStaff: raid.platformStaff,
    summary: raid.summary,
    leadSiteIds: raid.sites.filter((site) => site.caseSiteId).map((site) => site.caseSiteId!),
    newSites: raid.sites
      .filter((site) => !site.caseSiteId)
      .map((site) => ({ type: site.type, address: site.address, ...pickerCodes(site.divisionCode) })),
    seizures: raid.seizures.map((seizure) => ({
      product: seizure.product,
      brand: seizure.brand,
      quantity: plain(seizure.quantity),
      unit: seizure.unit,
      counterfeitLabels: String(seizure.counterfeitLabels),
      equipment: seizure.equipment,
      valueYuan: plain(seizure.valueYuan),
      valuationMethod: seizure.valuationMethod ?? "",
      notes: seizure.notes,
      seizureListEvidenceId: seizure.seizureList?.id ?? "",
    })),
  };
}

/** Division codes held by a posted form, so the pickers can show their lists without JavaScript. */
export function raidDivisionCodes(payload: Record<string, unknown>): string[] {
  const rows = Array.isArray(payload.newSites) ? payload.newSites : [];
  return rows.flatMap((row) =>
    row && typeof row === "object"
      ? ["provinceCode", "cityCode", "districtCode"].map((key) => (row as Record<string, unknown>)[key]).filter((code): code is string => typeof code === "string" && code !== "")
      : [],
  );
}

interface StagedUpload {
  index: number;
  originalName: string;
  declaredType: string;
  staged: StagedFile | null;
  rejection: EvidenceRejection | null;
}

const FILE_FIELD = /^seizures\[(\d{1,3})\]\.seizureListFile$/;

/** The form's fields as FormData, and its seizure list files staged (multipart) — or just the fields. */
async function readRaidRequest(request: Request): Promise<{ formData: FormData; uploads: StagedUpload[]; malformed: boolean }> {
  const boundary = multipartBoundary(request.headers.get("Content-Type"));
  if (!boundary) return { formData: await request.formData(), uploads: [], malformed: false };
  const formData = new FormData();
  const uploads: StagedUpload[] = [];
  if (!request.body) return { formData, uploads, malformed: true };
  const maxBytes = env().evidenceMaxBytes;
  try {
    for await (const part of parseMultipart(request.body, boundary, { maxParts: 2_000 })) {
      if (part.filename === null) {
        formData.append(part.name, await part.text(64 * 1024));
        continue;
      }
      const match = FILE_FIELD.exec(part.name);
      if (!match || part.filename === "") continue; // another file, or a file input left empty
      const upload: StagedUpload = { index: Number(match[1]), originalName: part.filename, declaredType: part.contentType, staged: null, rejection: null };
      try {
        upload.staged = await evidenceStorage().stage(part.body, { maxBytes });
      } catch (error) {
        if (!(error instanceof FileTooLargeError)) throw error;
        upload.rejection = { code: "too_large", maxBytes };
      }
      uploads.push(upload);
    }
  } catch (error) {
    await discardAll(uploads);
    if (!(error instanceof MultipartError)) throw error;
    return { formData, uploads: [], malformed: true };
  }
  return { formData, uploads, malformed: false };
}

async function discardAll(uploads: StagedUpload[]) {
  await Promise.all(uploads.map((upload) => upload.staged?.discard()));
}

function postedVersion(formData: FormData): number | undefined {
  const raw = formData.get("overwriteVersion") ?? formData.get("version");
  const value = typeof raw === "string" && /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

export async function submitRaidForm(
  request: Request,
  viewer: Viewer,
  meta: RequestMeta & { locale: Locale },
  target: { caseRow: Case; raidId?: string },
): Promise<Response> {
  const { formData, uploads, malformed } = await readRaidRequest(request);
  const submission = parseWithZod(formData, { schema: RaidFormSchema });
  const payload = submission.payload as Record<string, unknown>;
  const startedFrom = target.raidId ? Number(formData.get("version")) || undefined : undefined;
  const reply = (data: Omit<RaidFormReply, "divisionOptions" | "version">, status: number) =>
    json<RaidFormReply>({ ...data, divisionOptions: divisionOptionsFor(raidDivisionCodes(payload)), version: startedFrom }, { status });

  if (malformed) return reply({ result: submission.reply({ formErrors: ["police.raid.validation.malformed"] }) }, 400);
  // An intent (add or remove a row, show the next division level) or a schema error: nothing is stored.
  if (submission.status !== "success") {
    await discardAll(uploads);
    return reply({ result: submission.reply() }, submission.status === "error" ? 400 : 200);
  }
  const input = submission.value;
  const version = target.raidId ? postedVersion(formData) : undefined;
  if (target.raidId && version === undefined) {
    await discardAll(uploads);
    return reply({ result: submission.reply({ formErrors: ["validation.required"] }) }, 400);
  }

  // The seizure lists chosen as files: into the evidence system, then onto their seizures.
  const db = await getDb();
  const refusals: NonNullable<RaidFormReply["uploadRefusals"]> = [];
  const seizureRows = Array.isArray(payload.seizures) ? (payload.seizures as Array<Record<string, unknown>>) : [];
  for (const upload of uploads) {
    const seizure = input.seizures[upload.index];
    if (!seizure || !upload.staged) {
      if (upload.rejection) refusals.push({ index: upload.index, originalName: upload.originalName, rejection: upload.rejection });
      await upload.staged?.discard();
      continue;
    }
    try {
      const stored = await storeEvidence(
        db,
        viewer,
        {
          caseId: target.caseRow.id,
          organisationId: viewer.organisationId,
          kind: "seizure_list",
          originalName: upload.originalName,
          declaredType: upload.declaredType,
          sensitivity: "sensitive",
          description: seizure.product,
          capturedBy: viewer.displayName,
          capturedAt: null,
          stream: fs.createReadStream(upload.staged.path),
        },
        { ...meta },
      );
      if (stored.ok) {
        seizure.seizureListEvidenceId = stored.evidence.id;
        // The form comes back with the stored file chosen, whatever happens to the raid.
        if (seizureRows[upload.index]) seizureRows[upload.index]!.seizureListEvidenceId = stored.evidence.id;
      } else {
        refusals.push({ index: upload.index, originalName: upload.originalName, rejection: stored.rejection });
      }
    } finally {
      await upload.staged.discard();
    }
  }
  if (refusals.length) {
    const fieldErrors = Object.fromEntries(refusals.map((refusal) => [`seizures[${refusal.index}].seizureListFile`, ["police.raid.validation.uploadRefused"]]));
    return reply({ result: submission.reply({ fieldErrors }), uploadRefusals: refusals }, 422);
  }

  const context = { ip: meta.ip, locale: meta.locale };
  const saved = target.raidId
    ? await updateRaid(db, viewer, target.caseRow.id, target.raidId, version!, input, context)
    : await recordRaid(db, viewer, target.caseRow.id, input, context);
  if (saved.ok) {
    const query = new URLSearchParams({ police: target.raidId ? "raidUpdated" : saved.statusMoved ? "raidRecordedMoved" : "raidRecorded" });
    return redirect(`/cases/${target.caseRow.id}?${query}#outcome`);
  }
  switch (saved.reason) {
    case "invalid":
      return reply({ result: submission.reply({ fieldErrors: saved.fieldErrors }) }, 400);
    case "conflict":
      return reply({ result: submission.reply(), conflict: saved.conflict }, 409);
    case "not_allowed":
      return reply({ result: submission.reply(), notAllowed: saved.status }, 409);
  }
}

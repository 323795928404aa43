/**
 * An upload request: a multipart/form-data body with the describing fields first and then one or more
 * `file` parts. Each file streams straight from the request into storeEvidence (staged on disk, hashed on
 * the way); nothing is collected in memory. The uploader sends one request per file (a progress bar each);
 * a form posted without JavaScript sends all files in one, described by the same fields.
 */
import { parseWithZod } from "@conform-to/zod";
import type { EvidenceFile, DbOrTx } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import type { RequestMeta } from "~/lib/http.server";
import { MultipartError, multipartBoundary, parseMultipart } from "~/lib/multipart.server";
import { zonedLocalDateTime, type EvidenceRejection } from "./evidence";
import { EvidenceFieldsSchema, type EvidenceFields } from "./evidence.schema";
import { storeEvidence } from "./evidence.server";
import type { Viewer } from "./policy";

const FIELD_NAMES = new Set(["kind", "sensitivity", "description", "capturedBy", "capturedAt"]);
/** Tolerance for a camera clock a little ahead of the server's. */
const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

export interface UploadRefusal {
  originalName: string | null;
  rejection: EvidenceRejection;
}

export interface UploadOutcome {
  stored: EvidenceFile[];
  refused: UploadRefusal[];
}

type FieldCheck = { ok: true; fields: EvidenceFields; capturedAt: Date | null } | { ok: false; fields: Record<string, string[]> };

function checkFields(values: Map<string, string>): FieldCheck {
  const formData = new FormData();
  for (const [name, value] of values) formData.append(name, value);
  const submission = parseWithZod(formData, { schema: EvidenceFieldsSchema });
  if (submission.status !== "success") {
    const errors: Record<string, string[]> = {};
    for (const [name, messages] of Object.entries(submission.error ?? {})) if (messages?.length) errors[name] = messages;
    return { ok: false, fields: errors };
  }
  let capturedAt: Date | null = null;
  if (submission.value.capturedAt) {
    capturedAt = zonedLocalDateTime(submission.value.capturedAt, env().timeZone);
    if (!capturedAt) return { ok: false, fields: { capturedAt: ["evidence.validation.capturedAtInvalid"] } };
    if (capturedAt.getTime() > Date.now() + FUTURE_TOLERANCE_MS) {
      return { ok: false, fields: { capturedAt: ["evidence.validation.capturedAtFuture"] } };
    }
  }
  return { ok: true, fields: submission.value, capturedAt };
}

/**
 * Reads the request and stores each file. The caller has checked the viewer may upload to this case; the
 * domain checks it again for each file.
 */
export async function receiveEvidenceUpload(
  db: DbOrTx,
  viewer: Viewer,
  caseId: string,
  request: Request,
  meta: RequestMeta,
  options: { maxBytes?: number } = {},
): Promise<UploadOutcome> {
  const outcome: UploadOutcome = { stored: [], refused: [] };
  const boundary = multipartBoundary(request.headers.get("Content-Type"));
  if (!boundary || !request.body) {
    outcome.refused.push({ originalName: null, rejection: { code: "malformed" } });
    return outcome;
  }
  const values = new Map<string, string>();
  let fields: FieldCheck | null = null;
  let sawFile = false;
  try {
    for await (const part of parseMultipart(request.body, boundary)) {
      if (part.filename === null) {
        if (FIELD_NAMES.has(part.name)) values.set(part.name, await part.text(16 * 1024));
        continue; // anything else is skipped unread
      }
      if (part.name !== "file" || part.filename === "") continue; // "" : a file input left empty
      sawFile = true;
      fields ??= checkFields(values);
      if (!fields.ok) {
        outcome.refused.push({ originalName: part.filename, rejection: { code: "invalid_fields", fields: fields.fields } });
        continue;
      }
      const result = await storeEvidence(
        db,
        viewer,
        {
          caseId,
          organisationId: viewer.organisationId,
          kind: fields.fields.kind as EvidenceFile["kind"],
          originalName: part.filename,
          declaredType: part.contentType,
          sensitivity: fields.fields.sensitivity,
          description: fields.fields.description,
          capturedBy: fields.fields.capturedBy,
          capturedAt: fields.capturedAt,
          stream: part.body,
        },
        meta,
        options,
      );
      if (result.ok) outcome.stored.push(result.evidence);
      else outcome.refused.push({ originalName: part.filename, rejection: result.rejection });
    }
  } catch (error) {
    if (!(error instanceof MultipartError)) throw error;
    outcome.refused.push({ originalName: null, rejection: { code: "malformed" } });
    return outcome;
  }
  if (!sawFile) outcome.refused.push({ originalName: null, rejection: { code: "no_file" } });
  return outcome;
}

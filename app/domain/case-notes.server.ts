/**
 * Investigation notes (case.investigate): append-only, like a case diary; never edited, never deleted.
 * A note is either for the agency alone ("agency") or for both sides ("shared"). The platform never sees an
 * agency-only note: listCaseNotes leaves it out of the query, its audit record carries no text (only that a
 * note was added, and its visibility), and getCaseTimeline leaves that record out for anyone outside the
 * agency that wrote it.
 *
 * For the demo seed (stable signature): addCaseNote(db | tx, viewer, caseId, { visibility, body }, { at?, ip? }).
 */
import { and, asc, eq, or } from "drizzle-orm";
import { caseNotes, organisations, users, type DbOrTx } from "~/lib/db.server";
import { viewerActor } from "./accounts.server";
import { recordAudit } from "./audit.server";
import { requireCaseForViewer } from "./case-access.server";
import { notesAllowedIn, type NoteView } from "./police";
import type { NoteInput } from "./police.schema";
import { announcePoliceUpdate, lockCaseForViewer, type PoliceContext } from "./police-records.server";
import type { Viewer } from "./policy";
import { assertCan } from "./policy.server";
import type { CaseStatus } from "~/lib/db.server";

export type AddNoteResult = { ok: true; noteId: string } | { ok: false; reason: "not_allowed"; status: CaseStatus };

export async function addCaseNote(
  db: DbOrTx,
  viewer: Viewer,
  caseId: string,
  input: NoteInput,
  context: PoliceContext = {},
): Promise<AddNoteResult> {
  assertCan(viewer, "case.investigate");
  const body = input.body.trim();
  if (!body) throw new Error("addCaseNote needs a body (the form's schema checks it first)");
  const at = context.at ?? new Date();
  return db.transaction(async (tx): Promise<AddNoteResult> => {
    const caseRow = await lockCaseForViewer(tx, viewer, caseId);
    if (!notesAllowedIn(caseRow.status)) return { ok: false, reason: "not_allowed", status: caseRow.status };
    const [note] = await tx
      .insert(caseNotes)
      .values({ caseId: caseRow.id, organisationId: viewer.organisationId, authorId: viewer.userId, visibility: input.visibility, body, createdAt: at })
      .returning({ id: caseNotes.id });
    await recordAudit(tx, {
      action: "case.note_added",
      actor: viewerActor(viewer),
      ip: context.ip ?? null,
      entityType: "case_note",
      entityId: note!.id,
      caseId: caseRow.id,
      // An agency-only note's text stays out of the audit log (the platform's administrators read it).
      details:
        input.visibility === "shared"
          ? { reference: caseRow.reference, visibility: "shared", note: body }
          : { reference: caseRow.reference, visibility: "agency", length: body.length },
    });
    if (input.visibility === "shared") {
      await announcePoliceUpdate(tx, viewer, caseRow, { kind: "note.shared", link: `/cases/${caseRow.id}#notes`, at });
    }
    return { ok: true, noteId: note!.id };
  });
}

/** The notes of a case the viewer may read, oldest first: shared ones, and the viewer's own agency's. */
export async function listCaseNotes(db: DbOrTx, viewer: Viewer, caseId: string): Promise<NoteView[]> {
  const caseRow = await requireCaseForViewer(db, viewer, caseId);
  const rows = await db
    .select({
      note: caseNotes,
      authorName: users.displayName,
      organisationNameZh: organisations.nameZh,
      organisationNameEn: organisations.nameEn,
    })
    .from(caseNotes)
    .innerJoin(users, eq(users.id, caseNotes.authorId))
    .innerJoin(organisations, eq(organisations.id, caseNotes.organisationId))
    .where(
      and(
        eq(caseNotes.caseId, caseRow.id),
        or(eq(caseNotes.visibility, "shared"), eq(caseNotes.organisationId, viewer.organisationId)),
      ),
    )
    .orderBy(asc(caseNotes.createdAt), asc(caseNotes.id));
  return rows.map(({ note, ...names }) => ({
    id: note.id,
    visibility: note.visibility,
    body: note.body,
    authorName: names.authorName,
    organisationNameZh: names.organisationNameZh,
    organisationNameEn: names.organisationNameEn,
    createdAt: note.createdAt.toISOString(),
  }));
}

/**
 * /cases/:id/notes: the investigation notes of a case as the viewer may read them (the platform: the shared
 * ones only), and the form to add one for the agency's officers and supervisors. The case page embeds the
 * same list and form; its form posts here. Notes are append-only.
 */
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusBadge } from "~/components/cases/case-badges";
import { NoteForm, NoteList, type NoteActionData } from "~/components/police/case-notes";
import { requireCaseForViewer } from "~/domain/case-access.server";
import { addCaseNote, listCaseNotes } from "~/domain/case-notes.server";
import { notesAllowedIn } from "~/domain/police";
import { NoteFormSchema } from "~/domain/police.schema";
import { can, requirePermission } from "~/domain/policy.server";
import { getDb } from "~/lib/db.server";
import { requestMeta } from "~/lib/http.server";
import casesStyles from "~/styles/cases.css";
import policeStyles from "~/styles/police.css";

export const handle = { titleKey: "police.notes.title" };
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: casesStyles },
  { rel: "stylesheet", href: policeStyles },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "case.view");
  const db = await getDb();
  const caseRow = await requireCaseForViewer(db, viewer, params.id ?? "");
  return json({
    caseId: caseRow.id,
    reference: caseRow.reference,
    status: caseRow.status,
    notes: await listCaseNotes(db, viewer, caseRow.id),
    canAdd: viewer.organisationKind === "police" && can(viewer, "case.investigate") && notesAllowedIn(caseRow.status),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "case.investigate");
  const db = await getDb();
  const caseRow = await requireCaseForViewer(db, viewer, params.id ?? "");
  const formData = await request.formData();
  const enhanced = formData.get("js") === "1";
  const submission = parseWithZod(formData, { schema: NoteFormSchema });
  if (submission.status !== "success") return json<NoteActionData>({ result: submission.reply() }, { status: 400 });
  const added = await addCaseNote(db, viewer, caseRow.id, submission.value, { ip: requestMeta(request, context).ip });
  if (!added.ok) return json<NoteActionData>({ result: submission.reply(), notAllowed: added.status }, { status: 409 });
  if (enhanced) return json<NoteActionData>({ ok: true });
  return redirect(`/cases/${caseRow.id}?police=noteAdded#notes`);
}

export default function CaseNotesPage() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <div className="page police-page">
      <header className="page-header">
        <p className="page-kicker">
          <Link to={`/cases/${data.caseId}`}>{data.reference}</Link> <StatusBadge status={data.status} />
        </p>
        <h1>{t("police.notes.title")}</h1>
        <p className="muted">{t("police.notes.intro")}</p>
      </header>
      <section className="card">
        <NoteList notes={data.notes} />
      </section>
      {data.canAdd ? (
        <section className="card">
          <NoteForm caseId={data.caseId} reply={reply as NoteActionData | undefined} standalone />
        </section>
      ) : null}
      <p>
        <Link to={`/cases/${data.caseId}#notes`}>{t("police.backToCase", { reference: data.reference })}</Link>
      </p>
    </div>
  );
}

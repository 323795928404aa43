/**
 * /cases/:id/edit: the draft lead in the form. The page posts the version it was drawn from; a save from an
 * older version is refused and shows who changed what, with everything typed kept (updateLead).
 */
import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusBadge } from "~/components/cases/case-badges";
import { LeadForm, LeadNotEditable } from "~/components/cases/lead-form";
import { isLeadEditable, leadFormDefaults, type LeadStatus } from "~/domain/cases";
import { getLeadForViewer, listJointOperations } from "~/domain/cases.server";
import { divisionOptionsFor } from "~/domain/divisions.server";
import { submitLeadForm, type LeadFormActionData } from "~/domain/lead-form.server";
import { requirePermission } from "~/domain/policy.server";
import { getProsecutionThresholds } from "~/domain/thresholds.server";
import { getDb } from "~/lib/db.server";
import { requestMeta } from "~/lib/http.server";
import casesStyles from "~/styles/cases.css";
import { recordCaseRead } from "~/domain/audit-reads.server";

export const handle = { titleKey: "cases.detail.edit" };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: casesStyles }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "case.edit");
  const db = await getDb();
  const lead = await getLeadForViewer(db, viewer, params.id ?? "");
  await recordCaseRead(db, viewer, lead.case.id, { ...requestMeta(request, context), view: "edit" });
  const codes = [...lead.sites.map((site) => site.divisionCode), ...lead.logistics.map((row) => row.shipFromDivisionCode)];
  return json({
    caseId: lead.case.id,
    reference: lead.case.reference,
    status: lead.case.status,
    version: lead.case.version,
    editable: isLeadEditable(lead.case.status),
    defaultValue: leadFormDefaults(lead),
    jointOperations: await listJointOperations(db, { keep: lead.case.jointOperation?.id }),
    thresholds: getProsecutionThresholds(),
    divisionOptions: divisionOptionsFor(codes),
    personalDataHidden: lead.personalDataMasked,
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "case.edit");
  return submitLeadForm(request, viewer, requestMeta(request, context), { caseId: params.id ?? "" });
}

export default function EditLeadPage() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<LeadFormActionData>();
  const { t } = useTranslation();
  const notEditable = (reply?.notEditable as LeadStatus | undefined) ?? (data.editable ? undefined : data.status);
  return (
    <div className="page lead-form-page">
      <header className="page-header">
        <p className="page-kicker">
          <Link to={`/cases/${data.caseId}`}>{data.reference}</Link> <StatusBadge status={data.status} />
        </p>
        <h1>{t("cases.form.editTitle", { reference: data.reference })}</h1>
        <p className="muted">{t("cases.form.editIntro")}</p>
      </header>
      {notEditable ? <LeadNotEditable status={notEditable} /> : null}
      {data.editable || reply ? (
        <LeadForm
          id="lead-form"
          reply={reply}
          defaultValue={data.defaultValue}
          // The version this page was drawn from, not whatever the loader says after a refused save.
          version={reply?.version ?? data.version}
          caseId={data.caseId}
          jointOperations={data.jointOperations}
          thresholds={data.thresholds}
          divisionOptions={data.divisionOptions}
          personalDataHidden={data.personalDataHidden}
          cancelTo={`/cases/${data.caseId}`}
        />
      ) : (
        <p>
          <Link to={`/cases/${data.caseId}`}>{t("cases.form.cancel")}</Link>
        </p>
      )}
    </div>
  );
}

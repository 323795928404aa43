/**
 * /cases/new: a new lead, saved as a draft (title and category are enough to start). The form and its
 * server side are shared with /cases/:id/edit (LeadForm, submitLeadForm).
 */
import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LeadForm } from "~/components/cases/lead-form";
import { listJointOperations } from "~/domain/cases.server";
import { divisionOptionsFor } from "~/domain/divisions.server";
import { submitLeadForm, type LeadFormActionData } from "~/domain/lead-form.server";
import { can, requirePermission } from "~/domain/policy.server";
import { getProsecutionThresholds } from "~/domain/thresholds.server";
import { getDb } from "~/lib/db.server";
import { requestMeta } from "~/lib/http.server";
import casesStyles from "~/styles/cases.css";

export const handle = { titleKey: "cases.form.newTitle" };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: casesStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "case.create");
  return json({
    jointOperations: await listJointOperations(await getDb()),
    thresholds: getProsecutionThresholds(),
    divisionOptions: divisionOptionsFor([]),
    personalDataHidden: !can(viewer, "case.view_personal_data"),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "case.create");
  return submitLeadForm(request, viewer, requestMeta(request, context), null);
}

// A select shows its first option when nothing is chosen: say what the schema defaults to.
const NEW_LEAD_DEFAULTS = { priority: "normal" };

export default function NewLeadPage() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<LeadFormActionData>();
  const { t } = useTranslation();
  return (
    <div className="page lead-form-page">
      <header className="page-header">
        <h1>{t("cases.form.newTitle")}</h1>
        <p className="muted">{t("cases.form.newIntro")}</p>
      </header>
      <LeadForm
        id="lead-form"
        reply={reply}
        defaultValue={NEW_LEAD_DEFAULTS}
        jointOperations={data.jointOperations}
        thresholds={data.thresholds}
        divisionOptions={data.divisionOptions}
        personalDataHidden={data.personalDataHidden}
        cancelTo="/cases"
      />
    </div>
  );
}

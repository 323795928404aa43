import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OperationForm } from "~/components/operations/operation-form";
import type { OperationFormActionData } from "~/domain/joint-operations";
import { submitOperationForm } from "~/domain/joint-operations-form.server";
import { listOperationAgencies, portalToday } from "~/domain/joint-operations.server";
import { requirePermission } from "~/domain/policy.server";
import { getDb } from "~/lib/db.server";
import { requestMeta } from "~/lib/http.server";
import administrationStyles from "~/styles/administration.css";
import styles from "~/styles/operations.css";

export const handle = { titleKey: "operations.newTitle" };
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: administrationStyles },
  { rel: "stylesheet", href: styles },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "joint_operations.manage");
  return json({ agencies: await listOperationAgencies(await getDb(), viewer), today: portalToday() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "joint_operations.manage");
  return submitOperationForm(request, viewer, requestMeta(request, context), null);
}

export default function NewOperationPage() {
  const { t } = useTranslation();
  const { agencies, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as OperationFormActionData | undefined;
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/operations">{t("operations.backToList")}</Link>
      </p>
      <header className="page-header">
        <h1>{t("operations.newTitle")}</h1>
        <p className="muted">{t("operations.newIntro")}</p>
      </header>
      <OperationForm actionData={actionData} defaults={{ startsOn: today }} agencies={agencies} submitLabel={t("operations.form.create")} />
    </div>
  );
}

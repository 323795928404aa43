import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OperationForm } from "~/components/operations/operation-form";
import type { OperationFormActionData } from "~/domain/joint-operations";
import { submitOperationForm } from "~/domain/joint-operations-form.server";
import { getOperationDetail, listOperationAgencies } from "~/domain/joint-operations.server";
import { requirePermission } from "~/domain/policy.server";
import { getDb } from "~/lib/db.server";
import { notFound, requestMeta } from "~/lib/http.server";
import { DEFAULT_LOCALE } from "~/lib/i18n";
import { useRootData } from "~/root";
import administrationStyles from "~/styles/administration.css";
import styles from "~/styles/operations.css";

export const handle = { titleKey: "operations.editTitle" };
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: administrationStyles },
  { rel: "stylesheet", href: styles },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "joint_operations.manage");
  const db = await getDb();
  const operation = await getOperationDetail(db, viewer, params.id ?? "");
  if (!operation) throw notFound();
  const { id, code, nameZh, nameEn, description, startsOn, endsOn, agencies, version } = operation;
  const active = await listOperationAgencies(db, viewer);
  // An agency taking part that has since been deactivated stays offered, so saving does not drop it unseen.
  const kept = agencies.filter((agency) => !active.some((entry) => entry.id === agency.id));
  return json({
    operation: { id, code, nameZh, nameEn, description, startsOn, endsOn, agencyIds: agencies.map((agency) => agency.id), version },
    agencies: [...active, ...kept],
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "joint_operations.manage");
  return submitOperationForm(request, viewer, requestMeta(request, context), { operationId: params.id ?? "" });
}

export default function EditOperationPage() {
  const { t } = useTranslation();
  const { operation, agencies } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as OperationFormActionData | undefined;
  const root = useRootData();
  const locale = root?.locale ?? DEFAULT_LOCALE;
  const name = locale === "zh-CN" ? operation.nameZh : operation.nameEn;
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to={`/operations/${operation.id}`}>{t("operations.backToOperation", { name })}</Link>
      </p>
      <header className="page-header">
        <h1>{t("operations.editTitle")}</h1>
        <p className="muted">{t("operations.editIntro", { code: operation.code, version: operation.version })}</p>
      </header>
      <OperationForm
        actionData={actionData}
        defaults={{
          code: operation.code,
          nameZh: operation.nameZh,
          nameEn: operation.nameEn,
          description: operation.description,
          startsOn: operation.startsOn,
          endsOn: operation.endsOn ?? undefined,
          agencyIds: operation.agencyIds,
        }}
        version={operation.version}
        agencies={agencies}
        operationId={operation.id}
        submitLabel={t("operations.form.save")}
      />
    </div>
  );
}

import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { MouForm } from "~/components/admin/mou-form";
import { MouFormSchema } from "~/domain/mous.schema";
import { createMou, listPoliceAgencies, mouProblemReply, portalToday } from "~/domain/mous.server";
import { requirePermission } from "~/domain/policy.server";
import { getDb } from "~/lib/db.server";
import { requestMeta } from "~/lib/http.server";
import styles from "~/styles/administration.css";

export const handle = { titleKey: "admin.mous.newTitle" };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "mou.manage");
  return json({ agencies: await listPoliceAgencies(await getDb(), viewer), today: portalToday() });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "mou.manage");
  const submission = parseWithZod(await request.formData(), { schema: MouFormSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const result = await createMou(await getDb(), viewer, submission.value, requestMeta(request, context));
  if (!result.ok) return json(mouProblemReply(submission, result), { status: result.field ? 400 : 409 });
  return redirect(`/admin/mous/${result.id}?notice=created`);
}

export default function NewMouPage() {
  const { t } = useTranslation();
  const { agencies, today } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/admin/mous">{t("admin.mous.backToList")}</Link>
      </p>
      <header className="page-header">
        <h1>{t("admin.mous.newTitle")}</h1>
        <p className="muted">{t("admin.mous.newIntro")}</p>
      </header>
      <MouForm
        lastResult={lastResult}
        defaults={{ signedOn: today, effectiveFrom: today, decisionPeriodDays: 3 }}
        agencies={agencies}
        submitLabel={t("admin.mous.create")}
      />
    </div>
  );
}

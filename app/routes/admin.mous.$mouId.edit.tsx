import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { MouForm } from "~/components/admin/mou-form";
import { MouFormSchema } from "~/domain/mous.schema";
import { getMouDetail, listPoliceAgencies, mouProblemReply, updateMou } from "~/domain/mous.server";
import { requirePermission } from "~/domain/policy.server";
import { getDb } from "~/lib/db.server";
import { notFound, requestMeta } from "~/lib/http.server";
import styles from "~/styles/administration.css";

export const handle = { titleKey: "admin.mous.editTitle" };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "mou.manage");
  const db = await getDb();
  const mou = await getMouDetail(db, viewer, params.mouId ?? "");
  if (!mou) throw notFound();
  if (mou.endedAt) throw redirect(`/admin/mous/${mou.id}`);
  return json({ mou, agencies: await listPoliceAgencies(db, viewer) });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "mou.manage");
  const submission = parseWithZod(await request.formData(), { schema: MouFormSchema });
  if (submission.status !== "success") return json(submission.reply(), { status: 400 });
  const result = await updateMou(await getDb(), viewer, params.mouId ?? "", submission.value, requestMeta(request, context));
  if (!result.ok) {
    if (result.problem === "admin.mous.problem.notFound") throw notFound();
    return json(mouProblemReply(submission, result), { status: result.field ? 400 : 409 });
  }
  return redirect(`/admin/mous/${result.id}?notice=saved`);
}

export default function EditMouPage() {
  const { t } = useTranslation();
  const { mou, agencies } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to={`/admin/mous/${mou.id}`}>{t("admin.mous.backToMou", { reference: mou.reference })}</Link>
      </p>
      <header className="page-header">
        <h1>{t("admin.mous.editTitle")}</h1>
        <p className="muted">{t("admin.mous.editIntro", { reference: mou.reference, version: mou.version })}</p>
      </header>
      <MouForm
        // A save refused as a conflict keeps what was typed; reloading the page shows the newer version.
        lastResult={lastResult}
        defaults={{
          version: mou.version,
          reference: mou.reference,
          titleZh: mou.titleZh,
          titleEn: mou.titleEn,
          policeOrganisationId: mou.police.id,
          signedOn: mou.signedOn,
          effectiveFrom: mou.effectiveFrom,
          effectiveUntil: mou.effectiveUntil ?? undefined,
          scopeCategories: mou.scopeCategories,
          territory: mou.territory.map((entry) => entry.code).join(" "),
          decisionPeriodDays: mou.decisionPeriodDays,
          contacts: mou.liaisonContacts,
        }}
        agencies={agencies}
        territoryPreview={mou.territory}
        submitLabel={t("admin.mous.save")}
      />
    </div>
  );
}

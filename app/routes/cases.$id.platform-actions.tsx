/**
 * /cases/:id/platform-actions: the platform's follow-up on a case (case.record_platform_action: investigators
 * and platform leads), once an agency has accepted it — record a store closure, an account ban or a
 * blacklist candidate; retract a mistaken record with a reason (never deleted). The agency is told of each.
 */
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusBadge } from "~/components/cases/case-badges";
import { PlatformActionForm, PlatformActionList, type PlatformActionReply } from "~/components/police/platform-actions";
import { requireCaseForViewer } from "~/domain/case-access.server";
import { PlatformActionFormSchema, RetractFormSchema } from "~/domain/platform-actions.schema";
import { listPlatformActions, platformActionChoices, recordPlatformAction, retractPlatformAction } from "~/domain/platform-actions.server";
import { platformActionsAllowedIn } from "~/domain/police";
import { todayIn } from "~/domain/police.schema";
import { requirePermission } from "~/domain/policy.server";
import { getDb } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { requestMeta } from "~/lib/http.server";
import casesStyles from "~/styles/cases.css";
import policeStyles from "~/styles/police.css";

export const handle = { titleKey: "police.platformAction.title" };
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: casesStyles },
  { rel: "stylesheet", href: policeStyles },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "case.record_platform_action");
  const db = await getDb();
  const caseRow = await requireCaseForViewer(db, viewer, params.id ?? "");
  return json({
    caseId: caseRow.id,
    reference: caseRow.reference,
    status: caseRow.status,
    allowed: platformActionsAllowedIn(caseRow.status),
    actions: await listPlatformActions(db, viewer, caseRow.id),
    choices: await platformActionChoices(db, viewer, caseRow.id),
    today: todayIn(env().timeZone),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "case.record_platform_action");
  const db = await getDb();
  const caseRow = await requireCaseForViewer(db, viewer, params.id ?? "");
  const formData = await request.formData();
  const meta = { ip: requestMeta(request, context).ip };

  if (formData.get("intent") === "retract") {
    const submission = parseWithZod(formData, { schema: RetractFormSchema });
    const actionId = typeof formData.get("actionId") === "string" ? String(formData.get("actionId")) : undefined;
    if (submission.status !== "success") return json<PlatformActionReply>({ intent: "retract", actionId, result: submission.reply() }, { status: 400 });
    const retracted = await retractPlatformAction(db, viewer, caseRow.id, submission.value, meta);
    if (retracted.ok) return redirect(`/cases/${caseRow.id}/platform-actions?retracted=1`);
    return json<PlatformActionReply>(
      {
        intent: "retract",
        actionId,
        result: submission.reply(),
        ...(retracted.reason === "conflict" ? { conflict: retracted.conflict } : { alreadyRetracted: true }),
      },
      { status: 409 },
    );
  }

  const submission = parseWithZod(formData, { schema: PlatformActionFormSchema });
  if (submission.status !== "success") return json<PlatformActionReply>({ intent: "record", result: submission.reply() }, { status: 400 });
  const recorded = await recordPlatformAction(db, viewer, caseRow.id, submission.value, meta);
  if (recorded.ok) return redirect(`/cases/${caseRow.id}?police=platformActionRecorded#follow-up`);
  if (recorded.reason === "invalid") {
    return json<PlatformActionReply>({ intent: "record", result: submission.reply({ fieldErrors: recorded.fieldErrors }) }, { status: 400 });
  }
  return json<PlatformActionReply>({ intent: "record", result: submission.reply(), notAllowed: recorded.status }, { status: 409 });
}

export default function PlatformActionsPage() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as PlatformActionReply | undefined;
  const { t } = useTranslation();
  return (
    <div className="page police-page">
      <header className="page-header">
        <p className="page-kicker">
          <Link to={`/cases/${data.caseId}`}>{data.reference}</Link> <StatusBadge status={data.status} />
        </p>
        <h1>{t("police.platformAction.title")}</h1>
        <p className="muted">{t("police.platformAction.intro")}</p>
      </header>
      {data.allowed ? (
        <section className="card" aria-labelledby="follow-up-new-title">
          <h2 id="follow-up-new-title">{t("police.platformAction.newTitle")}</h2>
          <PlatformActionForm reply={reply} choices={data.choices} today={data.today} />
        </section>
      ) : (
        <p className="notice notice-warning">{t("police.platformAction.notAllowed", { status: t(`caseVocabulary.status.${data.status}`) })}</p>
      )}
      <section className="card" aria-labelledby="follow-up-list-title">
        <h2 id="follow-up-list-title">{t("police.platformAction.listTitle")}</h2>
        <PlatformActionList actions={data.actions} retract={{ reply }} />
      </section>
      <p>
        <Link to={`/cases/${data.caseId}#follow-up`}>{t("police.backToCase", { reference: data.reference })}</Link>
      </p>
    </div>
  );
}

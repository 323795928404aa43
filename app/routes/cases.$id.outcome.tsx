/**
 * /cases/:id/outcome: the case's outcome record (filing, persons, charges, prosecution or the administrative
 * outcome), edited by the agency the case was referred to (case.record_outcome) from acceptance until the
 * case is closed. Version-checked: a save over someone else's newer one is refused with what changed, and
 * everything typed stays in the form (saveCaseOutcome).
 */
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusBadge } from "~/components/cases/case-badges";
import { OutcomeForm, type OutcomeFormReply } from "~/components/police/outcome-form";
import { requireCaseForViewer } from "~/domain/case-access.server";
import { OutcomeFormSchema } from "~/domain/case-outcomes.schema";
import { getCaseOutcome, saveCaseOutcome } from "~/domain/case-outcomes.server";
import { outcomeEditableIn, type OutcomeView } from "~/domain/police";
import { todayIn } from "~/domain/police.schema";
import { writerLocale } from "~/domain/police-records.server";
import { requirePermission } from "~/domain/policy.server";
import { getDb } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { requestMeta } from "~/lib/http.server";
import { DEFAULT_LOCALE, formatDateTime } from "~/lib/i18n";
import { useRootData } from "~/root";
import casesStyles from "~/styles/cases.css";
import policeStyles from "~/styles/police.css";

export const handle = { titleKey: "police.outcome.title" };
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: casesStyles },
  { rel: "stylesheet", href: policeStyles },
];

/** The stored record as the form's starting value (strings, as inputs hold them). */
function formDefaults(outcome: OutcomeView | null) {
  if (!outcome) return { detained: "0", arrested: "0", onBail: "0", residentialSurveillance: "0", charges: [] };
  const text = (value: string | number | null) => (value === null ? "" : String(value).replace(/\.00$/, ""));
  return {
    filingDecision: outcome.filingDecision ?? "",
    policeCaseNumber: outcome.policeCaseNumber,
    filedOn: text(outcome.filedOn),
    notFiledReason: outcome.notFiledReason,
    detained: text(outcome.detained),
    arrested: text(outcome.arrested),
    onBail: text(outcome.onBail),
    residentialSurveillance: text(outcome.residentialSurveillance),
    charges: outcome.charges,
    route: outcome.route ?? "",
    transferredToProcuratorateOn: text(outcome.transferredToProcuratorateOn),
    procuratorate: outcome.procuratorate,
    indictedOn: text(outcome.indictedOn),
    court: outcome.court,
    judgmentOn: text(outcome.judgmentOn),
    verdict: outcome.verdict ?? "",
    sentence: outcome.sentence,
    finesYuan: text(outcome.finesYuan),
    administrativeAuthority: outcome.administrativeAuthority,
    administrativeDecision: outcome.administrativeDecision,
    administrativeDecidedOn: text(outcome.administrativeDecidedOn),
    administrativeFineYuan: text(outcome.administrativeFineYuan),
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "case.record_outcome");
  const db = await getDb();
  const caseRow = await requireCaseForViewer(db, viewer, params.id ?? "");
  const outcome = await getCaseOutcome(db, viewer, caseRow.id);
  return json({
    caseId: caseRow.id,
    reference: caseRow.reference,
    status: caseRow.status,
    allowed: outcomeEditableIn(caseRow.status),
    version: outcome?.version ?? 0,
    updatedByName: outcome?.updatedByName ?? null,
    updatedAt: outcome?.updatedAt ?? null,
    defaultValue: formDefaults(outcome),
    today: todayIn(env().timeZone),
  });
}

function postedVersion(formData: FormData): number | undefined {
  const raw = formData.get("overwriteVersion") ?? formData.get("version");
  return typeof raw === "string" && /^\d{1,9}$/.test(raw) ? Number(raw) : undefined;
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "case.record_outcome");
  const db = await getDb();
  const caseRow = await requireCaseForViewer(db, viewer, params.id ?? "");
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: OutcomeFormSchema });
  const reply = (data: Omit<OutcomeFormReply, "version">, status: number) =>
    json<OutcomeFormReply>({ ...data, version: Number(formData.get("version")) || 0 }, { status });
  if (submission.status !== "success") return reply({ result: submission.reply() }, 400);
  const { version: _formVersion, ...input } = submission.value;
  // The version the form was drawn from, or the newer one the user chose to save over after reading a refusal.
  const expected = postedVersion(formData) ?? 0;
  const meta = { ip: requestMeta(request, context).ip, locale: await writerLocale(request, viewer) };
  const saved = await saveCaseOutcome(db, viewer, caseRow.id, expected, input, meta);
  if (saved.ok) return redirect(`/cases/${caseRow.id}?police=outcomeSaved#outcome`);
  switch (saved.reason) {
    case "invalid":
      return reply({ result: submission.reply({ fieldErrors: saved.fieldErrors }) }, 400);
    case "conflict":
      return reply({ result: submission.reply(), conflict: saved.conflict }, 409);
    case "not_allowed":
      return reply({ result: submission.reply(), notAllowed: saved.status }, 409);
  }
}

export default function OutcomePage() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as OutcomeFormReply | undefined;
  const { t } = useTranslation();
  const root = useRootData();
  const locale = root?.locale ?? DEFAULT_LOCALE;
  const timeZone = root?.timeZone ?? "Asia/Shanghai";
  return (
    <div className="page lead-form-page police-page">
      <header className="page-header">
        <p className="page-kicker">
          <Link to={`/cases/${data.caseId}`}>{data.reference}</Link> <StatusBadge status={data.status} />
        </p>
        <h1>{t("police.outcome.title")}</h1>
        <p className="muted">
          {data.updatedAt && data.updatedByName
            ? t("police.outcome.lastSaved", { name: data.updatedByName, time: formatDateTime(data.updatedAt, locale, timeZone), version: data.version })
            : t("police.outcome.intro")}
        </p>
      </header>
      {data.allowed || reply ? (
        <OutcomeForm
          caseId={data.caseId}
          reply={reply}
          defaultValue={data.defaultValue}
          // The version this page was drawn from, not whatever the loader says after a refused save.
          version={reply?.version ?? data.version}
          today={data.today}
        />
      ) : (
        <p className="notice notice-warning">{t("police.outcome.notAllowed", { status: t(`caseVocabulary.status.${data.status}`) })}</p>
      )}
    </div>
  );
}

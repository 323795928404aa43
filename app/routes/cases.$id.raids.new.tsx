/**
 * /cases/:id/raids/new: record a raid and its seizures (case.record_outcome, the agency the case was referred
 * to, while it is investigated, raided or prosecuted). The first raid of a case under investigation moves it
 * to "raided" (recordRaid). The platform may not (403); another agency does not see the case (404).
 */
import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusBadge } from "~/components/cases/case-badges";
import { RaidForm } from "~/components/police/raid-form";
import { requireCaseForViewer } from "~/domain/case-access.server";
import { divisionOptionsFor } from "~/domain/divisions.server";
import { toZonedLocalInput } from "~/domain/evidence";
import { raidsAllowedIn } from "~/domain/police";
import { writerLocale } from "~/domain/police-records.server";
import { raidFormOptions, submitRaidForm, type RaidFormReply } from "~/domain/raid-form.server";
import { requirePermission } from "~/domain/policy.server";
import { getDb } from "~/lib/db.server";
import { env } from "~/lib/env.server";
import { requestMeta } from "~/lib/http.server";
import casesStyles from "~/styles/cases.css";
import policeStyles from "~/styles/police.css";

export const handle = { titleKey: "police.raid.newTitle" };
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: casesStyles },
  { rel: "stylesheet", href: policeStyles },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "case.record_outcome");
  const db = await getDb();
  const caseRow = await requireCaseForViewer(db, viewer, params.id ?? "");
  const options = await raidFormOptions(db, caseRow);
  return json({
    caseId: caseRow.id,
    reference: caseRow.reference,
    title: caseRow.title,
    status: caseRow.status,
    allowed: raidsAllowedIn(caseRow.status),
    options,
    // A new raid starts at the lead's sites, now (to the minute), with one seizure row to fill in.
    defaultValue: {
      raidedAt: toZonedLocalInput(new Date(), env().timeZone),
      leadSiteIds: [],
      newSites: [],
      seizures: [{ unit: "pairs" }],
    },
    divisionOptions: divisionOptionsFor([]),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "case.record_outcome");
  const db = await getDb();
  const caseRow = await requireCaseForViewer(db, viewer, params.id ?? "");
  const meta = { ...requestMeta(request, context), locale: await writerLocale(request, viewer) };
  return submitRaidForm(request, viewer, meta, { caseRow });
}

export default function NewRaidPage() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<RaidFormReply>();
  const { t } = useTranslation();
  return (
    <div className="page lead-form-page police-page">
      <header className="page-header">
        <p className="page-kicker">
          <Link to={`/cases/${data.caseId}`}>{data.reference}</Link> <StatusBadge status={data.status} />
        </p>
        <h1>{t("police.raid.newTitle")}</h1>
        <p className="muted">{t("police.raid.newIntro", { title: data.title })}</p>
        {data.status === "investigating" ? <p className="notice">{t("police.raid.firstRaidMoves", { status: t("caseVocabulary.status.raided") })}</p> : null}
      </header>
      {data.allowed || reply ? (
        <RaidForm caseId={data.caseId} reply={reply} defaultValue={data.defaultValue} options={data.options} divisionOptions={data.divisionOptions} />
      ) : (
        <p className="notice notice-warning">{t("police.raid.notAllowed", { status: t(`caseVocabulary.status.${data.status}`) })}</p>
      )}
    </div>
  );
}

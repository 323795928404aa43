/**
 * /cases/:id/raids/:raidId: edit a recorded raid and its seizures (case.record_outcome). The page posts the
 * version it was drawn from; a save over someone else's newer one is refused and shows who changed what and
 * when, with everything typed kept (updateRaid).
 */
import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusBadge } from "~/components/cases/case-badges";
import { RaidForm } from "~/components/police/raid-form";
import { requireCaseForViewer } from "~/domain/case-access.server";
import { divisionOptionsFor } from "~/domain/divisions.server";
import { raidsAllowedIn } from "~/domain/police";
import { writerLocale } from "~/domain/police-records.server";
import { listRaids } from "~/domain/police-section.server";
import { raidFormDefaults, raidFormOptions, submitRaidForm, type RaidFormReply } from "~/domain/raid-form.server";
import { requireRaidOfCase } from "~/domain/raids.server";
import { requirePermission } from "~/domain/policy.server";
import { getDb } from "~/lib/db.server";
import { notFound, requestMeta } from "~/lib/http.server";
import { DEFAULT_LOCALE, formatDateTime } from "~/lib/i18n";
import { useRootData } from "~/root";
import casesStyles from "~/styles/cases.css";
import policeStyles from "~/styles/police.css";

export const handle = { titleKey: "police.raid.editTitle" };
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: casesStyles },
  { rel: "stylesheet", href: policeStyles },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "case.record_outcome");
  const db = await getDb();
  const caseRow = await requireCaseForViewer(db, viewer, params.id ?? "");
  const raid = (await listRaids(db, caseRow)).find((each) => each.id === params.raidId);
  if (!raid) throw notFound();
  return json({
    caseId: caseRow.id,
    reference: caseRow.reference,
    status: caseRow.status,
    allowed: raidsAllowedIn(caseRow.status),
    raidId: raid.id,
    raidedAt: raid.raidedAt,
    version: raid.version,
    recordedByName: raid.recordedByName,
    updatedByName: raid.updatedByName,
    updatedAt: raid.updatedAt,
    options: await raidFormOptions(db, caseRow),
    defaultValue: raidFormDefaults(raid),
    divisionOptions: divisionOptionsFor(raid.sites.filter((site) => !site.caseSiteId).map((site) => site.divisionCode)),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "case.record_outcome");
  const db = await getDb();
  const caseRow = await requireCaseForViewer(db, viewer, params.id ?? "");
  const raid = await requireRaidOfCase(db, caseRow, params.raidId ?? "");
  const meta = { ...requestMeta(request, context), locale: await writerLocale(request, viewer) };
  return submitRaidForm(request, viewer, meta, { caseRow, raidId: raid.id });
}

export default function EditRaidPage() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<RaidFormReply>();
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
        <h1>{t("police.raid.editTitle")}</h1>
        <p className="muted">
          {t("police.raid.editIntro", {
            time: formatDateTime(data.raidedAt, locale, timeZone),
            name: data.updatedByName ?? data.recordedByName,
            updated: formatDateTime(data.updatedAt, locale, timeZone),
            version: data.version,
          })}
        </p>
      </header>
      {data.allowed || reply ? (
        <RaidForm
          caseId={data.caseId}
          reply={reply}
          defaultValue={data.defaultValue}
          // The version this page was drawn from, not whatever the loader says after a refused save.
          version={reply?.version ?? data.version}
          options={data.options}
          divisionOptions={data.divisionOptions}
        />
      ) : (
        <p className="notice notice-warning">{t("police.raid.notAllowed", { status: t(`caseVocabulary.status.${data.status}`) })}</p>
      )}
    </div>
  );
}

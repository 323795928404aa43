/**
 * /cases/:id: the whole lead as the viewer may see it (scoped: out of scope is 404; personal data masked
 * unless the role needs it). Near the top, in this order: the workflow panel, the timeline, the evidence,
 * and the referral packet; then warnings about other cases naming the same details, and the lead itself
 * with its amounts against the prosecution thresholds.
 */
import { json, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { PriorityBadge, StatusBadge } from "~/components/cases/case-badges";
import { CaseTimeline } from "~/components/cases/case-timeline";
import { LeadView } from "~/components/cases/lead-view";
import { WorkflowPanel, workflowLinks } from "~/components/cases/workflow-panel";
import { AssignmentPanel } from "~/components/cases/assignment-panel";
import { getAssignmentPanel } from "~/domain/assignments.server";
import { EvidenceSection, evidenceLinks } from "~/components/evidence/evidence-section";
import { DiscussionSection, discussionLinks } from "~/components/collaboration/discussion-section";
import { getDiscussionSummary } from "~/domain/discussion.server";
import { PoliceSection, policeLinks } from "~/components/police/police-section";
import { getPoliceSection } from "~/domain/police-section.server";
import { requireCaseForViewer } from "~/domain/case-access.server";
import { getCaseTimeline, getWorkflowView } from "~/domain/case-workflow.server";
import { isLeadEditable, leadCompleteness, type CrossCaseLink } from "~/domain/cases";
import { findCrossCaseLinks, getLeadForViewer } from "~/domain/cases.server";
import { caseAcceptsEvidence } from "~/domain/evidence";
import { evidenceUploadLimit, listCaseEvidence } from "~/domain/evidence.server";
import { can, requirePermission } from "~/domain/policy.server";
import { getProsecutionThresholds } from "~/domain/thresholds.server";
import { getDb } from "~/lib/db.server";
import { DEFAULT_LOCALE, formatDateTime } from "~/lib/i18n";
import { useRootData } from "~/root";
import casesStyles from "~/styles/cases.css";
import { recordCaseRead } from "~/domain/audit-reads.server";
import { requestMeta } from "~/lib/http.server";

export const handle = { titleKey: "cases.list.title" };
export const links: LinksFunction = () => [...workflowLinks, ...evidenceLinks, ...discussionLinks, ...policeLinks, { rel: "stylesheet", href: casesStyles }];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "case.view");
  const db = await getDb();
  const caseRow = await requireCaseForViewer(db, viewer, params.id ?? "");
  // "Who saw this case" (the audit viewer): recorded once the scoped query has found it.
  await recordCaseRead(db, viewer, caseRow.id, { ...requestMeta(request, context), view: "detail" });
  const lead = await getLeadForViewer(db, viewer, caseRow.id);
  const workflow = await getWorkflowView(db, viewer, caseRow);
  const assignments = await getAssignmentPanel(db, viewer, caseRow);
  const timeline = await getCaseTimeline(db, viewer, caseRow.id);
  const police = await getPoliceSection(db, viewer, caseRow);
  const evidence = await listCaseEvidence(db, viewer, caseRow.id);
  const discussion = await getDiscussionSummary(db, viewer, caseRow);
  const crossCaseLinks = await findCrossCaseLinks(db, viewer, caseRow.id);
  const editable = isLeadEditable(lead.case.status);
  return json({
    assignments,
    discussion,
    police,
    lead,
    workflow,
    timeline,
    evidence,
    crossCaseLinks,
    thresholds: getProsecutionThresholds(),
    completeness: editable && can(viewer, "case.edit") ? leadCompleteness(lead) : null,
    canEdit: editable && can(viewer, "case.edit"),
    canExportPacket: can(viewer, "packet.export"),
    canUpload: can(viewer, "evidence.upload") && caseAcceptsEvidence(lead.case.status),
    maxUploadBytes: evidenceUploadLimit(),
  });
}

export default function CaseDetailPage() {
  const data = useLoaderData<typeof loader>();
  const { lead } = data;
  const { t } = useTranslation();
  const root = useRootData();
  const locale = root?.locale ?? DEFAULT_LOCALE;
  const timeZone = root?.timeZone ?? "Asia/Shanghai";
  const [searchParams] = useSearchParams();
  const localName = (row: { nameZh: string; nameEn: string }) => (locale === "zh-CN" ? row.nameZh : row.nameEn);
  const notice = searchParams.get("created") ? t("cases.detail.created", { reference: lead.case.reference }) : searchParams.get("saved") ? t("cases.detail.saved") : null;

  return (
    <div className="page case-page">
      <header className="page-header case-header">
        <p className="page-kicker">
          <Link to="/cases">{t("cases.list.title")}</Link>
          {" / "}
          <span className="case-reference">{lead.case.reference}</span> <StatusBadge status={lead.case.status} />{" "}
          <PriorityBadge priority={lead.case.priority} />
        </p>
        <div className="page-header-actions">
          <h1>{lead.case.title}</h1>
          {data.canEdit ? (
            <Link to={`/cases/${lead.case.id}/edit`} className="button">
              {t("cases.detail.edit")}
            </Link>
          ) : null}
        </div>
        <p className="muted">
          {t("cases.detail.openedBy", { name: lead.author.displayName, time: formatDateTime(lead.case.createdAt, locale, timeZone) })}
          {" · "}
          {t("cases.detail.updated", { time: formatDateTime(lead.case.updatedAt, locale, timeZone), version: lead.case.version })}
        </p>
        <dl className="facts case-facts">
          <div>
            <dt>{t("cases.detail.meta.category")}</dt>
            <dd>{t(`caseVocabulary.category.${lead.case.category}`)}</dd>
          </div>
          <div>
            <dt>{t("cases.detail.meta.jointOperation")}</dt>
            <dd>{lead.case.jointOperation ? localName(lead.case.jointOperation) : t("cases.detail.notSet")}</dd>
          </div>
          <div>
            <dt>{t("cases.detail.meta.agency")}</dt>
            <dd>{lead.agency ? localName(lead.agency) : t("cases.list.notReferred")}</dd>
          </div>
          {lead.mou ? (
            <div>
              <dt>{t("cases.detail.meta.mou")}</dt>
              <dd>{lead.mou.reference}</dd>
            </div>
          ) : null}
        </dl>
      </header>

      {notice ? (
        <p className="notice" role="status">
          {notice}
        </p>
      ) : null}

      <WorkflowPanel caseId={lead.case.id} workflow={data.workflow} />
      <AssignmentPanel caseId={lead.case.id} data={data.assignments} />
      <PoliceSection caseId={lead.case.id} section={data.police} />
      <DiscussionSection caseId={lead.case.id} discussion={data.discussion} />
      <CaseTimeline entries={data.timeline} />
      <EvidenceSection caseId={lead.case.id} evidence={data.evidence} canUpload={data.canUpload} maxUploadBytes={data.maxUploadBytes} />
      {data.canExportPacket ? (
        <section className="card packet-link" aria-labelledby="packet-link-title">
          <h2 id="packet-link-title">{t("cases.detail.sections.documents")}</h2>
          {/* A plain link, never prefetched: every download of the packet is recorded as an export. */}
          <a href={`/cases/${lead.case.id}/packet.pdf`} className="button" rel="nofollow">
            {t("cases.detail.packet")}
          </a>
        </section>
      ) : null}

      {data.crossCaseLinks.length ? <CrossCaseWarning links={data.crossCaseLinks} /> : null}

      {data.completeness && !data.completeness.complete ? (
        <section className="notice notice-warning completeness" aria-labelledby="completeness-title">
          <h2 id="completeness-title">{t("cases.detail.completenessTitle")}</h2>
          <p>
            {t("cases.completeness.missing", {
              items: data.completeness.missing.map((item) => t(`cases.completeness.${item}`)).join(t("cases.completeness.separator")),
            })}
          </p>
          {data.completeness.recommended.length ? (
            <p>
              {t("cases.detail.completenessRecommended", {
                items: data.completeness.recommended.map((item) => t(`cases.completeness.${item}`)).join(t("cases.completeness.separator")),
              })}
            </p>
          ) : null}
        </section>
      ) : null}

      <LeadView lead={lead} thresholds={data.thresholds} />
    </div>
  );
}

function CrossCaseWarning({ links }: { links: CrossCaseLink[] }) {
  const { t } = useTranslation();
  return (
    <section className="card cross-case" aria-labelledby="cross-case-title">
      <h2 id="cross-case-title">{t("cases.detail.crossCaseTitle", { count: links.length })}</h2>
      <p className="muted">{t("cases.detail.crossCaseIntro")}</p>
      <ul className="cross-case-list">
        {links.map((link) => (
          <li key={link.caseId}>
            <Link to={`/cases/${link.caseId}`}>
              {link.reference} {link.title}
            </Link>{" "}
            <StatusBadge status={link.status} />
            <ul className="tag-list">
              {link.matches.map((match) => (
                <li key={`${match.kind}:${match.value}`} className="tag tag-warning">
                  {t(`cases.detail.crossCaseMatch.${match.kind}`, { value: match.value })}
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}

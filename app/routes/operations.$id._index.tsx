import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OperationPeriod, OperationStatusFlag } from "~/components/operations/operation-status";
import { ErrorList, Field } from "~/components/ui/form";
import type { OperationHistoryEntry } from "~/domain/joint-operations";
import { AttachCaseSchema, DetachCaseSchema } from "~/domain/joint-operations.schema";
import { attachCase, detachCase, getOperationDetail, operationNames } from "~/domain/joint-operations.server";
import { assertCan, can, requirePermission } from "~/domain/policy.server";
import { getDb } from "~/lib/db.server";
import { notFound, requestMeta } from "~/lib/http.server";
import { DEFAULT_LOCALE, formatDateTime, formatNumber } from "~/lib/i18n";
import { useRootData } from "~/root";
import administrationStyles from "~/styles/administration.css";
import styles from "~/styles/operations.css";

export const handle = { titleKey: "operations.detailTitle" };
export const links: LinksFunction = () => [
  { rel: "stylesheet", href: administrationStyles },
  { rel: "stylesheet", href: styles },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "joint_operations.manage");
  const url = new URL(request.url);
  const db = await getDb();
  const operation = await getOperationDetail(db, viewer, params.id ?? "", { page: Number(url.searchParams.get("page")) || 1 });
  if (!operation) throw notFound();
  const from = url.searchParams.get("from");
  const [movedFrom] = from ? await operationNames(db, viewer, [from]) : [];
  return json({
    operation,
    movedFrom: movedFrom ?? null,
    canAttach: can(viewer, "joint_operations.attach_case"),
    canSeeFigures: can(viewer, "statistics.view"),
  });
}

type ActionData = { intent: "attach"; result: SubmissionResult<string[]> } | { intent: "detach"; caseId: string; result: SubmissionResult<string[]> };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "joint_operations.manage");
  // Both forms of this page attach or detach leads: a platform lead's work, not an administrator's.
  assertCan(viewer, "joint_operations.attach_case");
  const operationId = params.id ?? "";
  const meta = requestMeta(request, context);
  const formData = await request.formData();
  const db = await getDb();
  if (formData.get("intent") === "detach") {
    const submission = parseWithZod(formData, { schema: DetachCaseSchema });
    const caseId = String(formData.get("caseId") ?? "");
    if (submission.status !== "success") return json<ActionData>({ intent: "detach", caseId, result: submission.reply() }, { status: 400 });
    const result = await detachCase(db, viewer, operationId, submission.value, meta);
    if (!result.ok) return json<ActionData>({ intent: "detach", caseId, result: submission.reply({ formErrors: [result.problem] }) }, { status: 409 });
    return redirect(`/operations/${operationId}?${new URLSearchParams({ notice: "detached", reference: result.reference })}#leads`);
  }
  const submission = parseWithZod(formData, { schema: AttachCaseSchema });
  if (submission.status !== "success") return json<ActionData>({ intent: "attach", result: submission.reply() }, { status: 400 });
  const result = await attachCase(db, viewer, operationId, submission.value.reference, meta);
  if (!result.ok) {
    // Not found (or not in the viewer's scope — the same answer) is bad input; a withdrawn or attached lead, a state.
    const status = result.problem === "operations.problem.caseNotFound" ? 400 : 409;
    return json<ActionData>({ intent: "attach", result: submission.reply({ fieldErrors: { reference: [result.problem] } }) }, { status });
  }
  const query = new URLSearchParams({ notice: "attached", reference: result.reference });
  if (result.movedFrom) query.set("from", result.movedFrom.id);
  return redirect(`/operations/${operationId}?${query}#leads`);
}

function AttachForm({ lastResult }: { lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "attach-case",
    lastResult,
    constraint: getZodConstraint(AttachCaseSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AttachCaseSchema }),
  });
  return (
    <Form method="post" {...getFormProps(form)} className="inline-form attach-form">
      <input type="hidden" name="intent" value="attach" />
      <ErrorList id={form.errorId} errors={form.errors} />
      <Field label={t("operations.attach.reference")} htmlFor={fields.reference.id} errorId={fields.reference.errorId} errors={fields.reference.errors}>
        <input
          {...getInputProps(fields.reference, { type: "text" })}
          placeholder="AC-2026-000001"
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`attach-hint ${fields.reference.errorId}`}
        />
      </Field>
      <button type="submit" className="button" disabled={navigation.state === "submitting"}>
        {t("operations.attach.submit")}
      </button>
      <p id="attach-hint" className="field-hint">
        {t("operations.attach.hint")}
      </p>
    </Form>
  );
}

function DetachForm({ caseId, reference, lastResult }: { caseId: string; reference: string; lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: `detach-${caseId}`,
    lastResult,
    constraint: getZodConstraint(DetachCaseSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DetachCaseSchema }),
  });
  return (
    <details className="detach" open={Boolean(lastResult)}>
      <summary>{t("operations.detach.open")}</summary>
      <Form method="post" {...getFormProps(form)} className="detach-form">
        <input type="hidden" name="intent" value="detach" />
        <input type="hidden" name="caseId" value={caseId} />
        <ErrorList id={form.errorId} errors={form.errors} />
        <Field
          label={t("operations.detach.reason", { reference })}
          htmlFor={fields.reason.id}
          errorId={fields.reason.errorId}
          errors={fields.reason.errors}
        >
          <textarea {...getTextareaProps(fields.reason)} rows={2} />
        </Field>
        <button type="submit" className="button button-danger button-small" disabled={navigation.state === "submitting"}>
          {t("operations.detach.submit")}
        </button>
      </Form>
    </details>
  );
}

const NOTICES = ["created", "saved", "attached", "detached"] as const;

export default function OperationDetailPage() {
  const { t } = useTranslation();
  const { operation, movedFrom, canAttach, canSeeFigures } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const [searchParams] = useSearchParams();
  const root = useRootData();
  const locale = root?.locale ?? DEFAULT_LOCALE;
  const timeZone = root?.timeZone ?? "Asia/Shanghai";
  const name = (entry: { nameZh: string; nameEn: string }) => (locale === "zh-CN" ? entry.nameZh : entry.nameEn);
  const notice = searchParams.get("notice") as (typeof NOTICES)[number] | null;
  const reference = searchParams.get("reference") ?? "";
  const leads = operation.leads;

  return (
    <div className="page page-wide">
      <p className="breadcrumb">
        <Link to="/operations">{t("operations.backToList")}</Link>
      </p>
      <header className="page-header page-header-actions">
        <div>
          <h1>
            {name(operation)} <OperationStatusFlag status={operation.status} />
          </h1>
          <p className="muted" lang={locale === "zh-CN" ? "en" : "zh-CN"}>
            {locale === "zh-CN" ? operation.nameEn : operation.nameZh}
          </p>
          <p className="muted small">
            <code className="operation-code">{operation.code}</code>
          </p>
        </div>
        <div className="actions-row operation-actions">
          {canSeeFigures ? (
            <Link to={`/dashboard?operation=${operation.id}`} className="button button-light">
              {t("operations.figures")}
            </Link>
          ) : null}
          <Link to={`/operations/${operation.id}/edit`} className="button">
            {t("operations.edit")}
          </Link>
        </div>
      </header>

      {notice && NOTICES.includes(notice) ? (
        <p className="notice" role="status">
          {t(`operations.notice.${notice}`, { reference })}
          {notice === "attached" && movedFrom ? ` ${t("operations.notice.movedFrom", { name: name(movedFrom) })}` : null}
        </p>
      ) : null}

      <section className="card" aria-labelledby="operation-facts-title">
        <h2 id="operation-facts-title">{t("operations.detail.facts")}</h2>
        <dl className="facts facts-wide">
          <div>
            <dt>{t("operations.columns.period")}</dt>
            <dd>
              <OperationPeriod startsOn={operation.startsOn} endsOn={operation.endsOn} />
            </dd>
          </div>
          <div>
            <dt>{t("operations.columns.status")}</dt>
            <dd>{t(`operations.status.${operation.status}`)}</dd>
          </div>
          <div>
            <dt>{t("operations.columns.leads")}</dt>
            <dd>{formatNumber(operation.attachedLeads, locale)}</dd>
          </div>
          <div>
            <dt>{t("operations.detail.version")}</dt>
            <dd>{operation.version}</dd>
          </div>
          <div>
            <dt>{t("operations.detail.created")}</dt>
            <dd>
              {formatDateTime(operation.createdAt, locale, timeZone)}
              {operation.createdBy ? <div className="muted small">{operation.createdBy}</div> : null}
            </dd>
          </div>
          <div>
            <dt>{t("operations.detail.updated")}</dt>
            <dd>{formatDateTime(operation.updatedAt, locale, timeZone)}</dd>
          </div>
        </dl>
        <h3>{t("operations.columns.agencies")}</h3>
        <ul className="operation-agencies" aria-label={t("operations.columns.agencies")}>
          {operation.agencies.map((agency) => (
            <li key={agency.id} className="tag">
              {name(agency)}
            </li>
          ))}
        </ul>
        {operation.agencies.length === 0 ? <p className="muted">{t("operations.detail.noAgencies")}</p> : null}
        <h3>{t("operations.form.description")}</h3>
        {operation.description ? <p className="operation-description">{operation.description}</p> : <p className="muted">{t("operations.detail.noDescription")}</p>}
      </section>

      <section className="card" id="leads" aria-labelledby="operation-leads-title">
        <h2 id="operation-leads-title">{t("operations.leads.title", { count: operation.attachedLeads })}</h2>
        {operation.countsByStatus.length ? (
          <ul className="status-counts" aria-label={t("operations.leads.byStatus")} data-testid="status-counts">
            {operation.countsByStatus.map((entry) => (
              <li key={entry.status}>
                <span className="status-count">{formatNumber(entry.count, locale)}</span> {t(`caseVocabulary.status.${entry.status}`)}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("operations.leads.none")}</p>
        )}

        {canAttach ? (
          <div className="attach-block">
            <h3>{t("operations.attach.title")}</h3>
            <AttachForm lastResult={actionData?.intent === "attach" ? actionData.result : undefined} />
          </div>
        ) : null}

        {leads === null ? (
          <p className="notice notice-info" role="note">
            {t("operations.leads.countsOnly")}
          </p>
        ) : (
          <>
            {leads.inScope < operation.attachedLeads ? (
              <p className="muted small">{t("operations.leads.outOfScope", { count: operation.attachedLeads - leads.inScope })}</p>
            ) : null}
            {leads.items.length ? (
              <div className="table-wrap">
                <table className="attached-leads">
                  <thead>
                    <tr>
                      <th scope="col">{t("operations.leads.reference")}</th>
                      <th scope="col">{t("operations.leads.leadTitle")}</th>
                      <th scope="col">{t("operations.leads.status")}</th>
                      <th scope="col">{t("operations.leads.agency")}</th>
                      {canAttach ? <th scope="col">{t("operations.leads.actions")}</th> : null}
                    </tr>
                  </thead>
                  <tbody>
                    {leads.items.map((lead) => (
                      <tr key={lead.id} data-testid={`lead-${lead.reference}`}>
                        <td className="nowrap">
                          <Link to={`/cases/${lead.id}`}>{lead.reference}</Link>
                        </td>
                        <td>{lead.title}</td>
                        <td className="nowrap">{t(`caseVocabulary.status.${lead.status}`)}</td>
                        <td className="nowrap">{lead.agency ? name(lead.agency) : <span className="muted">{t("operations.leads.notReferred")}</span>}</td>
                        {canAttach ? (
                          <td className="cell-actions">
                            <DetachForm
                              caseId={lead.id}
                              reference={lead.reference}
                              lastResult={actionData?.intent === "detach" && actionData.caseId === lead.id ? actionData.result : undefined}
                            />
                          </td>
                        ) : null}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
            {leads.pageCount > 1 ? (
              <nav className="pager" aria-label={t("operations.leads.pages")}>
                {leads.page > 1 ? <Link to={`?page=${leads.page - 1}#leads`}>{t("operations.leads.previous")}</Link> : null}
                <span>{t("operations.leads.pageOf", { page: leads.page, pages: leads.pageCount })}</span>
                {leads.page < leads.pageCount ? <Link to={`?page=${leads.page + 1}#leads`}>{t("operations.leads.next")}</Link> : null}
              </nav>
            ) : null}
          </>
        )}

      </section>

      <section className="card" aria-labelledby="operation-history-title">
        <h2 id="operation-history-title">{t("operations.history.title")}</h2>
        {operation.history.length === 0 ? (
          <p className="muted">{t("operations.history.none")}</p>
        ) : (
          <ol className="operation-history">
            {operation.history.map((entry) => (
              <li key={entry.seq}>
                <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt, locale, timeZone)}</time>{" "}
                <span>{historyLine(entry, t, name)}</span>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

function historyLine(
  entry: OperationHistoryEntry,
  t: ReturnType<typeof useTranslation>["t"],
  name: (entry: { nameZh: string; nameEn: string }) => string,
): string {
  const actor = entry.actorName ?? t("operations.conflict.someone");
  const fields = entry.fields.map((field) => t(`operations.form.${field === "agencyIds" ? "agencies" : field}`)).join(t("operations.listSeparator"));
  switch (entry.action) {
    case "joint_operation.created":
      return t("operations.history.created", { actor });
    case "joint_operation.updated":
      return t("operations.history.updated", { actor, fields });
    case "case.joint_operation_attached":
      return entry.movedFrom
        ? t("operations.history.attachedMoved", { actor, reference: entry.reference ?? "", from: name(entry.movedFrom) })
        : t("operations.history.attached", { actor, reference: entry.reference ?? "" });
    case "case.joint_operation_moved_away":
      return t("operations.history.movedAway", { actor, reference: entry.reference ?? "", to: entry.movedTo ? name(entry.movedTo) : "" });
    case "case.joint_operation_detached":
      return t("operations.history.detached", { actor, reference: entry.reference ?? "", reason: entry.reason ?? "" });
    default:
      return entry.action;
  }
}

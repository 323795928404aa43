/**
 * The officers on a case (/cases/:id): who is assigned, who leads, since when and by whom; for the
 * agency's supervisor, forms to assign an officer of the agency, make one the lead officer, or take one
 * off the case (POST /cases/:id/assignments). The server checks everything again.
 */
import { getFormProps, getSelectProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { useFetcher, useSearchParams } from "@remix-run/react";
import { useEffect, useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/ui/form";
import { AssignmentFormSchema } from "~/domain/assignments.schema";
import type { AssignmentPanelData, AssignmentRefusal } from "~/domain/assignments.server";
import { formatDateTime } from "~/lib/i18n";
import type { action as assignmentAction } from "~/routes/cases.$id.assignments";
import { useTextContext } from "./workflow-form";

export function AssignmentPanel({ caseId, data }: { caseId: string; data: AssignmentPanelData | null }) {
  const { t, locale, timeZone } = useTextContext();
  if (!data) return null;
  return (
    <section id="assignments" className="card assignment-panel" aria-labelledby="assignments-title">
      <h2 id="assignments-title">{t("assignment.title")}</h2>
      <AssignmentNotice />
      {data.assignments.length === 0 ? (
        <p className="muted">{t("assignment.none")}</p>
      ) : (
        <ul className="assignment-list">
          {data.assignments.map((assignment) => (
            <li key={assignment.id} className="assignment" data-officer={assignment.name}>
              <div>
                <strong>{assignment.name}</strong>{" "}
                {assignment.isLead ? <span className="tag tag-lead">{t("assignment.lead")}</span> : null}
                <p className="muted assignment-meta">
                  {t("assignment.assignedBy", {
                    name: assignment.assignedByName ?? t("workflow.timeline.unknownActor"),
                    time: formatDateTime(assignment.assignedAt, locale, timeZone),
                  })}
                </p>
              </div>
              {data.assignable ? (
                <div className="assignment-actions">
                  {!assignment.isLead ? (
                    <AssignmentForm caseId={caseId} formKey={`lead-${assignment.id}`}>
                      <input type="hidden" name="assignmentId" value={assignment.id} />
                      <button type="submit" name="intent" value="make_lead" className="button workflow-button-secondary">
                        {t("assignment.makeLead", { name: assignment.name })}
                      </button>
                    </AssignmentForm>
                  ) : null}
                  <AssignmentForm caseId={caseId} formKey={`end-${assignment.id}`}>
                    <input type="hidden" name="assignmentId" value={assignment.id} />
                    <button type="submit" name="intent" value="unassign" className="button workflow-button-secondary">
                      {t("assignment.unassign", { name: assignment.name })}
                    </button>
                  </AssignmentForm>
                </div>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {data.assignable && data.candidates ? <AssignForm caseId={caseId} candidates={data.candidates} /> : null}
    </section>
  );
}

function AssignForm({ caseId, candidates }: { caseId: string; candidates: { id: string; name: string }[] }) {
  const { t } = useTranslation();
  if (candidates.length === 0) return <p className="muted">{t("assignment.noCandidates")}</p>;
  return (
    <AssignmentForm caseId={caseId} formKey="assign" title={t("assignment.assignTitle")}>
      {(fields) => (
        <>
          <div className="field" data-invalid={fields.officerId.errors?.length ? true : undefined}>
            <label htmlFor={fields.officerId.id}>{t("assignment.officer")}</label>
            <select {...getSelectProps(fields.officerId)} required>
              <option value="">{t("assignment.chooseOfficer")}</option>
              {candidates.map((officer) => (
                <option key={officer.id} value={officer.id}>
                  {officer.name}
                </option>
              ))}
            </select>
            <ErrorList id={fields.officerId.errorId} errors={fields.officerId.errors} />
          </div>
          <div className="checkbox">
            <input type="checkbox" id="assignment-assign-lead" name="lead" value="on" />
            <label htmlFor="assignment-assign-lead">{t("assignment.asLead")}</label>
          </div>
          <button type="submit" name="intent" value="assign" className="button">
            {t("assignment.assign")}
          </button>
        </>
      )}
    </AssignmentForm>
  );
}

type Fields = ReturnType<typeof useForm<{ officerId?: string; assignmentId?: string }>>[1];

function AssignmentForm({
  caseId,
  formKey,
  title,
  children,
}: {
  caseId: string;
  formKey: string;
  title?: string;
  children: ReactNode | ((fields: Fields) => ReactNode);
}) {
  const { t } = useTranslation();
  const fetcher = useFetcher<typeof assignmentAction>({ key: `assignment-${formKey}-${caseId}` });
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  const reply = fetcher.state === "idle" ? fetcher.data : undefined;
  const [form, fields] = useForm<{ officerId?: string; assignmentId?: string }>({
    id: `assignment-${formKey}`,
    lastResult: reply?.result,
    shouldValidate: "onSubmit",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AssignmentFormSchema }),
  });
  return (
    <fetcher.Form method="post" action={`/cases/${caseId}/assignments`} className="assignment-form" {...getFormProps(form)}>
      {title ? <h3>{title}</h3> : null}
      {hydrated ? <input type="hidden" name="js" value="1" /> : null}
      {reply?.refusal ? (
        <p className="workflow-error" role="alert">
          {refusalMessage(t, reply.refusal)}
        </p>
      ) : null}
      <ErrorList id={form.errorId} errors={form.errors} />
      {typeof children === "function" ? children(fields) : children}
    </fetcher.Form>
  );
}

function refusalMessage(t: ReturnType<typeof useTranslation>["t"], refusal: AssignmentRefusal): string {
  switch (refusal.code) {
    case "wrong_state":
      return t("assignment.errors.wrong_state", { status: t(`caseVocabulary.status.${refusal.status}`) });
    case "already_assigned":
      return t("assignment.errors.already_assigned", { name: refusal.name });
    case "officer_not_assignable":
    case "not_assigned":
      return t(`assignment.errors.${refusal.code}`);
  }
}

/** ?assignmentDone=… after a change, ?assignmentError=… when it was refused without JavaScript. */
function AssignmentNotice() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const done = searchParams.get("assignmentDone");
  const error = searchParams.get("assignmentError");
  if (done === "assign" || done === "unassign" || done === "make_lead") {
    return (
      <p className="notice" role="status">
        {t(`assignment.done.${done}`)}
      </p>
    );
  }
  if (error) {
    const known = ["officer_not_assignable", "already_assigned_generic", "not_assigned", "wrong_state_generic"];
    const key = error === "already_assigned" || error === "wrong_state" ? `${error}_generic` : error;
    return (
      <p className="workflow-error" role="alert">
        {t(`assignment.errors.${known.includes(key) ? key : "invalid"}`)}
      </p>
    );
  }
  return null;
}

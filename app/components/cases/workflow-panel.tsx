/**
 * The workflow panel of /cases/:id: the state, where the lead went and its decision clock, the agency's
 * decision (the questions of a return for information, the reason of a decline, and then the other
 * agencies whose MOU fits), the note that brought it here, and a form for each step the viewer may take
 * now — the platform's (workflow-panel.tsx) and the agency's (workflow-police.tsx) — with the reason for
 * each one they may not. Forms post to /cases/:id/workflow (workflow-form.tsx). The server decides
 * everything shown here again (getWorkflowView, applyTransition); this only mirrors it.
 */
import type { FieldMetadata } from "@conform-to/react";
import { useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { StatusBadge } from "./case-badges";
import type { Transition, WorkflowActionView, WorkflowView } from "~/domain/case-workflow";
import { isTransition } from "~/domain/case-workflow";
import type { AgencyVerdict } from "~/domain/mou-routing";
import { formatDateTime } from "~/lib/i18n";
import workflowStyles from "~/styles/workflow.css";
import { DecisionClock } from "./decision-clock";
import { DecisionNotice, ReroutingSuggestions } from "./workflow-decision";
import { NoteField, SubmitButton, TransitionForm, useTextContext } from "./workflow-form";
import { PoliceActions } from "./workflow-police";
import { agencyName, refusalCodeText, refusalText, verdictProblems } from "./workflow-text";
import { ErrorList } from "~/components/ui/form";

/** The stylesheet of the panel and the timeline, for the `links` of the route that renders them. */
export const workflowLinks = [{ rel: "stylesheet", href: workflowStyles }];


export function WorkflowPanel({ caseId, workflow }: { caseId: string; workflow: WorkflowView }) {
  const context = useTextContext();
  const { t } = context;
  const byTransition = new Map(workflow.actions.map((action) => [action.transition, action]));
  const allowed = (transition: Transition) => byTransition.get(transition)?.allowed === true;
  const blocked = workflow.actions.filter((action) => !action.allowed);
  // The decision's own notice shows its text; the generic "note that led here" would repeat it.
  const decisionShown =
    workflow.decision !== null &&
    ((workflow.status === "declined" && workflow.decision.decision === "declined") ||
      (workflow.status === "returned_for_info" && workflow.decision.decision === "returned_for_info"));
  const formProps = { caseId, version: workflow.version };

  return (
    <section id="workflow" className="card workflow-panel" aria-labelledby="workflow-title">
      <header className="workflow-header">
        <h2 id="workflow-title">{t("workflow.panel.title")}</h2>
        <p className="workflow-status-line">
          <span className="muted">{t("workflow.panel.status")}</span>{" "}
          <StatusBadge status={workflow.status} />
        </p>
      </header>
      <OutcomeNotice />
      <DecisionNotice workflow={workflow} />
      {workflow.latestNote && !decisionShown ? <LatestNote note={workflow.latestNote} /> : null}
      {workflow.target ? <ReferralTarget workflow={workflow} /> : null}
      <ReroutingSuggestions workflow={workflow} />
      <PoliceActions caseId={caseId} workflow={workflow} />

      {allowed("submit_for_review") ? (
        <TransitionForm {...formProps} formKey="submit" title={t("workflow.transition.submit_for_review")}>
          {({ fields, busy }) => (
            <>
              <p className="muted">{t("workflow.submitForReview.intro")}</p>
              <NoteField field={fields.note} label={t("workflow.submitForReview.noteLabel")} />
              <SubmitButton intent="submit_for_review" busy={busy} />
            </>
          )}
        </TransitionForm>
      ) : null}

      {allowed("approve") || allowed("return_to_draft") ? (
        <TransitionForm {...formProps} formKey="review" title={t("workflow.review.title")}>
          {({ fields, busy }) => (
            <>
              <p className="muted">{t("workflow.review.intro")}</p>
              <NoteField field={fields.note} label={t("workflow.review.noteLabel")} hint={t("workflow.review.noteHint")} />
              <div className="workflow-buttons">
                {allowed("approve") ? <SubmitButton intent="approve" busy={busy} /> : null}
                {allowed("return_to_draft") ? <SubmitButton intent="return_to_draft" busy={busy} secondary /> : null}
              </div>
            </>
          )}
        </TransitionForm>
      ) : null}

      {allowed("refer") && workflow.agencies ? (
        <TransitionForm {...formProps} formKey="refer" title={t("workflow.transition.refer")}>
          {({ fields, busy }) => (
            <>
              <p className="muted">{t("workflow.refer.intro")}</p>
              <AgencyChoice field={fields.agencyId} agencies={workflow.agencies!.filter((verdict) => verdict.eligible)} />
              <NoteField field={fields.note} label={t("workflow.refer.noteLabel")} />
              <SubmitButton intent="refer" busy={busy} />
            </>
          )}
        </TransitionForm>
      ) : null}
      {workflow.agencies?.some((verdict) => !verdict.eligible) ? (
        <RefusedAgencies agencies={workflow.agencies.filter((verdict) => !verdict.eligible)} />
      ) : null}

      {allowed("resubmit") ? (
        <TransitionForm {...formProps} formKey="resubmit" title={t("workflow.transition.resubmit")}>
          {({ fields, busy }) => (
            <>
              <p className="muted">
                {t("workflow.resubmit.intro", {
                  agency: workflow.target ? agencyName(context.locale, { nameZh: workflow.target.agencyNameZh, nameEn: workflow.target.agencyNameEn }) : "",
                })}
              </p>
              <NoteField field={fields.note} label={t("workflow.resubmit.noteLabel")} required />
              <SubmitButton intent="resubmit" busy={busy} />
            </>
          )}
        </TransitionForm>
      ) : null}

      {blocked.length > 0 ? <BlockedActions actions={blocked} /> : null}

      {allowed("withdraw") ? (
        <details className="workflow-withdraw">
          <summary>{t("workflow.transition.withdraw")}</summary>
          <TransitionForm {...formProps} formKey="withdraw">
            {({ fields, busy }) => (
              <>
                <p className="muted">{t("workflow.withdraw.intro")}</p>
                <NoteField field={fields.note} label={t("workflow.withdraw.noteLabel")} required />
                <SubmitButton intent="withdraw" busy={busy} danger />
              </>
            )}
          </TransitionForm>
        </details>
      ) : null}

      {workflow.actions.every((action) => !action.allowed) ? <p className="muted">{t("workflow.panel.nothingToDo")}</p> : null}
    </section>
  );
}

/** The notice after a step (?done=…) or a refusal sent back without JavaScript (?workflowError=…). */
function OutcomeNotice() {
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const done = searchParams.get("done");
  const error = searchParams.get("workflowError");
  if (done && isTransition(done)) {
    return (
      <p className="notice" role="status">
        {t(`workflow.done.${done}`)}
      </p>
    );
  }
  if (error) {
    return (
      <p className="workflow-error" role="alert">
        {refusalCodeText(t, error, searchParams.get("intent"))}
      </p>
    );
  }
  return null;
}

function LatestNote({ note }: { note: NonNullable<WorkflowView["latestNote"]> }) {
  const { t, locale, timeZone } = useTextContext();
  const key = note.action === "case.returned_to_draft" || note.action === "case.withdrawn" ? note.action : "other";
  return (
    <div className="workflow-note">
      <p className="workflow-note-head">
        {t(`workflow.latestNote.${key}`, {
          name: note.byName ?? t("workflow.timeline.unknownActor"),
          time: formatDateTime(note.at, locale, timeZone),
        })}
      </p>
      <blockquote>{note.text}</blockquote>
    </div>
  );
}

function ReferralTarget({ workflow }: { workflow: WorkflowView }) {
  const { t, locale, timeZone } = useTextContext();
  const target = workflow.target!;
  const clockRunning = workflow.status === "submitted" && target.decisionDueAt;
  return (
    <div className="workflow-target" aria-labelledby="workflow-target-title">
      <h3 id="workflow-target-title">{t("workflow.target.title")}</h3>
      <dl className="facts">
        <div>
          <dt>{t("workflow.target.agency")}</dt>
          <dd>{agencyName(locale, { nameZh: target.agencyNameZh, nameEn: target.agencyNameEn })}</dd>
        </div>
        {target.mouReference ? (
          <div>
            <dt>{t("workflow.target.mou")}</dt>
            <dd>{target.mouReference}</dd>
          </div>
        ) : null}
        {target.submittedAt ? (
          <div>
            <dt>{t("workflow.target.submittedAt")}</dt>
            <dd>{formatDateTime(target.submittedAt, locale, timeZone)}</dd>
          </div>
        ) : null}
        {target.decisionDueAt ? (
          <div>
            <dt>{t("workflow.target.decisionDueAt")}</dt>
            <dd>
              <time dateTime={target.decisionDueAt}>{formatDateTime(target.decisionDueAt, locale, timeZone)}</time>
              {clockRunning ? <DecisionClock dueAt={target.decisionDueAt} computedAt={workflow.computedAt} /> : null}
            </dd>
          </div>
        ) : null}
      </dl>
      {workflow.status === "returned_for_info" ? <p className="muted">{t("workflow.target.clockPaused")}</p> : null}
    </div>
  );
}

function AgencyChoice({ field, agencies }: { field: FieldMetadata<string | undefined>; agencies: AgencyVerdict[] }) {
  const { t, locale } = useTextContext();
  // One agency on offer is chosen for the user; with several, they choose.
  const chosen = field.initialValue ?? (agencies.length === 1 ? agencies[0]!.agency.id : undefined);
  return (
    <fieldset className="field workflow-agencies" data-invalid={field.errors?.length ? true : undefined} aria-describedby={field.errors?.length ? field.errorId : undefined}>
      <legend>{t("workflow.refer.agencyLegend")}</legend>
      {agencies.map((verdict) => (
        <label key={verdict.agency.id} className="workflow-agency">
          <input type="radio" name={field.name} value={verdict.agency.id} defaultChecked={chosen === verdict.agency.id} required />
          <span className="workflow-agency-name">{agencyName(locale, verdict.agency)}</span>
          <span className="muted workflow-agency-terms">
              {t("workflow.refer.agencyOption", { mou: verdict.mou?.reference ?? "", days: verdict.mou?.decisionPeriodDays ?? 0 })}
              {" · "}
              {verdict.mou?.effectiveUntil
                ? t("workflow.refer.inForceUntil", { date: verdict.mou.effectiveUntil })
                : t("workflow.refer.openEnded")}
          </span>
        </label>
      ))}
      <ErrorList id={field.errorId} errors={field.errors} />
    </fieldset>
  );
}

function RefusedAgencies({ agencies }: { agencies: AgencyVerdict[] }) {
  const context = useTextContext();
  return (
    <div className="workflow-refused" aria-labelledby="workflow-refused-title">
      <h3 id="workflow-refused-title">{context.t("workflow.refer.refused")}</h3>
      <ul className="workflow-refused-list">
        {agencies.map((verdict) => (
          <li key={verdict.agency.id} data-agency={verdict.agency.code} data-agency-id={verdict.agency.id}>
            <strong>{agencyName(context.locale, verdict.agency)}</strong>
            <ul>
              {verdictProblems(context, verdict).map((problem) => (
                <li key={problem}>{problem}</li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
}

function BlockedActions({ actions }: { actions: WorkflowActionView[] }) {
  const context = useTextContext();
  return (
    <div className="workflow-blocked" aria-labelledby="workflow-blocked-title">
      <h3 id="workflow-blocked-title">{context.t("workflow.panel.notAvailable")}</h3>
      <ul>
        {actions.map((action) => {
          const explained = action.refusal ? refusalText(context, action.refusal) : null;
          return (
            <li key={action.transition}>
              <strong>{context.t(`workflow.transition.${action.transition}`)}</strong>
              {explained ? <span>{explained.message}</span> : null}
              {explained?.details.length ? (
                <ul>
                  {explained.details.map((detail) => (
                    <li key={detail}>{detail}</li>
                  ))}
                </ul>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/**
 * The agency's steps on the workflow panel: the decision on a referral (accept with an optional note,
 * decline with a reason code and text, return for information with questions), then the investigation
 * (start, transfer for prosecution, close with a closure reason and note). A raid is not a button: it is
 * recorded with its sites and seizures on the raid form, which moves the case to "raided" itself.
 */
import { Link } from "@remix-run/react";
import type { Transition, WorkflowView } from "~/domain/case-workflow";
import { NoteField, ReasonSelect, SubmitButton, TransitionForm, useTextContext } from "./workflow-form";

export function PoliceActions({ caseId, workflow }: { caseId: string; workflow: WorkflowView }) {
  const { t } = useTextContext();
  const allowed = (transition: Transition) => workflow.actions.some((action) => action.transition === transition && action.allowed);
  const formProps = { caseId, version: workflow.version };
  const decides = allowed("accept") || allowed("decline") || allowed("return_for_info");

  return (
    <>
      {decides ? (
        <div className="workflow-decide" role="group" aria-labelledby="workflow-decide-title">
          <h3 id="workflow-decide-title">{t("workflow.decide.title")}</h3>
          <p className="muted">{t("workflow.decide.intro")}</p>
          {allowed("accept") ? (
            <TransitionForm {...formProps} formKey="accept" title={t("workflow.transition.accept")}>
              {({ fields, busy }) => (
                <>
                  <NoteField field={fields.note} label={t("workflow.decide.acceptNoteLabel")} rows={2} />
                  <SubmitButton intent="accept" busy={busy} />
                </>
              )}
            </TransitionForm>
          ) : null}
          {allowed("return_for_info") ? (
            <details className="workflow-more">
              <summary>{t("workflow.decide.returnTitle")}</summary>
              <TransitionForm {...formProps} formKey="return_for_info">
                {({ fields, busy }) => (
                  <>
                    <p className="muted">{t("workflow.decide.returnIntro")}</p>
                    <NoteField field={fields.note} label={t("workflow.decide.returnNoteLabel")} hint={t("workflow.decide.returnNoteHint")} required rows={4} />
                    <SubmitButton intent="return_for_info" busy={busy} secondary />
                  </>
                )}
              </TransitionForm>
            </details>
          ) : null}
          {allowed("decline") ? (
            <details className="workflow-more workflow-more-danger">
              <summary>{t("workflow.decide.declineTitle")}</summary>
              <TransitionForm {...formProps} formKey="decline">
                {({ fields, busy }) => (
                  <>
                    <p className="muted">{t("workflow.decide.declineIntro")}</p>
                    <ReasonSelect field={fields.reasonCode} kind="decline" label={t("workflow.decide.declineReasonLabel")} />
                    <NoteField field={fields.note} label={t("workflow.decide.declineNoteLabel")} hint={t("workflow.decide.declineNoteHint")} required />
                    <SubmitButton intent="decline" busy={busy} danger />
                  </>
                )}
              </TransitionForm>
            </details>
          ) : null}
        </div>
      ) : null}

      {allowed("start_investigation") ? (
        <TransitionForm {...formProps} formKey="start_investigation" title={t("workflow.transition.start_investigation")}>
          {({ fields, busy }) => (
            <>
              <p className="muted">{t("workflow.investigate.startIntro")}</p>
              <NoteField field={fields.note} label={t("workflow.investigate.noteLabel")} rows={2} />
              <SubmitButton intent="start_investigation" busy={busy} />
            </>
          )}
        </TransitionForm>
      ) : null}

      {allowed("record_raid") ? (
        <div className="workflow-action" role="group" aria-labelledby="workflow-raid-title">
          <h3 id="workflow-raid-title">{t("workflow.transition.record_raid")}</h3>
          <p className="muted">{t("workflow.investigate.raidIntro", { status: t("caseVocabulary.status.raided") })}</p>
          <Link to={`/cases/${caseId}/raids/new`} className="button">
            {t("workflow.investigate.raidLink")}
          </Link>
        </div>
      ) : null}

      {allowed("transfer_for_prosecution") ? (
        <TransitionForm {...formProps} formKey="transfer_for_prosecution" title={t("workflow.transition.transfer_for_prosecution")}>
          {({ fields, busy }) => (
            <>
              <p className="muted">{t("workflow.investigate.prosecutionIntro")}</p>
              <NoteField field={fields.note} label={t("workflow.investigate.noteLabel")} rows={2} />
              <SubmitButton intent="transfer_for_prosecution" busy={busy} />
            </>
          )}
        </TransitionForm>
      ) : null}

      {allowed("close") ? (
        <details className="workflow-withdraw">
          <summary>{t("workflow.transition.close")}</summary>
          <TransitionForm {...formProps} formKey="close">
            {({ fields, busy }) => (
              <>
                <p className="muted">{t("workflow.investigate.closeIntro")}</p>
                <ReasonSelect field={fields.reasonCode} kind="closure" label={t("workflow.investigate.closeReasonLabel")} />
                <NoteField field={fields.note} label={t("workflow.investigate.closeNoteLabel")} required />
                <SubmitButton intent="close" busy={busy} danger />
              </>
            )}
          </TransitionForm>
        </details>
      ) : null}
    </>
  );
}

/**
 * Investigation notes: the diary of the case as the viewer may read it (the platform sees only the shared
 * ones), newest last, and — for the agency's officers and supervisors — the form to add one, agency-only
 * unless they choose to share it. Notes are never edited or deleted. The form posts to /cases/:id/notes
 * (through a fetcher with JavaScript, its errors beside it; without, the notes page shows them).
 */
import { getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, useFetcher } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/ui/form";
import { useHydrated } from "~/components/ui/use-hydrated";
import { NOTE_VISIBILITIES, POLICE_LIMITS, type NoteView } from "~/domain/police";
import { NoteFormSchema } from "~/domain/police.schema";
import { DEFAULT_LOCALE, formatDateTime } from "~/lib/i18n";
import { useRootData } from "~/root";

export function NoteList({ notes }: { notes: NoteView[] }) {
  const { t } = useTranslation();
  const root = useRootData();
  const locale = root?.locale ?? DEFAULT_LOCALE;
  const timeZone = root?.timeZone ?? "Asia/Shanghai";
  if (!notes.length) return <p className="muted">{t("police.notes.empty")}</p>;
  return (
    <ol className="police-notes">
      {notes.map((note) => (
        <li key={note.id} className="police-note" data-visibility={note.visibility}>
          <p className="police-note-meta">
            <span className={`tag police-visibility police-visibility-${note.visibility}`}>{t(`caseVocabulary.noteVisibility.${note.visibility}`)}</span>{" "}
            <time dateTime={note.createdAt}>{formatDateTime(note.createdAt, locale, timeZone)}</time>
            {" · "}
            {note.authorName}
            <span className="muted">
              {" · "}
              {locale === "zh-CN" ? note.organisationNameZh : note.organisationNameEn}
            </span>
          </p>
          <p className="police-note-body">{note.body}</p>
        </li>
      ))}
    </ol>
  );
}

export interface NoteActionData {
  ok?: boolean;
  result?: SubmissionResult<string[]>;
  notAllowed?: string;
}

export function NoteForm({ caseId, reply, standalone }: { caseId: string; reply?: NoteActionData; standalone?: boolean }) {
  const { t } = useTranslation();
  const fetcher = useFetcher<NoteActionData>();
  const answer = standalone ? reply : fetcher.data;
  const [form, fields] = useForm({
    id: "note-form",
    lastResult: answer?.result,
    defaultValue: { visibility: "agency" },
    constraint: getZodConstraint(NoteFormSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NoteFormSchema }),
  });
  const FormComponent = standalone ? Form : fetcher.Form;
  const busy = fetcher.state !== "idle";
  const hydrated = useHydrated();
  // A note added through the fetcher: the list reloads; the form empties for the next one.
  const added = useRef<NoteActionData | undefined>(undefined);
  useEffect(() => {
    if (fetcher.state === "idle" && fetcher.data?.ok && added.current !== fetcher.data) {
      added.current = fetcher.data;
      form.reset();
    }
  }, [fetcher.state, fetcher.data, form]);

  return (
    <FormComponent method="post" action={`/cases/${caseId}/notes`} {...getFormProps(form)} className="police-note-form">
      {/* With JavaScript the answer comes back as data (the fetcher); without, the browser follows a redirect. */}
      {hydrated && !standalone ? <input type="hidden" name="js" value="1" /> : null}
      <h3>{t("police.notes.formTitle")}</h3>
      {answer?.notAllowed ? (
        <p className="field-errors" role="alert">
          {t("police.notes.notAllowed", { status: t(`caseVocabulary.status.${answer.notAllowed}`) })}
        </p>
      ) : null}
      <div className="field" data-invalid={fields.body.errors?.length ? true : undefined}>
        <label htmlFor={fields.body.id}>{t("police.notes.body")}</label>
        <textarea {...getTextareaProps(fields.body)} key={fields.body.key} rows={4} maxLength={POLICE_LIMITS.noteLength} />
        <ErrorList id={fields.body.errorId} errors={fields.body.errors} />
      </div>
      <fieldset className="police-choice" aria-describedby={`${fields.visibility.id}-hint`}>
        <legend>{t("police.notes.visibility")}</legend>
        {NOTE_VISIBILITIES.map((visibility) => (
          <label key={visibility} className="checkbox">
            <input
              type="radio"
              name={fields.visibility.name}
              value={visibility}
              defaultChecked={(fields.visibility.initialValue ?? "agency") === visibility}
              key={`${fields.visibility.key}-${visibility}`}
            />
            {t(`police.notes.visibilityOption.${visibility}`)}
          </label>
        ))}
        <p className="field-hint" id={`${fields.visibility.id}-hint`}>
          {t("police.notes.visibilityHint")}
        </p>
        <ErrorList id={fields.visibility.errorId} errors={fields.visibility.errors} />
      </fieldset>
      <button type="submit" className="button" disabled={busy}>
        {busy ? t("police.saving") : t("police.notes.add")}
      </button>
    </FormComponent>
  );
}

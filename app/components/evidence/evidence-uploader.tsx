/**
 * The uploader: several files at once, one request each, a progress bar each (XMLHttpRequest reports upload
 * progress; fetch does not). Each file is described on its own (kind, sensitivity, description); who captured
 * them and when applies to the batch. Without JavaScript the same form posts every file in one request, all
 * described alike, and the case page reports the result.
 */
import { useRevalidator } from "@remix-run/react";
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useRootData } from "~/root";
import {
  ACCEPTED_EXTENSIONS,
  CASE_EVIDENCE_KINDS,
  EVIDENCE_SENSITIVITIES,
  formatFileSize,
  guessEvidenceKind,
  type EvidenceRejection,
  type EvidenceUploadAnswer,
} from "~/domain/evidence";
import { DEFAULT_LOCALE } from "~/lib/i18n";
import { HashValue } from "./hash-value";
import { RejectionMessage } from "./rejection-message";

type QueueStatus = "ready" | "uploading" | "checking" | "done" | "failed";

interface QueueItem {
  key: string;
  file: File;
  kind: string;
  sensitivity: string;
  description: string;
  status: QueueStatus;
  /** 0..1 of the bytes sent. */
  progress: number;
  sha256?: string;
  rejection?: EvidenceRejection;
  /** A failure that is not the file's fault (network, session). */
  problem?: "network" | "session" | "server";
}

/** Two at a time: both bars move, and neither the link nor the server is swamped. */
const CONCURRENT_UPLOADS = 2;

export function EvidenceUploader({ caseId, maxUploadBytes }: { caseId: string; maxUploadBytes?: number }) {
  const { t } = useTranslation();
  const locale = useRootData()?.locale ?? DEFAULT_LOCALE;
  const revalidator = useRevalidator();
  const formId = useId();
  const [enhanced, setEnhanced] = useState(false);
  const [queue, setQueue] = useState<QueueItem[]>([]);
  const [capturedBy, setCapturedBy] = useState("");
  const [capturedAt, setCapturedAt] = useState("");
  const [formError, setFormError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const nextKey = useRef(0);
  useEffect(() => setEnhanced(true), []);

  const update = useCallback((key: string, change: Partial<QueueItem>) => {
    setQueue((items) => items.map((item) => (item.key === key ? { ...item, ...change } : item)));
  }, []);

  function addFiles(files: FileList | null) {
    if (!files?.length) return;
    setFormError(null);
    const added: QueueItem[] = Array.from(files).map((file) => {
      nextKey.current += 1;
      const tooLarge = maxUploadBytes !== undefined && file.size > maxUploadBytes;
      const rejection: EvidenceRejection | undefined = tooLarge
        ? { code: "too_large", maxBytes: maxUploadBytes }
        : file.size === 0
          ? { code: "empty" }
          : undefined;
      return {
        key: `f${nextKey.current}`,
        file,
        kind: guessEvidenceKind(file.name, file.type),
        sensitivity: "normal",
        description: "",
        status: rejection ? "failed" : "ready",
        progress: 0,
        rejection,
      };
    });
    setQueue((items) => [...items, ...added]);
    if (fileInput.current) fileInput.current.value = "";
  }

  function send(item: QueueItem): Promise<void> {
    return new Promise((resolve) => {
      const body = new FormData();
      // Fields first: the server reads them before the file's bytes arrive.
      body.append("kind", item.kind);
      body.append("sensitivity", item.sensitivity);
      body.append("description", item.description);
      body.append("capturedBy", capturedBy);
      if (capturedAt) body.append("capturedAt", capturedAt);
      body.append("file", item.file, item.file.name);
      const request = new XMLHttpRequest();
      request.open("POST", `/cases/${caseId}/evidence`);
      request.setRequestHeader("Accept", "application/json");
      request.responseType = "json";
      request.upload.onprogress = (event) => {
        if (!event.lengthComputable) return;
        const sent = event.loaded / event.total;
        update(item.key, { progress: sent, status: sent >= 1 ? "checking" : "uploading" });
      };
      request.upload.onload = () => update(item.key, { progress: 1, status: "checking" });
      request.onload = () => {
        const answer = request.response as EvidenceUploadAnswer | null;
        if (request.responseURL && new URL(request.responseURL).pathname === "/login") {
          update(item.key, { status: "failed", problem: "session" });
        } else if (answer && answer.ok === true && answer.files[0]) {
          update(item.key, { status: "done", progress: 1, sha256: answer.files[0].sha256 });
        } else if (answer && answer.ok === false) {
          update(item.key, { status: "failed", rejection: answer.rejection });
        } else {
          update(item.key, { status: "failed", problem: request.status === 403 || request.status === 404 ? "session" : "server" });
        }
        resolve();
      };
      request.onerror = () => {
        update(item.key, { status: "failed", problem: "network" });
        resolve();
      };
      request.onabort = request.onerror;
      update(item.key, { status: "uploading", progress: 0, rejection: undefined, problem: undefined });
      request.send(body);
    });
  }

  async function uploadAll(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const pending = queue.filter((item) => item.status === "ready");
    if (pending.length === 0) {
      setFormError(queue.length ? "evidence.uploader.nothingToSend" : "evidence.rejection.no_file");
      return;
    }
    setFormError(null);
    let index = 0;
    const worker = async () => {
      while (index < pending.length) {
        const item = pending[index]!;
        index += 1;
        await send(item);
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENT_UPLOADS, pending.length) }, worker));
    revalidator.revalidate();
  }

  const busy = queue.some((item) => item.status === "uploading" || item.status === "checking");
  const readyCount = queue.filter((item) => item.status === "ready").length;
  const limitText = maxUploadBytes ? formatFileSize(maxUploadBytes, locale) : null;

  return (
    <form
      method="post"
      encType="multipart/form-data"
      action={`/cases/${caseId}/evidence`}
      className="evidence-uploader"
      aria-labelledby={`${formId}-title`}
      onSubmit={enhanced ? (event) => void uploadAll(event) : undefined}
      noValidate={enhanced}
    >
      <h3 id={`${formId}-title`}>{t("evidence.uploader.title")}</h3>
      <p className="muted">
        {limitText ? t("evidence.uploader.hintWithLimit", { limit: limitText }) : t("evidence.uploader.hint")}
      </p>

      {enhanced ? null : (
        <div className="evidence-fields">
          <KindField id={`${formId}-kind`} name="kind" defaultValue="photo" />
          <SensitivityField id={`${formId}-sensitivity`} name="sensitivity" defaultValue="normal" />
          <div className="field evidence-field-wide">
            <label htmlFor={`${formId}-description`}>{t("evidence.fields.description")}</label>
            <input id={`${formId}-description`} name="description" maxLength={2000} />
          </div>
        </div>
      )}

      <div className="evidence-fields">
        <div className="field">
          <label htmlFor={`${formId}-captured-by`}>{t("evidence.fields.capturedBy")}</label>
          <input
            id={`${formId}-captured-by`}
            name="capturedBy"
            maxLength={200}
            value={capturedBy}
            onChange={(event) => setCapturedBy(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${formId}-captured-at`}>{t("evidence.fields.capturedAt")}</label>
          <input
            id={`${formId}-captured-at`}
            name="capturedAt"
            type="datetime-local"
            value={capturedAt}
            onChange={(event) => setCapturedAt(event.target.value)}
            aria-describedby={`${formId}-captured-at-hint`}
          />
          <span id={`${formId}-captured-at-hint`} className="field-hint">
            {t("evidence.fields.capturedAtHint")}
          </span>
        </div>
      </div>

      <div className="field evidence-file-field">
        <label htmlFor={`${formId}-files`}>{t("evidence.uploader.chooseFiles")}</label>
        {/* Last in the form: without JavaScript the fields must reach the server before the files. */}
        <input
          ref={fileInput}
          id={`${formId}-files`}
          type="file"
          name={enhanced ? undefined : "file"}
          multiple
          accept={ACCEPTED_EXTENSIONS.join(",")}
          required={!enhanced}
          onChange={enhanced ? (event) => addFiles(event.target.files) : undefined}
        />
      </div>

      {queue.length > 0 ? (
        <ul className="upload-queue" aria-label={t("evidence.uploader.queue")}>
          {queue.map((item) => (
            <QueueRow key={item.key} item={item} locale={locale} onChange={(change) => update(item.key, change)} onRemove={() => setQueue((items) => items.filter((other) => other.key !== item.key))} />
          ))}
        </ul>
      ) : null}

      {formError ? (
        <p className="field-errors" role="alert">
          {t(formError)}
        </p>
      ) : null}

      <div className="evidence-uploader-actions">
        <button type="submit" className="button" disabled={busy}>
          {enhanced && readyCount > 0 ? t("evidence.uploader.uploadCount", { count: readyCount }) : t("evidence.uploader.upload")}
        </button>
        {enhanced && queue.some((item) => item.status === "done" || item.status === "failed") && !busy ? (
          <button
            type="button"
            className="button button-plain"
            onClick={() => setQueue((items) => items.filter((item) => item.status !== "done" && item.status !== "failed"))}
          >
            {t("evidence.uploader.clearFinished")}
          </button>
        ) : null}
      </div>
    </form>
  );
}

function QueueRow({
  item,
  locale,
  onChange,
  onRemove,
}: {
  item: QueueItem;
  locale: string;
  onChange: (change: Partial<QueueItem>) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const editable = item.status === "ready";
  const percent = Math.round(item.progress * 100);
  return (
    <li className={`upload-item upload-${item.status}`} data-file-name={item.file.name}>
      <div className="upload-item-head">
        <span className="upload-name">{item.file.name}</span>
        <span className="muted">{formatFileSize(item.file.size, locale)}</span>
        <span className="upload-status" role="status">
          {t(`evidence.uploader.status.${item.status}`, { percent })}
        </span>
      </div>
      <progress
        className="upload-progress"
        max={100}
        value={item.status === "done" ? 100 : item.status === "ready" || (item.status === "failed" && !item.progress) ? 0 : percent}
        aria-label={t("evidence.uploader.progressLabel", { name: item.file.name })}
      />
      {editable ? (
        <div className="evidence-fields">
          <KindField id={`${id}-kind`} value={item.kind} onChange={(kind) => onChange({ kind })} />
          <SensitivityField id={`${id}-sensitivity`} value={item.sensitivity} onChange={(sensitivity) => onChange({ sensitivity })} />
          <div className="field evidence-field-wide">
            <label htmlFor={`${id}-description`}>{t("evidence.fields.description")}</label>
            <input
              id={`${id}-description`}
              maxLength={2000}
              value={item.description}
              onChange={(event) => onChange({ description: event.target.value })}
            />
          </div>
          <button type="button" className="button button-plain" onClick={onRemove}>
            {t("evidence.uploader.remove")}
          </button>
        </div>
      ) : null}
      {item.status === "done" && item.sha256 ? (
        <p className="upload-result">
          <span className="muted">{t("evidence.hash.label")}</span> <HashValue value={item.sha256} />
        </p>
      ) : null}
      {item.status === "failed" ? (
        <div className="upload-error" role="alert">
          {item.rejection ? <RejectionMessage rejection={item.rejection} /> : <p>{t(`evidence.uploader.problem.${item.problem ?? "server"}`)}</p>}
          {item.problem || item.rejection?.code === "malformed" ? (
            <button type="button" className="button button-plain" onClick={() => onChange({ status: "ready", progress: 0, problem: undefined, rejection: undefined })}>
              {t("evidence.uploader.retry")}
            </button>
          ) : (
            <button type="button" className="button button-plain" onClick={onRemove}>
              {t("evidence.uploader.remove")}
            </button>
          )}
        </div>
      ) : null}
    </li>
  );
}

type SelectFieldProps = { id: string; name?: string; defaultValue?: string; value?: string; onChange?: (value: string) => void };

/** A select over one of the closed sets labelled under caseVocabulary.* (evidence kind, sensitivity). */
function VocabularySelect({
  label,
  options,
  vocabulary,
  ...props
}: SelectFieldProps & { label: string; options: readonly string[]; vocabulary: "evidenceKind" | "sensitivity" }) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={props.id}>{label}</label>
      <select
        id={props.id}
        name={props.name}
        defaultValue={props.defaultValue}
        value={props.value}
        onChange={props.onChange ? (event) => props.onChange!(event.target.value) : undefined}
      >
        {options.map((option) => (
          <option key={option} value={option}>
            {t(`caseVocabulary.${vocabulary}.${option}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

function KindField(props: SelectFieldProps) {
  const { t } = useTranslation();
  return <VocabularySelect {...props} label={t("evidence.fields.kind")} options={CASE_EVIDENCE_KINDS} vocabulary="evidenceKind" />;
}

function SensitivityField(props: SelectFieldProps) {
  const { t } = useTranslation();
  return (
    <VocabularySelect {...props} label={t("evidence.fields.sensitivity")} options={EVIDENCE_SENSITIVITIES} vocabulary="sensitivity" />
  );
}

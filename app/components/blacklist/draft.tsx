/**
 * The draft of the next blacklist version, for the platform's case workers: the candidates with a proposal
 * form each, the proposals awaiting review (a platform lead's review form under each), what is on the list
 * (carried forward or approved), what was rejected or removed, and the lead's sign-off.
 */
import { getCollectionProps, getFormProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod";
import { Form, Link, useNavigation, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { ErrorList, Field } from "~/components/ui/form";
import { PUBLISHABLE_FIELDS, publishedFields, type CandidateView, type DraftEntryView, type DraftView } from "~/domain/blacklist";
import { ProposeSchema, PublishSchema, ReviewSchema } from "~/domain/blacklist.schema";
import { publishedValueText, useFormatTime } from "./published";

export interface DraftReply {
  intent: "propose" | "review" | "publish";
  /** The candidate key (propose) or entry id (review) the reply is about. */
  about?: string;
  result: SubmissionResult<string[]>;
}

function fieldList(t: TFunction, fields: readonly string[]): string {
  return fields.length ? fields.map((field) => t(`blacklist.field.${field}`)).join(t("blacklist.listSeparator")) : t("blacklist.draft.publishesNothing");
}

function basisText(t: TFunction, basis: string, date: string | null): string {
  const label = t(`blacklist.basis.${basis}`);
  return date ? t("blacklist.draft.basisOn", { basis: label, date }) : label;
}

// ---- Candidates ----

/** The address of the draft page with the candidates' search, page and chosen candidate as given. */
function draftHref(values: { q?: string; page?: number; propose?: string }, hash = ""): string {
  const query = new URLSearchParams();
  if (values.q) query.set("q", values.q);
  if (values.page && values.page > 1) query.set("page", String(values.page));
  if (values.propose) query.set("propose", values.propose);
  const text = query.toString();
  return `/blacklist/draft${text ? `?${text}` : ""}${hash}`;
}

function CandidateFacts({ candidate }: { candidate: CandidateView }) {
  const { t } = useTranslation();
  return (
    <dl className="bl-record-facts">
      <div>
        <dt>{t("blacklist.draft.case")}</dt>
        <dd>
          <Link to={`/cases/${candidate.caseId}`}>{candidate.caseReference}</Link> <span className="muted">{candidate.caseTitle}</span>
        </dd>
      </div>
      <div>
        <dt>{t("blacklist.field.credit_code")}</dt>
        <dd className="bl-code">{candidate.creditCode || "—"}</dd>
      </div>
      <div>
        <dt>{t("blacklist.draft.basis")}</dt>
        <dd>{basisText(t, candidate.basis, candidate.basisDate)}</dd>
      </div>
      <div>
        <dt>{t("blacklist.field.province")}</dt>
        <dd>{candidate.provinceName ?? "—"}</dd>
      </div>
      <div>
        <dt>{t("blacklist.field.category")}</dt>
        <dd>{t(`caseVocabulary.category.${candidate.category}`)}</dd>
      </div>
      <div className="bl-record-wide">
        <dt>{candidate.source === "action" ? t("blacklist.candidates.fromRecord", { name: candidate.recordedByName ?? "" }) : t("blacklist.candidates.fromConviction")}</dt>
        <dd className="bl-plain">{candidate.note || "—"}</dd>
      </div>
    </dl>
  );
}

/** The proposal form for the candidate chosen in the list (?propose=key). */
export function ProposePanel({ candidate, reply, back }: { candidate: CandidateView; reply: DraftReply | undefined; back: string }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const mine = reply?.intent === "propose" && reply.about === candidate.key ? reply : undefined;
  const [form, fields] = useForm({
    id: "propose-form",
    lastResult: mine?.result,
    constraint: getZodConstraint(ProposeSchema),
    defaultValue: { publishableFields: candidate.publishableFields },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProposeSchema }),
  });
  const submitting = navigation.state === "submitting" && navigation.formData?.get("intent") === "propose";
  return (
    <section className="card bl-propose" id="propose" aria-labelledby="propose-title">
      <h2 id="propose-title">{t("blacklist.candidates.proposeTitle", { name: candidate.enterpriseName })}</h2>
      <p className="muted">{t("blacklist.candidates.proposeIntro")}</p>
      <CandidateFacts candidate={candidate} />
      <Form method="post" {...getFormProps(form)} className="bl-form">
        <input type="hidden" name="intent" value="propose" />
        <input type="hidden" name="candidate" value={candidate.key} />
        <ErrorList id={form.errorId} errors={form.errors} />
        <fieldset className="bl-choices">
          <legend>{t("blacklist.candidates.fieldsLegend")}</legend>
          {getCollectionProps(fields.publishableFields, { type: "checkbox", options: [...PUBLISHABLE_FIELDS] }).map((props) => (
            <label key={props.key} className="bl-choice">
              <input {...props} key={props.key} />
              {t(`blacklist.field.${props.value}`)}
            </label>
          ))}
          <ErrorList id={fields.publishableFields.errorId} errors={fields.publishableFields.errors} />
        </fieldset>
        <Field label={t("blacklist.candidates.note")} htmlFor={fields.note.id} errorId={fields.note.errorId} errors={fields.note.errors}>
          <textarea {...getTextareaProps(fields.note)} key={fields.note.key} rows={3} />
        </Field>
        <div className="bl-actions">
          <button type="submit" className="bl-button" disabled={submitting}>
            {t("blacklist.candidates.submit")}
          </button>
          <Link to={back} className="bl-button bl-button-quiet">
            {t("blacklist.candidates.cancel")}
          </Link>
        </div>
      </Form>
    </section>
  );
}

export interface CandidateListData {
  candidates: CandidateView[];
  total: number;
  more: boolean;
  page: number;
  pages: number;
  search: string;
  perPage: number;
}

export function CandidatesSection({ list, chosen }: { list: CandidateListData; chosen: string | null }) {
  const { t } = useTranslation();
  const from = list.total ? (list.page - 1) * list.perPage + 1 : 0;
  const to = (list.page - 1) * list.perPage + list.candidates.length;
  return (
    <section className="card" id="candidates" aria-labelledby="candidates-title">
      <h2 id="candidates-title">{t("blacklist.candidates.title")}</h2>
      <p className="muted">{t("blacklist.candidates.intro")}</p>
      <Form method="get" action="/blacklist/draft#candidates" className="bl-search" role="search">
        <div className="field">
          <label htmlFor="candidate-search">{t("blacklist.candidates.searchLabel")}</label>
          <input id="candidate-search" key={list.search} type="search" name="q" defaultValue={list.search} placeholder={t("blacklist.candidates.searchHint")} maxLength={100} />
        </div>
        <button type="submit" className="bl-button bl-button-quiet">
          {t("blacklist.candidates.searchSubmit")}
        </button>
        {list.search ? (
          <Link to={draftHref({}, "#candidates")} className="bl-clear">
            {t("blacklist.candidates.clearSearch")}
          </Link>
        ) : null}
      </Form>
      {list.candidates.length ? (
        <>
          <p className="muted bl-count">
            {t(list.more ? "blacklist.candidates.shownMore" : "blacklist.candidates.shown", { from, to, total: list.total })}
          </p>
          <div className="table-wrap">
            <table className="bl-table bl-candidates">
              <caption className="bl-sr-only">{t("blacklist.candidates.tableCaption")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("blacklist.candidates.enterprise")}</th>
                  <th scope="col">{t("blacklist.draft.case")}</th>
                  <th scope="col">{t("blacklist.draft.basis")}</th>
                  <th scope="col">{t("blacklist.field.province")}</th>
                  <th scope="col">{t("blacklist.field.category")}</th>
                  <th scope="col">{t("blacklist.draft.willPublish")}</th>
                  <th scope="col">
                    <span className="bl-sr-only">{t("blacklist.candidates.propose")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.candidates.map((candidate) => (
                  <tr key={candidate.key} data-testid="blacklist-candidate" aria-current={candidate.key === chosen ? "true" : undefined}>
                    <td>
                      <strong>{candidate.enterpriseName}</strong>
                      {candidate.creditCode ? <div className="bl-code bl-small">{candidate.creditCode}</div> : null}
                      <div className="muted bl-small">
                        {candidate.source === "action" ? t("blacklist.candidates.fromRecord", { name: candidate.recordedByName ?? "" }) : t("blacklist.candidates.fromConviction")}
                      </div>
                    </td>
                    <td>
                      <Link to={`/cases/${candidate.caseId}`}>{candidate.caseReference}</Link>
                      <div className="muted bl-small">{candidate.caseTitle}</div>
                    </td>
                    <td>{basisText(t, candidate.basis, candidate.basisDate)}</td>
                    <td>{candidate.provinceName ?? "—"}</td>
                    <td>{t(`caseVocabulary.category.${candidate.category}`)}</td>
                    <td className="bl-small">{fieldList(t, candidate.publishableFields)}</td>
                    <td>
                      <Link
                        to={draftHref({ q: list.search, page: list.page, propose: candidate.key }, "#propose")}
                        className="bl-button bl-button-quiet bl-button-small"
                        aria-label={t("blacklist.candidates.proposeLabel", { name: candidate.enterpriseName })}
                      >
                        {t("blacklist.candidates.propose")}
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {list.pages > 1 ? (
            <nav className="bl-pages" aria-label={t("blacklist.candidates.pagination")}>
              {list.page > 1 ? <Link to={draftHref({ q: list.search, page: list.page - 1 }, "#candidates")}>{t("blacklist.candidates.previous")}</Link> : null}
              <span className="muted">{t("blacklist.candidates.pageOf", { page: list.page, pages: list.pages })}</span>
              {list.page < list.pages ? <Link to={draftHref({ q: list.search, page: list.page + 1 }, "#candidates")}>{t("blacklist.candidates.next")}</Link> : null}
            </nav>
          ) : null}
        </>
      ) : (
        <p className="muted">{list.search ? t("blacklist.candidates.noneFound", { search: list.search }) : t("blacklist.candidates.none")}</p>
      )}
    </section>
  );
}

// ---- Entries of the draft ----

function ReviewForm({ entry, reply, own }: { entry: DraftEntryView; reply: DraftReply | undefined; own: boolean }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const mine = reply?.intent === "review" && reply.about === entry.id ? reply : undefined;
  const [form, fields] = useForm({
    id: `review-${entry.id}`,
    lastResult: mine?.result,
    constraint: getZodConstraint(ReviewSchema),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReviewSchema }),
  });
  const submitting = navigation.state === "submitting" && navigation.formData?.get("entryId") === entry.id;
  return (
    <Form method="post" {...getFormProps(form)} className="bl-form bl-review" aria-label={t("blacklist.review.legend", { name: entry.enterpriseName })}>
      <input type="hidden" name="intent" value="review" />
      <input type="hidden" name="entryId" value={entry.id} />
      <input type="hidden" name="version" value={entry.version} />
      {own ? <p className="notice notice-warning bl-own">{t("blacklist.review.ownProposal")}</p> : null}
      <ErrorList id={form.errorId} errors={form.errors} />
      <Field label={t("blacklist.review.note")} htmlFor={fields.note.id} errorId={fields.note.errorId} errors={fields.note.errors}>
        <textarea {...getTextareaProps(fields.note)} key={fields.note.key} rows={2} />
      </Field>
      <div className="bl-actions">
        <button type="submit" name="decision" value="approve" className="bl-button" disabled={submitting}>
          {t("blacklist.review.approve")}
        </button>
        <button type="submit" name="decision" value="reject" className="bl-button bl-button-danger" disabled={submitting}>
          {t("blacklist.review.reject")}
        </button>
      </div>
    </Form>
  );
}

/** A proposal awaiting review, with the review form under it for a platform lead. */
function ProposalRecord({ entry, children }: { entry: DraftEntryView; children?: ReactNode }) {
  const { t } = useTranslation();
  const time = useFormatTime();
  return (
    <li className="bl-record" data-status={entry.status} data-testid="blacklist-draft-entry">
      <p className="bl-record-title">
        <strong>{entry.enterpriseName}</strong> <span className="bl-tag">{t(`blacklist.basis.${entry.basis}`)}</span>
        <span className={`bl-status bl-status-${entry.status}`}>{t(`blacklist.status.${entry.status}`)}</span>
      </p>
      <dl className="bl-record-facts">
        <div>
          <dt>{t("blacklist.draft.case")}</dt>
          <dd>
            <Link to={`/cases/${entry.caseId}`}>{entry.caseReference}</Link>
          </dd>
        </div>
        <div>
          <dt>{t("blacklist.field.credit_code")}</dt>
          <dd>
            <span className="bl-code">{entry.creditCode || "—"}</span>
            {entry.creditCode && !entry.publishableFields.includes("credit_code") ? <div className="muted bl-small">{t("blacklist.draft.creditCodeInternal")}</div> : null}
          </dd>
        </div>
        <div>
          <dt>{t("blacklist.draft.basis")}</dt>
          <dd>{basisText(t, entry.basis, entry.basisDate)}</dd>
        </div>
        <div>
          <dt>{t("blacklist.draft.willPublish")}</dt>
          <dd>{fieldList(t, entry.publishableFields)}</dd>
        </div>
        <div className="bl-record-wide">
          <dt>{t("blacklist.draft.preview")}</dt>
          <dd>
            {publishedFields(entry.preview)
              .map((field) => publishedValueText(t, field, entry.preview, entry.provinceName))
              .join(" · ")}
          </dd>
        </div>
      </dl>
      <p className="muted">
        {t("blacklist.draft.proposedBy", { name: entry.proposedByName, time: time(entry.proposedAt) })}
        {entry.proposalNote ? (
          <>
            {" · "}
            {t("blacklist.draft.proposalNote")}
            {t("blacklist.colon")}
            <span className="bl-plain">{entry.proposalNote}</span>
          </>
        ) : null}
      </p>
      {children}
    </li>
  );
}

/** Who decided an entry and why: carried forward, approved, rejected, or removed by a correction. */
function Decision({ entry }: { entry: DraftEntryView }) {
  const { t } = useTranslation();
  const time = useFormatTime();
  const removal = entry.corrections.find((correction) => correction.kind === "removed");
  if (removal) {
    return (
      <>
        {t("blacklist.draft.removedByCorrection", { number: removal.version })}
        <div className="bl-small bl-plain">{removal.reason}</div>
      </>
    );
  }
  return (
    <>
      {entry.carriedFromVersion ? <span className="bl-tag bl-tag-muted">{t("blacklist.draft.carried", { number: entry.carriedFromVersion })}</span> : null}
      {entry.reviewedByName && entry.reviewedAt ? (
        <div className="bl-small">
          {entry.status === "rejected" ? t("blacklist.draft.rejectedBy", { name: entry.reviewedByName }) : t("blacklist.draft.reviewedBy", { name: entry.reviewedByName, time: time(entry.reviewedAt) })}
          {entry.reviewNote ? (
            <>
              {t("blacklist.colon")}
              <span className="bl-plain">{entry.reviewNote}</span>
            </>
          ) : null}
        </div>
      ) : null}
      {entry.corrections
        .filter((correction) => correction.kind !== "removed")
        .map((correction, index) => (
          <div key={index} className="bl-entry-correction">
            {t("blacklist.draft.amendedByCorrection", { number: correction.version })}
            {t("blacklist.colon")}
            <span className="bl-plain">{correction.reason}</span>
          </div>
        ))}
    </>
  );
}

function EntryTable({ entries, caption, numbered = false }: { entries: DraftEntryView[]; caption: string; numbered?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="bl-table bl-draft-table">
        <caption className="bl-sr-only">{caption}</caption>
        <thead>
          <tr>
            {numbered ? (
              <th scope="col" className="numeric">
                {t("blacklist.field.position")}
              </th>
            ) : null}
            <th scope="col">{t("blacklist.candidates.enterprise")}</th>
            <th scope="col">{t("blacklist.draft.case")}</th>
            <th scope="col">{t("blacklist.draft.basis")}</th>
            <th scope="col">{t("blacklist.draft.preview")}</th>
            <th scope="col">{t("blacklist.draft.decided")}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry, index) => (
            <tr key={entry.id} data-testid="blacklist-draft-entry" data-status={entry.status}>
              {numbered ? <td className="numeric">{index + 1}</td> : null}
              <td>
                <strong>{entry.enterpriseName}</strong>
                {entry.creditCode ? (
                  <div className="bl-small">
                    <span className="bl-code">{entry.creditCode}</span>
                    {!entry.publishableFields.includes("credit_code") ? <span className="muted"> · {t("blacklist.draft.creditCodeInternal")}</span> : null}
                  </div>
                ) : null}
              </td>
              <td>
                <Link to={`/cases/${entry.caseId}`}>{entry.caseReference}</Link>
              </td>
              <td>{basisText(t, entry.basis, entry.basisDate)}</td>
              <td className="bl-small">
                {publishedFields(entry.preview)
                  .map((field) => publishedValueText(t, field, entry.preview, entry.provinceName))
                  .join(" · ") || t("blacklist.draft.publishesNothing")}
              </td>
              <td>
                <Decision entry={entry} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function DraftEntries({
  draft,
  reply,
  canReview,
  viewerId,
}: {
  draft: DraftView;
  reply: DraftReply | undefined;
  canReview: boolean;
  viewerId: string;
}) {
  const { t } = useTranslation();
  const pending = draft.entries.filter((entry) => entry.status === "proposed");
  const listed = draft.entries.filter((entry) => entry.status === "approved");
  const rejected = draft.entries.filter((entry) => entry.status === "rejected");
  return (
    <>
      <section className="card" id="pending" aria-labelledby="pending-title">
        <h2 id="pending-title">{t("blacklist.draft.pendingTitle")}</h2>
        {pending.length ? (
          <ul className="bl-records">
            {pending.map((entry) => (
              <ProposalRecord key={entry.id} entry={entry}>
                {canReview ? <ReviewForm entry={entry} reply={reply} own={entry.proposedById === viewerId} /> : null}
              </ProposalRecord>
            ))}
          </ul>
        ) : (
          <p className="muted">{t("blacklist.draft.pendingNone")}</p>
        )}
      </section>
      <section className="card" id="listed" aria-labelledby="listed-title">
        <h2 id="listed-title">{t("blacklist.draft.listedTitle")}</h2>
        {listed.length ? <EntryTable entries={listed} caption={t("blacklist.draft.listCaption")} numbered /> : <p className="muted">{t("blacklist.draft.listedNone")}</p>}
      </section>
      {rejected.length ? (
        <section className="card" id="rejected" aria-labelledby="rejected-title">
          <h2 id="rejected-title">{t("blacklist.draft.rejectedTitle")}</h2>
          <EntryTable entries={rejected} caption={t("blacklist.draft.rejectedCaption")} />
        </section>
      ) : null}
    </>
  );
}

// ---- Sign-off ----

export function PublishSection({ draft, reply }: { draft: DraftView; reply: DraftReply | undefined }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [searchParams] = useSearchParams();
  const mine = reply?.intent === "publish" ? reply : undefined;
  const [form, fields] = useForm({
    id: "publish-form",
    lastResult: mine?.result,
    constraint: getZodConstraint(PublishSchema),
    // Back from /reauthenticate: the note typed before the detour.
    defaultValue: { publicationNote: searchParams.get("publicationNote") ?? "" },
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PublishSchema }),
  });
  const submitting = navigation.state === "submitting" && navigation.formData?.get("intent") === "publish";
  return (
    <section className="card bl-sign-off" id="sign-off" aria-labelledby="sign-off-title">
      <h2 id="sign-off-title">{t("blacklist.publish.title")}</h2>
      <p className="muted">{t("blacklist.publish.intro", { number: draft.nextNumber })}</p>
      {draft.counts.proposed ? (
        <p className="notice notice-warning" role="status">
          {t("blacklist.publish.waiting", { count: draft.counts.proposed })}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="bl-form">
        <input type="hidden" name="intent" value="publish" />
        <input type="hidden" name="draftId" value={draft.id} />
        <input type="hidden" name="version" value={draft.version} />
        <ErrorList id={form.errorId} errors={form.errors} />
        <Field label={t("blacklist.publish.note")} htmlFor={fields.publicationNote.id} errorId={fields.publicationNote.errorId} errors={fields.publicationNote.errors}>
          <textarea {...getTextareaProps(fields.publicationNote)} key={fields.publicationNote.key} rows={2} />
        </Field>
        <button type="submit" className="bl-button" disabled={submitting}>
          {t("blacklist.publish.submit", { number: draft.nextNumber })}
        </button>
      </Form>
    </section>
  );
}

/**
 * /verify: does a referral packet still match what the portal holds? The verifier uploads the PDF (read,
 * checked, not kept) or enters the value of its QR code / its manifest hash. Only cases in the verifier's
 * scope can be checked; every check is recorded (custody on each file, one audit record).
 */
import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { json, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { VerificationOutcome } from "~/components/packet/verification-outcome";
import { ErrorList, Field } from "~/components/ui/form";
import { MAX_PACKET_UPLOAD_MB, VerifyCodeSchema } from "~/domain/packet.schema";
import { PacketReadError, readPacketPdf, receivePacketUpload } from "~/domain/packet-read.server";
import { verifyPacket } from "~/domain/packet-verify.server";
import { requirePermission } from "~/domain/policy.server";
import { getDb } from "~/lib/db.server";
import { requestMeta } from "~/lib/http.server";
import { multipartBoundary } from "~/lib/multipart.server";
import styles from "~/styles/packet.css";

export const handle = { titleKey: "packet.verify.title" };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "packet.verify");
  return json({ maxMb: MAX_PACKET_UPLOAD_MB });
}

const UPLOAD_ERRORS = {
  file_required: { message: "packet.errors.fileRequired", status: 400 },
  file_too_large: { message: `packet.errors.fileTooLarge?max=${MAX_PACKET_UPLOAD_MB}`, status: 413 },
  malformed: { message: "packet.errors.malformed", status: 400 },
  not_pdf: { message: "packet.errors.notPdf", status: 422 },
  not_packet: { message: "packet.errors.notPacket", status: 422 },
} as const;

export async function action({ request, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "packet.verify");
  const meta = requestMeta(request, context);
  const db = await getDb();

  if (multipartBoundary(request.headers.get("Content-Type"))) {
    const upload = await receivePacketUpload(request, MAX_PACKET_UPLOAD_MB * 1024 * 1024);
    if (!upload.ok) {
      const { message, status } = UPLOAD_ERRORS[upload.problem];
      return json({ kind: "upload-error" as const, message }, { status });
    }
    let packet;
    try {
      packet = await readPacketPdf(upload.bytes);
    } catch (error) {
      if (!(error instanceof PacketReadError)) throw error;
      const { message, status } = UPLOAD_ERRORS[error.problem];
      return json({ kind: "upload-error" as const, message }, { status });
    }
    const result = await verifyPacket(db, { kind: "viewer", viewer }, { source: "upload", packet }, meta);
    return json({ kind: "result" as const, result, reply: null });
  }

  const submission = parseWithZod(await request.formData(), { schema: VerifyCodeSchema });
  if (submission.status !== "success") {
    return json({ kind: "code-error" as const, reply: submission.reply() }, { status: 400 });
  }
  const result = await verifyPacket(db, { kind: "viewer", viewer }, { source: "code", claim: submission.value }, meta);
  return json({ kind: "result" as const, result, reply: submission.reply() });
}

export default function VerifyPage() {
  const { maxMb } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formAction === "/verify";
  const uploading = busy && navigation.formEncType === "multipart/form-data";
  const codeReply = answer && answer.kind !== "upload-error" ? (answer.reply ?? undefined) : undefined;
  const [form, fields] = useForm({
    id: "verify-code",
    lastResult: codeReply,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: ({ formData }) => parseWithZod(formData, { schema: VerifyCodeSchema }),
  });

  return (
    <div className="page verify-page">
      <header className="page-header">
        <h1>{t("packet.verify.title")}</h1>
        <p className="muted">{t("packet.verify.intro")}</p>
      </header>

      <div className="verify-forms">
        <section className="card" aria-labelledby="verify-upload-title">
          <h2 id="verify-upload-title">{t("packet.verify.uploadTitle")}</h2>
          <p className="muted">{t("packet.verify.uploadHint", { max: maxMb })}</p>
          <Form method="post" encType="multipart/form-data" id="verify-upload" aria-describedby="verify-upload-errors">
            <div className="field" data-invalid={answer?.kind === "upload-error" ? true : undefined}>
              <label htmlFor="verify-packet-file">{t("packet.verify.fileLabel")}</label>
              <input
                id="verify-packet-file"
                name="packet"
                type="file"
                accept="application/pdf,.pdf"
                required
                aria-invalid={answer?.kind === "upload-error" ? true : undefined}
                aria-describedby="verify-upload-errors"
              />
              <ErrorList id="verify-upload-errors" errors={answer?.kind === "upload-error" ? [answer.message] : null} />
            </div>
            <button type="submit" className="button" disabled={busy}>
              {uploading ? t("packet.verify.submitting") : t("packet.verify.uploadSubmit")}
            </button>
          </Form>
        </section>

        <section className="card" aria-labelledby="verify-code-title">
          <h2 id="verify-code-title">{t("packet.verify.codeTitle")}</h2>
          <p className="muted">{t("packet.verify.codeHint")}</p>
          <Form method="post" {...getFormProps(form)}>
            <ErrorList id={form.errorId} errors={form.errors} />
            <Field label={t("packet.verify.codeLabel")} htmlFor={fields.code.id} errorId={fields.code.errorId} errors={fields.code.errors}>
              <input {...getInputProps(fields.code, { type: "text" })} autoComplete="off" spellCheck={false} className="verify-code-input" />
            </Field>
            <Field
              label={t("packet.verify.referenceLabel")}
              htmlFor={fields.reference.id}
              errorId={fields.reference.errorId}
              errors={fields.reference.errors}
            >
              <input {...getInputProps(fields.reference, { type: "text" })} autoComplete="off" aria-describedby={`${fields.reference.errorId} verify-reference-hint`} />
              <span id="verify-reference-hint" className="field-hint">
                {t("packet.verify.referenceHint")}
              </span>
            </Field>
            <button type="submit" className="button" disabled={busy}>
              {busy && !uploading ? t("packet.verify.submitting") : t("packet.verify.codeSubmit")}
            </button>
          </Form>
        </section>
      </div>

      {answer?.kind === "result" ? <VerificationOutcome result={answer.result} /> : null}
    </div>
  );
}

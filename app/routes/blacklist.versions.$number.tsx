/**
 * /blacklist/versions/:number (blacklist.view): a published version, readable for good, with the corrections
 * recorded against it ("corrected in version N") and those it carries out. A platform lead records a
 * correction here (blacklist.publish, signed with the password: requireSignOffProof); it is shown at once
 * and carried out in the draft of the next version.
 */
import { parseWithZod } from "@conform-to/zod";
import { json, redirect, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { correctionReturnQuery, type CorrectionReply } from "~/components/blacklist/correction-form";
import { VersionPage } from "~/components/blacklist/version-page";
import { CorrectionSchema } from "~/domain/blacklist.schema";
import { getPublishedVersion, listPublishedVersions, recordCorrection, requireSignOffProof } from "~/domain/blacklist.server";
import { can } from "~/domain/policy";
import { requirePermission } from "~/domain/policy.server";
import { getDb } from "~/lib/db.server";
import { notFound, requestMeta } from "~/lib/http.server";
import styles from "~/styles/blacklist.css";

export const handle = { titleKey: "blacklist.title" };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

/** The version number of the address, or 404 (not a positive whole number). */
function versionNumber(raw: string | undefined): number {
  if (!raw || !/^[1-9]\d{0,8}$/.test(raw)) throw notFound();
  return Number(raw);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "blacklist.view");
  const number = versionNumber(params.number);
  const db = await getDb();
  const version = await getPublishedVersion(db, viewer, number);
  if (!version) throw notFound();
  return json({
    version,
    versions: await listPublishedVersions(db, viewer),
    canPropose: can(viewer, "blacklist.propose"),
    canCorrect: can(viewer, "blacklist.publish"),
  });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "blacklist.publish");
  const number = versionNumber(params.number);
  const formData = await request.formData();
  const entryId = typeof formData.get("entryId") === "string" ? String(formData.get("entryId")) : undefined;
  const submission = parseWithZod(formData, { schema: CorrectionSchema });
  if (submission.status !== "success") return json<CorrectionReply>({ intent: "correct", entryId, result: submission.reply() }, { status: 400 });
  // Signed: the password again, and back to this form with what was typed.
  await requireSignOffProof(request, viewer, `/blacklist/versions/${number}?${correctionReturnQuery(submission.value)}#entry-${entryId ?? ""}`);
  const result = await recordCorrection(await getDb(), viewer, number, submission.value, { ip: requestMeta(request, context).ip });
  if (!result) throw notFound();
  if (result.ok) return redirect(`/blacklist/versions/${number}?notice=corrected#corrections`);
  const problem = { not_on_version: "blacklist.problem.notOnVersion", no_longer_listed: "blacklist.problem.noLongerListed", unchanged: "blacklist.problem.unchanged" }[result.reason];
  return json<CorrectionReply>({ intent: "correct", entryId, result: submission.reply({ formErrors: [problem] }) }, { status: result.reason === "unchanged" ? 400 : 409 });
}

export default function BlacklistVersionPage() {
  const data = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as CorrectionReply | undefined;
  return <VersionPage data={data} reply={reply} heading="version" />;
}

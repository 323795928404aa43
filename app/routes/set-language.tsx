import { parseWithZod } from "@conform-to/zod";
import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { setPreferredLocale } from "~/domain/accounts.server";
import { SetLocaleSchema } from "~/domain/accounts.schema";
import { assertCan, getViewer } from "~/domain/policy.server";
import { getDb } from "~/lib/db.server";
import { requestMeta, safeRedirectPath } from "~/lib/http.server";
import { localeCookie } from "~/lib/i18n.server";

export async function loader() {
  return redirect("/");
}

/** The language switch: remembered in a cookie for everyone, and on the account of the signed-in. */
export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: SetLocaleSchema });
  const back = safeRedirectPath(formData.get("redirectTo"));
  // The switch offers only supported languages; anything else was not sent by it. Go back unchanged.
  if (submission.status !== "success") return redirect(back);
  const viewer = await getViewer(request);
  if (viewer) {
    assertCan(viewer, "account.set_locale");
    await setPreferredLocale(await getDb(), viewer, submission.value.locale, requestMeta(request, context));
  }
  return redirect(back, { headers: { "Set-Cookie": await localeCookie().serialize(submission.value.locale) } });
}

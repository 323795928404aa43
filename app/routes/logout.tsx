import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { signOut } from "~/domain/accounts.server";
import { getSessionInAnyStage } from "~/domain/policy.server";
import { blankSessionCookie } from "~/lib/auth.server";
import { getDb } from "~/lib/db.server";
import { requestMeta } from "~/lib/http.server";

// Signing out changes state, so it is a POST (a GET link could be triggered by any page). A GET here
// just goes home.
export async function loader() {
  return redirect("/");
}

export async function action({ request, context }: ActionFunctionArgs) {
  // Also a session still waiting for its second factor: signing out must end it on the server too.
  const current = await getSessionInAnyStage(request);
  if (current) await signOut(await getDb(), current.viewer, current.session.token, requestMeta(request, context));
  return redirect("/login?signedOut=1", { headers: { "Set-Cookie": blankSessionCookie() } });
}

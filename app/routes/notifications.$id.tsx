/**
 * /notifications/:id: opening one of the viewer's own notifications. POST marks it read and goes to its link;
 * GET goes there without marking it. Another user's notification is 404, the same as one that does not exist.
 */
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { safeNotificationLink } from "~/domain/notifications";
import { openNotification, requireOwnNotification } from "~/domain/notifications.server";
import { requirePermission } from "~/domain/policy.server";
import { getDb } from "~/lib/db.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "notifications.view");
  const notification = await requireOwnNotification(await getDb(), viewer, params.id ?? "");
  return redirect(safeNotificationLink(notification.link));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "notifications.view");
  return redirect(await openNotification(await getDb(), viewer, params.id ?? ""));
}

/**
 * /blacklist (blacklist.view: investigators, platform leads, management of both sides): the latest published
 * version of the enterprise blacklist — only its published values — with its corrections, its downloads and
 * every earlier version. The platform's case workers find the draft from here.
 */
import { json, type LinksFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { VersionPage } from "~/components/blacklist/version-page";
import { getPublishedVersion, latestPublishedNumber, listPublishedVersions } from "~/domain/blacklist.server";
import { can } from "~/domain/policy";
import { requirePermission } from "~/domain/policy.server";
import { getDb } from "~/lib/db.server";
import styles from "~/styles/blacklist.css";

export const handle = { titleKey: "blacklist.title" };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "blacklist.view");
  const db = await getDb();
  const latest = await latestPublishedNumber(db, viewer);
  return json({
    version: latest === null ? null : await getPublishedVersion(db, viewer, latest),
    versions: await listPublishedVersions(db, viewer),
    canPropose: can(viewer, "blacklist.propose"),
    canCorrect: can(viewer, "blacklist.publish"),
  });
}

export default function BlacklistPage() {
  const data = useLoaderData<typeof loader>();
  return <VersionPage data={data} heading="list" />;
}

/**
 * The one way to turn a user row and its organisation into the `Viewer` every domain function takes.
 * Used by the session guards, the demo-world seed and the tests.
 *
 * Imports db/ directly (like audit.server.ts): db/seed*.ts use it, and going through ~/lib/db.server
 * would make an import cycle.
 */
import { eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { organisations, users, type Organisation, type User } from "../../db/schema";
import type { OrganisationKind, Role, Viewer } from "./policy";

export function viewerFromRows(
  user: Pick<User, "id" | "email" | "displayName" | "role">,
  organisation: Pick<Organisation, "id" | "kind" | "code" | "nameZh" | "nameEn">,
): Viewer {
  return {
    userId: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role as Role,
    organisationId: organisation.id,
    organisationKind: organisation.kind as OrganisationKind,
    organisationCode: organisation.code,
    organisationNameZh: organisation.nameZh,
    organisationNameEn: organisation.nameEn,
  };
}

/** The viewer for an account, found by e-mail or id; throws when there is no such account. */
export async function loadViewer(db: DbOrTx, account: { email: string } | { userId: string }): Promise<Viewer> {
  const [row] = await db
    .select({ user: users, organisation: organisations })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where("email" in account ? eq(users.email, account.email) : eq(users.id, account.userId))
    .limit(1);
  if (!row) throw new Error(`No account ${"email" in account ? account.email : account.userId}`);
  return viewerFromRows(row.user, row.organisation);
}

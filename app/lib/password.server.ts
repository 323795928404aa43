import { hash, verify } from "@node-rs/argon2";

// argon2id with the library's defaults (m=19456 KiB, t=2, p=1: OWASP's minimum profile, ~15 ms here).
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false; // a malformed stored hash is a failed sign-in, not a crash
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as a real verification, for sign-ins with an unknown e-mail, so that response
 * times do not reveal which accounts exist.
 */
export async function burnPasswordVerification(password: string): Promise<void> {
  dummyHash ??= hash("timing-equaliser-not-a-password");
  await verifyPassword(await dummyHash, password);
}

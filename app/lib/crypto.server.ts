/**
 * Secrets at rest: AES-256-GCM with a key derived from APP_SECRET (HKDF-SHA-256, one key per purpose), so a
 * copy of the database alone does not yield users' TOTP secrets. README "Configuration" documents APP_SECRET;
 * without it a production server refuses to start (env.server.ts).
 *
 * Format: "v1." + base64url(12-byte IV ‖ ciphertext ‖ 16-byte tag). The additional authenticated data binds a
 * value to its owner (e.g. the user id), so a ciphertext copied onto another row does not decrypt.
 */
import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes, timingSafeEqual } from "node:crypto";
import { env } from "./env.server";

const VERSION = "v1.";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type SecretPurpose = "totp-secret" | "totp-enrolment" | "webhook-secret";

const keys = new Map<string, Buffer>();
function keyFor(purpose: SecretPurpose, secret = env().appSecret): Buffer {
  const cacheKey = `${purpose}\u0000${secret}`;
  let key = keys.get(cacheKey);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", secret, "anticounterfeit-portal", purpose, 32));
    keys.set(cacheKey, key);
  }
  return key;
}

export function encryptSecret(plaintext: string, purpose: SecretPurpose, associatedData: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyFor(purpose), iv);
  cipher.setAAD(Buffer.from(associatedData, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return VERSION + Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64url");
}

/** The plaintext, or null when the value was altered, belongs to someone else, or was made with another key. */
export function decryptSecret(sealed: string, purpose: SecretPurpose, associatedData: string): string | null {
  if (!sealed.startsWith(VERSION)) return null;
  const raw = Buffer.from(sealed.slice(VERSION.length), "base64url");
  if (raw.length < IV_BYTES + TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFor(purpose), raw.subarray(0, IV_BYTES));
    decipher.setAAD(Buffer.from(associatedData, "utf8"));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    return Buffer.concat([decipher.update(raw.subarray(IV_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

/** SHA-256 hex: for random, high-entropy tokens (invitations, recovery codes), where a slow hash adds nothing. */
export function sha256Hex(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Random characters from an unambiguous alphabet (no 0/O, 1/I/L), for codes people read and type. */
const READABLE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export function randomReadableCode(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // Rejection sampling keeps every character equally likely (248 = 8 × 31).
      if (byte < 248 && out.length < length) out += READABLE_ALPHABET[byte % READABLE_ALPHABET.length];
    }
  }
  return out;
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString("base64url");
}

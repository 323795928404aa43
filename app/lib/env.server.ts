/**
 * Configuration, read and validated once. Every variable is documented in README.md ("Configuration").
 * A bad value stops the server at boot with a message naming the variable, rather than failing later.
 */
import { createHash } from "node:crypto";
import os from "node:os";
import path from "node:path";
import { z } from "zod";

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((value) => value === "true" || value === "1" || value === "yes");

const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().optional(),
  PGLITE_DATA_DIR: z.string().default("./data/pglite"),
  SEED_DEMO: booleanFlag.optional(),
  DEMO_PASSWORD: z.string().min(12).default("portal-demo-2026"),
  COOKIE_SECURE: booleanFlag.optional(),
  TRUSTED_ORIGINS: z.string().default(""),
  TRUST_PROXY: z.string().default("false"),
  SIGN_IN_FAILURES_PER_IP: z.coerce.number().int().positive().default(30),
  APP_TIME_ZONE: z.string().default("Asia/Shanghai"),
  PROSECUTION_THRESHOLDS_FILE: z.string().optional(),
  APP_SECRET: z.string().min(32).optional(),
  REQUIRE_TWO_FACTOR: booleanFlag.optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
    .optional()
    .or(z.literal("")),
  SMTP_FROM: z.string().default("AC Portal <no-reply@localhost>"),
  PUBLIC_URL: z.string().url().optional().or(z.literal("")),
  EVIDENCE_DIR: z.string().optional(),
  EVIDENCE_MAX_BYTES: z
    .string()
    .regex(/^\s*\d+(\.\d+)?\s*(B|KB|KiB|MB|MiB|GB|GiB)?\s*$/i, "give a number of bytes, optionally with a unit (e.g. 2147483648, 500MiB, 2GiB)")
    .optional(),
  UPLOADTHING_TOKEN: z
    .string()
    .refine(isUploadThingToken, "must be the token from the UploadThing dashboard (base64 JSON with apiKey sk_…, appId, regions)")
    .optional()
    .or(z.literal("")),
});

export type Env = {
  nodeEnv: "development" | "production" | "test";
  isProduction: boolean;
  databaseUrl: string | undefined;
  pgliteDataDir: string;
  /** Demo accounts are created only outside production, or in production when SEED_DEMO=true says so. */
  seedDemo: boolean;
  demoPassword: string;
  cookieSecure: boolean;
  trustedOrigins: string[];
  /**
   * Express's "trust proxy": false, a number of proxy hops, or the proxies' addresses/subnets. Never plain
   * "true": that would take the client IP from the left-most X-Forwarded-For entry, which the client writes.
   */
  trustProxy: false | number | string;
  signInFailuresPerIp: number;
  timeZone: string;
  /** A JSON file replacing the default prosecution thresholds (app/domain/thresholds.ts); unset: the defaults. */
  prosecutionThresholdsFile: string | undefined;
  /**
   * Key material for secrets at rest (TOTP secrets, AES-256-GCM; app/lib/crypto.server.ts). Required in
   * production; a demo or development installation derives a fixed, non-secret default (appSecretDerived).
   */
  appSecret: string;
  appSecretDerived: boolean;
  /** Every account must pass a TOTP second factor (enrolling first if needed). Production default: on. */
  requireTwoFactor: boolean;
  /** smtp(s)://user:pass@host:port; empty: e-mail stays in the outbox for an administrator to read. */
  smtpUrl: string | undefined;
  smtpFrom: string;
  /** The portal's public address for links in e-mail; empty: the address the administrator is using. */
  publicUrl: string | undefined;
  /**
   * Where evidence files live on the local disk (content-addressed, write-once), and where uploads are
   * spooled before they go to UploadThing. Unset under vitest: a temporary directory per test process.
   */
  evidenceDir: string;
  /** The largest evidence file accepted, in bytes (default 2 GiB). */
  evidenceMaxBytes: number;
  /** Set: evidence goes to UploadThing (the SDK itself reads UPLOADTHING_API_URL, _INGEST_URL, _UFS_HOST…). */
  uploadThingToken: string | undefined;
};

export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n");
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  const value = parsed.data;
  const isProduction = value.NODE_ENV === "production";
  if (value.EVIDENCE_MAX_BYTES && parseByteSize(value.EVIDENCE_MAX_BYTES) < 1) {
    throw new Error("Invalid configuration:\n  EVIDENCE_MAX_BYTES: must be at least 1 byte");
  }
  const seedDemo = value.SEED_DEMO ?? !isProduction;
  // A demo installation (development, or production with the demo world) may run without these; a real
  // production installation may not.
  const demoInstallation = !isProduction || seedDemo;
  if (!value.APP_SECRET && !demoInstallation) {
    throw new Error(
      "Invalid configuration:\n  APP_SECRET: required in production (at least 32 random characters, e.g. `openssl rand -base64 48`)",
    );
  }
  return {
    nodeEnv: value.NODE_ENV,
    isProduction,
    databaseUrl: value.DATABASE_URL || undefined,
    pgliteDataDir: value.PGLITE_DATA_DIR,
    seedDemo,
    demoPassword: value.DEMO_PASSWORD,
    cookieSecure: value.COOKIE_SECURE ?? isProduction,
    trustedOrigins: value.TRUSTED_ORIGINS.split(",")
      .map((origin) => origin.trim())
      .filter(Boolean),
    trustProxy: parseTrustProxy(value.TRUST_PROXY),
    signInFailuresPerIp: value.SIGN_IN_FAILURES_PER_IP,
    timeZone: value.APP_TIME_ZONE,
    prosecutionThresholdsFile: value.PROSECUTION_THRESHOLDS_FILE || undefined,
    appSecret: value.APP_SECRET ?? derivedDevelopmentSecret(value.DATABASE_URL || value.PGLITE_DATA_DIR),
    appSecretDerived: !value.APP_SECRET,
    requireTwoFactor: value.REQUIRE_TWO_FACTOR ?? !demoInstallation,
    smtpUrl: value.SMTP_URL || undefined,
    smtpFrom: value.SMTP_FROM,
    publicUrl: value.PUBLIC_URL ? value.PUBLIC_URL.replace(/\/+$/, "") : undefined,
    evidenceDir: value.EVIDENCE_DIR || (value.NODE_ENV === "test" ? testEvidenceDir() : "./data/evidence"),
    evidenceMaxBytes: value.EVIDENCE_MAX_BYTES ? parseByteSize(value.EVIDENCE_MAX_BYTES) : 2 * 1024 ** 3,
    uploadThingToken: value.UPLOADTHING_TOKEN || undefined,
  };
}

const BYTE_UNITS: Record<string, number> = { b: 1, kb: 1e3, kib: 1024, mb: 1e6, mib: 1024 ** 2, gb: 1e9, gib: 1024 ** 3 };

/** "2147483648", "500MiB", "2 GiB" → bytes. The schema has already checked the shape. */
export function parseByteSize(raw: string): number {
  const [, amount = "0", unit = "b"] = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(raw) ?? [];
  return Math.floor(Number(amount) * (BYTE_UNITS[unit.toLowerCase()] ?? 1));
}

function isUploadThingToken(raw: string): boolean {
  if (raw === "") return true;
  try {
    const token = JSON.parse(Buffer.from(raw, "base64").toString("utf8")) as Record<string, unknown>;
    return (
      typeof token.apiKey === "string" &&
      token.apiKey.startsWith("sk_") &&
      typeof token.appId === "string" &&
      Array.isArray(token.regions) &&
      token.regions.length > 0
    );
  } catch {
    return false;
  }
}

/** Tests must not write into the checkout's ./data: one temporary directory per test process. */
function testEvidenceDir(): string {
  return path.join(os.tmpdir(), `portal-evidence-test-${process.pid}`);
}

/**
 * Stable across restarts (so encrypted TOTP secrets stay readable) but public: anyone can compute it. Only
 * for development and demo installations, which parseEnv allows to run without APP_SECRET.
 */
function derivedDevelopmentSecret(databaseLocation: string): string {
  return createHash("sha256").update(`anticounterfeit-portal/development-secret/${databaseLocation}`).digest("hex");
}

function parseTrustProxy(raw: string): false | number | string {
  const value = raw.trim();
  if (value === "" || value === "false" || value === "0") return false;
  if (/^\d+$/.test(value)) return Number(value);
  if (value === "true") throw new Error("Invalid configuration:\n  TRUST_PROXY: give the number of proxy hops or their addresses, not true");
  return value;
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

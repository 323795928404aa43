/**
 * Configuration, read and validated once. Every variable is documented in README.md ("Configuration").
 * A bad value stops the server at boot with a message naming the variable, rather than failing later.
 */
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
};

export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n");
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  const value = parsed.data;
  const isProduction = value.NODE_ENV === "production";
  return {
    nodeEnv: value.NODE_ENV,
    isProduction,
    databaseUrl: value.DATABASE_URL || undefined,
    pgliteDataDir: value.PGLITE_DATA_DIR,
    seedDemo: value.SEED_DEMO ?? !isProduction,
    demoPassword: value.DEMO_PASSWORD,
    cookieSecure: value.COOKIE_SECURE ?? isProduction,
    trustedOrigins: value.TRUSTED_ORIGINS.split(",")
      .map((origin) => origin.trim())
      .filter(Boolean),
    trustProxy: parseTrustProxy(value.TRUST_PROXY),
    signInFailuresPerIp: value.SIGN_IN_FAILURES_PER_IP,
    timeZone: value.APP_TIME_ZONE,
  };
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

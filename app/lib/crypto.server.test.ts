import { parseEnv } from "./env.server";
import { constantTimeEqual, decryptSecret, encryptSecret, randomReadableCode } from "./crypto.server";

describe("secrets at rest (AES-256-GCM)", () => {
  it("round-trips, with a fresh IV each time", () => {
    const first = encryptSecret("JBSWY3DPEHPK3PXP", "totp-secret", "user-1");
    const second = encryptSecret("JBSWY3DPEHPK3PXP", "totp-secret", "user-1");
    expect(first).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain("JBSWY3DPEHPK3PXP");
    expect(decryptSecret(first, "totp-secret", "user-1")).toBe("JBSWY3DPEHPK3PXP");
  });

  it("refuses another owner, another purpose, and any altered byte", () => {
    const sealed = encryptSecret("secret", "totp-secret", "user-1");
    expect(decryptSecret(sealed, "totp-secret", "user-2")).toBeNull();
    expect(decryptSecret(sealed, "totp-enrolment", "user-1")).toBeNull();
    const raw = Buffer.from(sealed.slice(3), "base64url");
    raw[raw.length - 20]! ^= 1;
    expect(decryptSecret(`v1.${raw.toString("base64url")}`, "totp-secret", "user-1")).toBeNull();
    expect(decryptSecret("v1.short", "totp-secret", "user-1")).toBeNull();
    expect(decryptSecret("plain text", "totp-secret", "user-1")).toBeNull();
  });

  it("makes readable codes from an unambiguous alphabet", () => {
    const code = randomReadableCode(200);
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{200}$/);
    expect(constantTimeEqual("abc", "abc")).toBe(true);
    expect(constantTimeEqual("abc", "abd")).toBe(false);
    expect(constantTimeEqual("abc", "abcd")).toBe(false);
  });
});

describe("security configuration", () => {
  const secret = "s".repeat(40);

  it("refuses to start a production installation without APP_SECRET", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/APP_SECRET/);
    expect(() => parseEnv({ NODE_ENV: "production", APP_SECRET: "too short" })).toThrow(/APP_SECRET/);
    expect(parseEnv({ NODE_ENV: "production", APP_SECRET: secret })).toMatchObject({ appSecret: secret, appSecretDerived: false });
  });

  it("derives a stable, non-secret default for development and demo installations", () => {
    const development = parseEnv({});
    expect(development.appSecretDerived).toBe(true);
    expect(development.appSecret).toBe(parseEnv({}).appSecret);
    expect(development.appSecret).not.toBe(parseEnv({ PGLITE_DATA_DIR: "./elsewhere" }).appSecret);
    expect(parseEnv({ NODE_ENV: "production", SEED_DEMO: "true" }).appSecretDerived).toBe(true);
  });

  it("requires two-factor sign-in in production, not in development or the demo world, unless told", () => {
    expect(parseEnv({ NODE_ENV: "production", APP_SECRET: secret }).requireTwoFactor).toBe(true);
    expect(parseEnv({ NODE_ENV: "production", SEED_DEMO: "true" }).requireTwoFactor).toBe(false);
    expect(parseEnv({}).requireTwoFactor).toBe(false);
    expect(parseEnv({ REQUIRE_TWO_FACTOR: "true" }).requireTwoFactor).toBe(true);
    expect(parseEnv({ NODE_ENV: "production", APP_SECRET: secret, REQUIRE_TWO_FACTOR: "false" }).requireTwoFactor).toBe(false);
  });

  it("reads SMTP and the public address", () => {
    expect(parseEnv({ SMTP_URL: "smtps://user:pass@mail.example:465", PUBLIC_URL: "https://portal.example/" })).toMatchObject({
      smtpUrl: "smtps://user:pass@mail.example:465",
      publicUrl: "https://portal.example",
      smtpFrom: "AC Portal <no-reply@localhost>",
    });
    expect(parseEnv({ SMTP_URL: "" }).smtpUrl).toBeUndefined();
    expect(() => parseEnv({ SMTP_URL: "http://mail.example" })).toThrow(/SMTP_URL/);
  });
});

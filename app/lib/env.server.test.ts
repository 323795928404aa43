import { parseEnv } from "./env.server";

describe("configuration", () => {
  it("defaults to the embedded database, demo world and insecure cookies in development", () => {
    const config = parseEnv({});
    expect(config).toMatchObject({
      isProduction: false,
      databaseUrl: undefined,
      pgliteDataDir: "./data/pglite",
      seedDemo: true,
      demoPassword: "portal-demo-2026",
      cookieSecure: false,
      timeZone: "Asia/Shanghai",
    });
  });

  it("never seeds demo accounts in production unless SEED_DEMO asks for them, and secures cookies", () => {
    expect(parseEnv({ NODE_ENV: "production", APP_SECRET: "x".repeat(32) })).toMatchObject({ seedDemo: false, cookieSecure: true });
    expect(parseEnv({ NODE_ENV: "production", SEED_DEMO: "true" })).toMatchObject({ seedDemo: true });
    expect(parseEnv({ NODE_ENV: "development", SEED_DEMO: "false" })).toMatchObject({ seedDemo: false });
  });

  it("reads lists and numbers", () => {
    const config = parseEnv({ TRUSTED_ORIGINS: "https://a.example, https://b.example ,", SIGN_IN_FAILURES_PER_IP: "7" });
    expect(config.trustedOrigins).toEqual(["https://a.example", "https://b.example"]);
    expect(config.signInFailuresPerIp).toBe(7);
  });

  it("trusts forwarded client addresses only from a counted or named proxy", () => {
    expect(parseEnv({}).trustProxy).toBe(false);
    expect(parseEnv({ TRUST_PROXY: "1" }).trustProxy).toBe(1);
    expect(parseEnv({ TRUST_PROXY: "10.0.0.0/8" }).trustProxy).toBe("10.0.0.0/8");
    expect(() => parseEnv({ TRUST_PROXY: "true" })).toThrow(/TRUST_PROXY/);
  });

  it("reads the evidence settings: directory, size limit with units, and the UploadThing token", () => {
    const defaults = parseEnv({ NODE_ENV: "development" });
    expect(defaults).toMatchObject({ evidenceDir: "./data/evidence", evidenceMaxBytes: 2 * 1024 ** 3, uploadThingToken: undefined });
    // Tests never write into the checkout's ./data.
    expect(parseEnv({ NODE_ENV: "test" }).evidenceDir).toMatch(/portal-evidence-test-\d+$/);
    expect(parseEnv({ EVIDENCE_DIR: "/srv/evidence" }).evidenceDir).toBe("/srv/evidence");
    expect(parseEnv({ EVIDENCE_MAX_BYTES: "1048576" }).evidenceMaxBytes).toBe(1048576);
    expect(parseEnv({ EVIDENCE_MAX_BYTES: "500MiB" }).evidenceMaxBytes).toBe(500 * 1024 ** 2);
    expect(parseEnv({ EVIDENCE_MAX_BYTES: "1.5 GB" }).evidenceMaxBytes).toBe(1.5e9);
    expect(() => parseEnv({ EVIDENCE_MAX_BYTES: "lots" })).toThrow(/EVIDENCE_MAX_BYTES/);
    expect(() => parseEnv({ EVIDENCE_MAX_BYTES: "0" })).toThrow(/EVIDENCE_MAX_BYTES/);
    const token = Buffer.from(JSON.stringify({ apiKey: "sk_live_x", appId: "app", regions: ["sea1"] })).toString("base64");
    expect(parseEnv({ UPLOADTHING_TOKEN: token }).uploadThingToken).toBe(token);
    expect(parseEnv({ UPLOADTHING_TOKEN: "" }).uploadThingToken).toBeUndefined();
    expect(() => parseEnv({ UPLOADTHING_TOKEN: "not-a-token" })).toThrow(/UPLOADTHING_TOKEN/);
    const noKey = Buffer.from(JSON.stringify({ apiKey: "pk_x", appId: "app", regions: ["sea1"] })).toString("base64");
    expect(() => parseEnv({ UPLOADTHING_TOKEN: noKey })).toThrow(/UPLOADTHING_TOKEN/);
  });

  it("stops with a message naming each bad variable", () => {
    expect(() => parseEnv({ SEED_DEMO: "maybe", DEMO_PASSWORD: "short" })).toThrow(/SEED_DEMO[\s\S]*DEMO_PASSWORD|DEMO_PASSWORD[\s\S]*SEED_DEMO/);
  });
});

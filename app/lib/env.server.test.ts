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
    expect(parseEnv({ NODE_ENV: "production" })).toMatchObject({ seedDemo: false, cookieSecure: true });
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

  it("stops with a message naming each bad variable", () => {
    expect(() => parseEnv({ SEED_DEMO: "maybe", DEMO_PASSWORD: "short" })).toThrow(/SEED_DEMO[\s\S]*DEMO_PASSWORD|DEMO_PASSWORD[\s\S]*SEED_DEMO/);
  });
});

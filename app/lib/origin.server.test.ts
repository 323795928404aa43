import { isAllowedOrigin } from "./origin.server";

const base = { host: "localhost:3000", trustedOrigins: [] as string[] };

describe("isAllowedOrigin", () => {
  it("lets safe methods through whatever their origin", () => {
    for (const method of ["GET", "HEAD", "OPTIONS", "get"]) {
      expect(isAllowedOrigin({ ...base, method, origin: "https://evil.example" })).toBe(true);
    }
  });

  it("allows a state-changing request from this portal's own origin", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(isAllowedOrigin({ ...base, method, origin: "http://localhost:3000" })).toBe(true);
    }
    expect(isAllowedOrigin({ ...base, method: "POST", origin: "http://LOCALHOST:3000" })).toBe(true);
  });

  it("refuses a missing, opaque, malformed or foreign origin", () => {
    expect(isAllowedOrigin({ ...base, method: "POST", origin: undefined })).toBe(false);
    expect(isAllowedOrigin({ ...base, method: "POST", origin: "null" })).toBe(false);
    expect(isAllowedOrigin({ ...base, method: "POST", origin: "not a url" })).toBe(false);
    expect(isAllowedOrigin({ ...base, method: "POST", origin: "https://evil.example" })).toBe(false);
    expect(isAllowedOrigin({ ...base, method: "POST", origin: "http://localhost:3001" })).toBe(false);
    expect(isAllowedOrigin({ ...base, method: "POST", origin: "http://localhost.evil.example:3000" })).toBe(false);
    expect(isAllowedOrigin({ ...base, method: "DELETE", origin: "http://evil.example", host: undefined })).toBe(false);
  });

  it("allows the origins configured as trusted (a front end on another host)", () => {
    expect(
      isAllowedOrigin({ ...base, method: "POST", origin: "https://portal.example.cn", trustedOrigins: ["https://portal.example.cn"] }),
    ).toBe(true);
  });
});

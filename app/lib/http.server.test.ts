import { safeRedirectPath } from "./http.server";

describe("safeRedirectPath", () => {
  it("keeps same-site paths with their query and fragment", () => {
    expect(safeRedirectPath("/cases?status=draft#top")).toBe("/cases?status=draft#top");
    expect(safeRedirectPath("/")).toBe("/");
  });

  it("refuses anything that could leave the portal", () => {
    for (const target of [
      "//evil.example",
      "/\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/%09/evil.example".replace("%09", "\t"),
      "https://evil.example",
      "evil.example",
      "",
      null,
      undefined,
    ]) {
      expect(safeRedirectPath(target as string)).toBe("/");
    }
  });

  it("normalises dot segments instead of passing them through", () => {
    expect(safeRedirectPath("/a/../b")).toBe("/b");
    expect(safeRedirectPath("/..//evil.example")).toBe("/");
  });
});

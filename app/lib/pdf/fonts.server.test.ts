import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { FONT_FILES, loadFonts, locateFontDirectory } from "./fonts.server";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

describe("the shipped CJK font", () => {
  it("is found from the project root, and from a build directory when run elsewhere", () => {
    expect(locateFontDirectory(undefined, ROOT)).toBe(path.join(ROOT, "app/assets/fonts"));
    // The server bundle lives in build/ or .builds/<name>/; started from another directory it walks up.
    expect(locateFontDirectory(path.join(ROOT, ".builds", "anything"), os.tmpdir())).toBe(path.join(ROOT, "app/assets/fonts"));
    expect(() => locateFontDirectory(os.tmpdir(), os.tmpdir())).toThrow(/NotoSansSC-Regular\.ttf was not found/);
  });

  it("ships both weights as TrueType with the OFL beside them", async () => {
    const fonts = await loadFonts();
    for (const bytes of [fonts.regular, fonts.bold]) expect(bytes.readUInt32BE(0)).toBe(0x00010000); // sfnt version 1.0
    const dir = locateFontDirectory();
    expect(Object.values(FONT_FILES).every((file) => fs.existsSync(path.join(dir, file)))).toBe(true);
    expect(fs.readFileSync(path.join(dir, "OFL.txt"), "utf8")).toContain("SIL OPEN FONT LICENSE Version 1.1");
  });
});

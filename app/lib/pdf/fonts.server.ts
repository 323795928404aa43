/**
 * The CJK font the portal ships (app/assets/fonts/README.md), so Chinese renders in PDFs whatever fonts the
 * machine has. The files are read once per process; pdfkit embeds only the glyphs a document uses.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const FONT_FILES = {
  regular: "NotoSansSC-Regular.ttf",
  bold: "NotoSansSC-Bold.ttf",
} as const;
export type FontWeight = keyof typeof FONT_FILES;

const RELATIVE_DIR = path.join("app", "assets", "fonts");

/**
 * The font directory. Server (build/index.js or a BUILD_DIR build), scripts and tests all run from the project
 * root, so that is tried first; otherwise the directories above this module (app/lib/pdf/ in source, the
 * build directory when bundled) are searched, so another working directory still works.
 */
export function locateFontDirectory(
  startDir = path.dirname(fileURLToPath(import.meta.url)),
  cwd = process.cwd(),
): string {
  const candidates = [path.resolve(cwd, RELATIVE_DIR)];
  for (let dir = startDir; ; dir = path.dirname(dir)) {
    candidates.push(path.join(dir, RELATIVE_DIR));
    if (path.dirname(dir) === dir) break;
  }
  const found = candidates.find((candidate) => fs.existsSync(path.join(candidate, FONT_FILES.regular)));
  if (!found) {
    throw new Error(
      `The PDF font ${FONT_FILES.regular} was not found (looked in ${candidates[0]} and above ${startDir}). ` +
        "It ships with the portal in app/assets/fonts/; restore that directory.",
    );
  }
  return found;
}

let cache: Promise<Record<FontWeight, Buffer>> | undefined;

/** The font files' bytes, read once (about 10 MB each). */
export function loadFonts(): Promise<Record<FontWeight, Buffer>> {
  cache ??= (async () => {
    const dir = locateFontDirectory();
    const [regular, bold] = await Promise.all([
      fs.promises.readFile(path.join(dir, FONT_FILES.regular)),
      fs.promises.readFile(path.join(dir, FONT_FILES.bold)),
    ]);
    return { regular, bold };
  })().catch((error: unknown) => {
    cache = undefined; // a later call may find the files restored
    throw error;
  });
  return cache;
}

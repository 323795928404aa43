/**
 * Where the prosecution thresholds come from: the defaults in thresholds.ts, or the JSON file named by
 * PROSECUTION_THRESHOLDS_FILE (read once, checked against ThresholdConfigSchema; a bad file is an error that
 * names the file and the problem, never a silent fallback to the defaults).
 */
import fs from "node:fs";
import { env } from "~/lib/env.server";
import { DEFAULT_THRESHOLDS, ThresholdConfigSchema, type ThresholdConfig } from "./thresholds";

export function loadThresholdConfig(file: string): ThresholdConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`PROSECUTION_THRESHOLDS_FILE (${file}) cannot be read as JSON: ${(error as Error).message}`);
  }
  const parsed = ThresholdConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".") || "(root)"}: ${issue.message}`);
    throw new Error(`PROSECUTION_THRESHOLDS_FILE (${file}) is not a valid threshold configuration:\n${problems.join("\n")}`);
  }
  return parsed.data;
}

let cached: { file: string | undefined; config: ThresholdConfig } | undefined;

export function getProsecutionThresholds(): ThresholdConfig {
  const file = env().prosecutionThresholdsFile;
  if (cached?.file !== file || !cached) {
    cached = { file, config: file ? loadThresholdConfig(file) : DEFAULT_THRESHOLDS };
  }
  return cached.config;
}

import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig } from "vitest/config";

// Unit and integration tests beside the code. Each test file opens a database of its own: PGlite in
// memory by default, a fresh PostgreSQL database when TEST_DATABASE_URL is set (db/testing.ts).
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ["app/**/*.test.{ts,tsx}", "db/**/*.test.ts", "scripts/**/*.test.ts"],
    environment: "node",
    globals: true,
    // Generous: the demo world (with its case history) seeds in ~10 s on an idle machine, several times that on a
    // loaded 2-core one; a slow machine is not a failing test.
    testTimeout: 60_000,
    hookTimeout: 240_000,
    reporters: ["default", "./scripts/vitest-summary-reporter.ts"],
  },
});

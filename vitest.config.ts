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
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ["default", "./scripts/vitest-summary-reporter.ts"],
  },
});

import { defineConfig } from "drizzle-kit";

// Generates SQL into migrations/ from db/schema. Keep the SQL to what PostgreSQL 15 understands:
// PGlite is PostgreSQL 18 inside, but the server deployments run 15.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./migrations",
});

import { defineConfig } from "drizzle-kit";

// Only `drizzle-kit generate` uses this: it diffs lib/db/schema against drizzle/ and needs no database.
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/db/schema/index.ts",
  out: "./drizzle",
  strict: true,
  verbose: true,
});

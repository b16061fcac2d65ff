import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    reporters: ["default", "./tests/support/summary-reporter.ts"],
    include: ["tests/unit/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/mcp/**/*.test.ts"],
    globalSetup: ["tests/support/global-setup.ts"],
    setupFiles: ["tests/support/database-per-file.ts"],
    env: { LOG_LEVEL: "warn", NODE_ENV: "test", DATA_DIR: ".data/test" },
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});

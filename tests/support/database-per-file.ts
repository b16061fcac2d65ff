import { randomUUID } from "node:crypto";
import { afterAll, inject } from "vitest";
import { createDatabaseFromTemplate, withDatabase } from "./databases";

// Every test file gets its own copy of the template database, so files never see each other's rows.
const serverUrl = inject("postgresServerUrl");
const server = { url: (database: string) => withDatabase(serverUrl, database) };
process.env.DATABASE_URL = await createDatabaseFromTemplate(server, `test_${randomUUID().replaceAll("-", "")}`);

afterAll(async () => {
  const { db } = await import("../../lib/db/client");
  await db.$client.end({ timeout: 5 });
});

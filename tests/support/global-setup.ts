import type { TestProject } from "vitest/node";
import { prepareTemplateDatabase, startTestPostgres } from "./postgres";

declare module "vitest" {
  export interface ProvidedContext {
    /** The test server's maintenance database URL; swap the path for another database. */
    postgresServerUrl: string;
  }
}

/** One PostgreSQL server for the whole run, and a migrated template database to copy per file. */
export default async function setup(project: TestProject) {
  const server = await startTestPostgres();
  await prepareTemplateDatabase(server);
  project.provide("postgresServerUrl", server.url("postgres"));
  return () => server.stop();
}

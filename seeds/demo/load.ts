import { readFileSync } from "node:fs";

/** The demo project "Tandem", a team to-do SaaS: one valid, mutually consistent output per stage. Tests use it as their good fixture. */
export const stageFixtureFiles = {
  1: "01-vision.md",
  2: "02-users.json",
  3: "03-requirements.json",
  4: "04-scope.json",
  5: "05-architecture.md",
  6: "06-data-model.sql",
  7: "07-api.yaml",
  8: "08-ux.md",
  9: "09-tasks.json",
} as const;

export type FixtureStage = keyof typeof stageFixtureFiles;

export const fixtureStages = Object.keys(stageFixtureFiles).map(Number) as FixtureStage[];

export function readStageFixture(stage: FixtureStage): string {
  return readFileSync(new URL(`stages/${stageFixtureFiles[stage]}`, import.meta.url), "utf8");
}

/** A JSON fixture as a fresh object, for tests that break one field of a valid output. */
export function readJsonFixture<T = Record<string, unknown>>(stage: 2 | 3 | 4 | 9): T {
  return JSON.parse(readStageFixture(stage)) as T;
}

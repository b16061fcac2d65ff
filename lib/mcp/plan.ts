import type { DbOrTx } from "../db/client";
import { projectStageData, type OpenApiData, type SqlData, type TasksData } from "../stages";
import type { RequirementsData } from "../stages/validators";

export type Requirement = RequirementsData["requirements"][number];
export type Task = TasksData["tasks"][number];

/** The parsed plan pieces the MCP tools and the progress views read; a stage without data is empty, never an error. */
export type Plan = { requirements: Requirement[]; tasks: Task[]; sql: SqlData | null; api: OpenApiData | null };

export async function loadPlan(db: DbOrTx, projectId: string): Promise<Plan> {
  const { 3: requirements, 6: sql, 7: api, 9: tasks } = await projectStageData(db, projectId);
  return {
    requirements: requirements && "requirements" in requirements ? requirements.requirements : [],
    tasks: tasks && "tasks" in tasks ? tasks.tasks : [],
    sql: sql && "tables" in sql ? sql : null,
    api: api && "openapi" in api ? api : null,
  };
}

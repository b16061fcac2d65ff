import { asc, sql } from "drizzle-orm";
import type { DbOrTx } from "../db/client";
import { templates } from "../db/schema";
import type { TemplateStageDefaults } from "./schema";

export type { StageDefaults, TemplateStageDefaults } from "./schema";
export { seedBuiltInTemplates } from "./seed";

export type TemplateSummary = {
  id: string;
  name: string;
  description: string;
  category: string;
  icon: string | null;
  stageDefaults: TemplateStageDefaults;
};

/** Most common kinds first, the blank template last. */
export async function listTemplates(db: DbOrTx): Promise<TemplateSummary[]> {
  const rows = await db
    .select({ id: templates.id, name: templates.name, description: templates.description, category: templates.category, icon: templates.icon, stageDefaults: templates.stageDefaults })
    .from(templates)
    .orderBy(sql`array_position(array['saas','fullstack','api','mobile','landing','cli','other']::varchar[], ${templates.category})`, asc(templates.name));
  return rows.map((row) => ({ ...row, stageDefaults: row.stageDefaults as TemplateStageDefaults }));
}

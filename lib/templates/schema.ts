import { z } from "zod";
import { templateCategories } from "../db/schema";
import { stageNames, type StageName } from "../stages/definitions";

/** One stage's defaults in a template file (seeds/templates/*.yaml) and in templates.stage_defaults. */
export const stageDefaultsSchema = z.object({
  label: z.string().trim().min(1).max(50).optional(),
  questions: z.array(z.string().trim().min(1)).min(3).max(6),
  promptHints: z.string().trim().min(1),
  skeleton: z.string(),
});
export type StageDefaults = z.infer<typeof stageDefaultsSchema>;

export const templateFileSchema = z.object({
  name: z.string().trim().min(1).max(255),
  description: z.string().trim().min(1),
  category: z.enum(templateCategories),
  icon: z.string().trim().min(1).max(50),
  stages: z.object(
    Object.fromEntries(stageNames.map((name) => [name, stageDefaultsSchema])) as Record<StageName, typeof stageDefaultsSchema>,
  ),
});
export type TemplateFile = z.infer<typeof templateFileSchema>;
export type TemplateStageDefaults = TemplateFile["stages"];

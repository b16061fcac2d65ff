import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { parse as parseYaml } from "yaml";
import type { DbOrTx } from "../db/client";
import { templates } from "../db/schema";
import { templateFileSchema, type TemplateFile } from "./schema";

export const builtInTemplatesDir = path.resolve(/* turbopackIgnore: true */ process.cwd(), "seeds", "templates");

export async function loadTemplateFiles(directory = builtInTemplatesDir): Promise<TemplateFile[]> {
  const files = (await readdir(directory)).filter((name) => name.endsWith(".yaml")).sort();
  return Promise.all(
    files.map(async (file) => {
      const parsed = templateFileSchema.safeParse(parseYaml(await readFile(path.join(directory, file), "utf8")));
      if (!parsed.success) throw new Error(`Template ${file} is invalid: ${parsed.error.message}`);
      return parsed.data;
    }),
  );
}

/** Inserts or refreshes every built-in template; running it twice changes nothing. */
export async function seedBuiltInTemplates(db: DbOrTx, files?: TemplateFile[]): Promise<{ inserted: number; updated: number }> {
  const counts = { inserted: 0, updated: 0 };
  for (const file of files ?? (await loadTemplateFiles())) {
    const values = { name: file.name, description: file.description, icon: file.icon, stageDefaults: file.stages };
    const [existing] = await db
      .select({ id: templates.id, changed: sql<boolean>`(${templates.name}, ${templates.description}, ${templates.icon}, ${templates.stageDefaults}) is distinct from (${values.name}::varchar, ${values.description}::text, ${values.icon}::varchar, ${JSON.stringify(values.stageDefaults)}::jsonb)` })
      .from(templates)
      .where(and(eq(templates.category, file.category), eq(templates.isBuiltIn, true)));
    if (!existing) {
      await db
        .insert(templates)
        .values({ ...values, category: file.category, isBuiltIn: true })
        .onConflictDoNothing({ target: templates.category, where: sql`${templates.isBuiltIn}` });
      counts.inserted += 1;
    } else if (existing.changed) {
      await db.update(templates).set(values).where(eq(templates.id, existing.id));
      counts.updated += 1;
    }
  }
  return counts;
}

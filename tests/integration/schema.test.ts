// Migrations: every table, column type, index, CHECK and foreign key of the database design exists.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";

const rows = async <T>(query: ReturnType<typeof sql>) => (await db.execute(query)) as unknown as T[];

describe("database schema", () => {
  it("has every table of the design plus the named additions", async () => {
    const tables = await rows<{ table_name: string }>(sql`select table_name from information_schema.tables where table_schema = 'public' order by 1`);
    expect(tables.map((t) => t.table_name)).toEqual(
      expect.arrayContaining([
        "users",
        "ai_provider_configs",
        "projects",
        "stages",
        "stage_outputs",
        "ai_generations",
        "templates",
        "export_packages",
        "mcp_tokens",
        "activity_events",
        "rate_limit_hits",
      ]),
    );
  });

  it("uses the design's column types and nullability", async () => {
    const columns = await rows<{ table_name: string; column_name: string; data_type: string; is_nullable: string; character_maximum_length: number | null; numeric_precision: number | null; numeric_scale: number | null; column_default: string | null }>(
      sql`select table_name, column_name, data_type, is_nullable, character_maximum_length, numeric_precision, numeric_scale, column_default from information_schema.columns where table_schema = 'public'`,
    );
    const column = (table: string, name: string) => columns.find((c) => c.table_name === table && c.column_name === name);
    expect(column("users", "id")).toMatchObject({ data_type: "uuid", column_default: "gen_random_uuid()" });
    expect(column("users", "email")).toMatchObject({ data_type: "character varying", character_maximum_length: 255, is_nullable: "NO" });
    expect(column("users", "preferences")).toMatchObject({ data_type: "jsonb", column_default: "'{}'::jsonb" });
    expect(column("users", "password_hash")).toMatchObject({ data_type: "text", is_nullable: "YES" });
    expect(column("users", "created_at")).toMatchObject({ data_type: "timestamp with time zone", is_nullable: "NO", column_default: "now()" });
    expect(column("ai_generations", "estimated_cost")).toMatchObject({ data_type: "numeric", numeric_precision: 10, numeric_scale: 6, is_nullable: "NO" });
    expect(column("stages", "status")).toMatchObject({ character_maximum_length: 20, column_default: "'locked'::character varying" });
    expect(column("stages", "data")).toMatchObject({ data_type: "jsonb", is_nullable: "YES" });
    expect(column("projects", "current_stage")).toMatchObject({ data_type: "integer", column_default: "1" });
    expect(column("mcp_tokens", "token_hash")).toMatchObject({ character_maximum_length: 64, is_nullable: "NO" });
    expect(column("stage_outputs", "is_active")).toMatchObject({ data_type: "boolean", column_default: "true" });
  });

  it("has every index, including the GIN and the partial unique ones", async () => {
    const indexes = await rows<{ indexname: string; indexdef: string }>(sql`select indexname, indexdef from pg_indexes where schemaname = 'public'`);
    const def = (name: string) => indexes.find((i) => i.indexname === name)?.indexdef;
    expect(def("idx_users_email")).toMatch(/CREATE UNIQUE INDEX .* ON public\.users USING btree \(email\)/);
    expect(def("idx_ai_configs_user")).toContain("(user_id)");
    expect(def("idx_projects_user")).toContain("(user_id)");
    expect(def("idx_projects_user_slug")).toMatch(/UNIQUE .*\(user_id, slug\) WHERE \(deleted_at IS NULL\)/);
    expect(def("idx_stages_project_number")).toMatch(/UNIQUE .*\(project_id, stage_number\)/);
    expect(def("idx_stages_data")).toMatch(/USING gin \(data\)/);
    expect(def("idx_outputs_stage")).toContain("(stage_id)");
    expect(def("idx_outputs_stage_version")).toMatch(/UNIQUE .*\(stage_id, version\)/);
    expect(def("idx_outputs_one_active")).toMatch(/UNIQUE .*\(stage_id\) WHERE is_active/);
    expect(def("idx_generations_stage")).toContain("(stage_id)");
    expect(def("idx_generations_created")).toContain("(created_at)");
    expect(def("idx_exports_project")).toContain("(project_id)");
    expect(def("idx_mcp_token_hash")).toMatch(/UNIQUE .*\(token_hash\)/);
    expect(def("idx_mcp_tokens_project")).toContain("(project_id)");
  });

  it("has the CHECK constraints and cascading foreign keys", async () => {
    const checks = await rows<{ conname: string; def: string }>(sql`select conname, pg_get_constraintdef(oid) as def from pg_constraint where contype = 'c'`);
    const check = (name: string) => checks.find((c) => c.conname === name)?.def ?? "";
    expect(check("stages_stage_number_check")).toMatch(/stage_number >= 1.*stage_number <= 9/);
    expect(check("ai_provider_configs_provider_check")).toMatch(/anthropic.*openai.*custom/);
    expect(check("stage_outputs_format_check")).toMatch(/json.*md.*sql.*yaml/);
    expect(check("templates_category_check")).toMatch(/saas.*api.*landing.*mobile.*cli.*fullstack.*other/);

    const foreignKeys = await rows<{ source: string; target: string; on_delete: string }>(sql`
      select c.conrelid::regclass::text as source, c.confrelid::regclass::text as target, c.confdeltype as on_delete
      from pg_constraint c where c.contype = 'f'`);
    const fk = (source: string, target: string) => foreignKeys.find((f) => f.source === source && f.target === target)?.on_delete;
    expect(fk("projects", "users")).toBe("c");
    expect(fk("stages", "projects")).toBe("c");
    expect(fk("stage_outputs", "stages")).toBe("c");
    expect(fk("stage_outputs", "ai_generations")).toBe("a");
    expect(fk("mcp_tokens", "projects")).toBe("c");
    expect(fk("export_packages", "projects")).toBe("c");
    expect(fk("projects", "templates")).toBe("a");
  });

  it("rejects rows that break a CHECK", async () => {
    await expect(db.execute(sql`insert into templates (name, description, category, stage_defaults) values ('x', 'x', 'desktop', '{}')`)).rejects.toThrow();
  });
});

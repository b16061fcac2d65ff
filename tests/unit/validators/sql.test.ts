// SQL stage validator (stage 6): libpg-query syntax errors with line:col, primary and foreign key rules, parsed entities.
import { describe, expect, it } from "vitest";
import { readStageFixture } from "@/seeds/demo/load";
import { validateStageOutput, type SqlData, type ValidationMessage } from "@/lib/stages/validators";

async function check(content: string) {
  const result = await validateStageOutput({ stageNumber: 6, content });
  return { messages: result.messages, data: result.data as SqlData | null };
}

function only(messages: ValidationMessage[], code: string): ValidationMessage {
  const matching = messages.filter((message) => message.code === code);
  expect(matching, JSON.stringify(messages)).toHaveLength(1);
  return matching[0]!;
}

describe("good data model", () => {
  it("passes the fixture and lists its tables for containment queries", async () => {
    const { messages, data } = await check(readStageFixture(6));
    expect(messages).toEqual([]);
    expect(data?.tables).toEqual(["users", "workspaces", "memberships", "invitations", "tasks", "comments"]);
  });

  it("describes columns, composite keys and foreign keys, including ones added by ALTER TABLE", async () => {
    const { data } = await check(readStageFixture(6));
    const entity = (name: string) => data?.entities.find((candidate) => candidate.name === name);

    expect(entity("memberships")?.primaryKey).toEqual(["workspace_id", "user_id"]);
    expect(entity("memberships")?.columns.find((column) => column.name === "role")).toEqual({
      name: "role",
      type: "membership_role",
      nullable: false,
      primaryKey: false,
    });
    expect(entity("users")?.columns.slice(0, 2)).toEqual([
      { name: "id", type: "uuid", nullable: false, primaryKey: true },
      { name: "email", type: "varchar(320)", nullable: false, primaryKey: false },
    ]);
    expect(entity("tasks")?.columns.find((column) => column.name === "notes")).toMatchObject({ type: "text", nullable: true });
    expect(entity("tasks")?.foreignKeys).toContainEqual({
      columns: ["workspace_id", "assignee_id"],
      table: "memberships",
      refColumns: ["workspace_id", "user_id"],
    });
    expect(entity("comments")?.foreignKeys).toContainEqual({ columns: ["task_id"], table: "tasks", refColumns: ["id"] });
  });

  it("lower-cases names, drops the schema, and resolves REFERENCES without columns to the primary key", async () => {
    const { messages, data } = await check(
      `CREATE TABLE public."Teams" (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, tags text[] NOT NULL, score numeric(10,2));
       CREATE TABLE app.members (team_id bigint REFERENCES public.teams, user_ref int, PRIMARY KEY (team_id, user_ref));
       CREATE TABLE notes (id int);
       ALTER TABLE notes ADD PRIMARY KEY (id);`,
    );
    expect(messages).toEqual([]);
    expect(data?.tables).toEqual(["teams", "members", "notes"]);
    expect(data?.entities[0]?.columns.map((column) => column.type)).toEqual(["bigint", "text[]", "numeric(10,2)"]);
    expect(data?.entities[1]?.foreignKeys).toEqual([{ columns: ["team_id"], table: "teams", refColumns: ["id"] }]);
    expect(data?.entities[2]).toMatchObject({ primaryKey: ["id"], columns: [{ name: "id", primaryKey: true, nullable: false }] });
  });
});

describe("syntax errors use PostgreSQL's own parser position", () => {
  it("reports line and column of a doubled comma", async () => {
    const { messages, data } = await check("CREATE TABLE a (\n  id int PRIMARY KEY,\n  name text,,\n);");
    expect(data).toBeNull();
    expect(messages).toEqual([
      {
        level: "error",
        stage: 6,
        code: "sql_syntax",
        message: 'SQL syntax error at line 3, column 13: syntax error at or near ",".',
        path: "3:13",
      },
    ]);
  });

  it("reports a misspelled keyword on a later line", async () => {
    const { messages } = await check("CREATE TABLE a (id int PRIMARY KEY);\n\nCREAT TABLE b (id int PRIMARY KEY);");
    expect(only(messages, "sql_syntax")).toMatchObject({ path: "3:1", message: expect.stringContaining('at or near "CREAT"') });
  });

  it("converts the parser's character position after multi-byte text", async () => {
    const { messages } = await check("-- Überblick 🚀 tables\nCREATE TABLE a (note text DEFAULT 'é', , id int);");
    expect(only(messages, "sql_syntax").path).toBe("2:40");
  });

  it("reports an unterminated string where it starts", async () => {
    const { messages } = await check("CREATE TABLE a (\n  n text DEFAULT 'x\n);");
    expect(only(messages, "sql_syntax")).toMatchObject({ path: "2:18", message: expect.stringContaining("unterminated quoted string") });
  });
});

describe("table rules", () => {
  it("requires a primary key on every table and points at the table name", async () => {
    const { messages, data } = await check("CREATE TABLE teams (id int PRIMARY KEY);\nCREATE TABLE audit_log (\n  at timestamptz NOT NULL\n);");
    expect(data?.tables).toEqual(["teams", "audit_log"]);
    expect(messages).toEqual([
      {
        level: "error",
        stage: 6,
        code: "missing_primary_key",
        message: 'Table "audit_log" has no primary key. Mark a column PRIMARY KEY or add a PRIMARY KEY (...) constraint.',
        path: "2:14",
      },
    ]);
  });

  it("rejects a column foreign key to a table the script does not create", async () => {
    const { messages } = await check("CREATE TABLE tasks (\n  id int PRIMARY KEY,\n  project_id int REFERENCES projects (id)\n);");
    expect(only(messages, "unknown_fk_table")).toEqual({
      level: "error",
      stage: 6,
      code: "unknown_fk_table",
      message: 'Foreign key tasks(project_id) references table "projects", which is not created in this script.',
      path: "3:18",
    });
  });

  it("rejects table-level and ALTER TABLE foreign keys to unknown tables", async () => {
    const { messages } = await check(
      `CREATE TABLE a (id int PRIMARY KEY, b_id int, FOREIGN KEY (b_id) REFERENCES b (id));
ALTER TABLE a ADD CONSTRAINT a_c_fk FOREIGN KEY (id) REFERENCES c (id);`,
    );
    const unknown = messages.filter((message) => message.code === "unknown_fk_table");
    expect(unknown.map((message) => [message.path, message.message])).toEqual([
      ["1:47", 'Foreign key a(b_id) references table "b", which is not created in this script.'],
      ["2:19", 'Foreign key a(id) references table "c", which is not created in this script.'],
    ]);
  });

  it("rejects a foreign key to a column the target table does not have", async () => {
    const { messages } = await check("CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a (uuid));");
    expect(only(messages, "unknown_fk_column")).toMatchObject({
      level: "error",
      path: "2:46",
      message: 'Foreign key b(a_id) references a.uuid, but table "a" has no column "uuid".',
    });
  });

  it("warns when a foreign key references a table created later in the script", async () => {
    const { messages } = await check("CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a);\nCREATE TABLE a (id int PRIMARY KEY);");
    expect(only(messages, "fk_table_defined_later")).toMatchObject({ level: "warning", path: "1:46" });
  });

  it("rejects a table created twice", async () => {
    const { messages } = await check("CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE IF NOT EXISTS a (id int PRIMARY KEY);");
    expect(only(messages, "duplicate_table")).toMatchObject({
      path: "2:14",
      message: 'Table "a" is created twice (first at line 1, column 14).',
    });
  });

  it("rejects a script without any table", async () => {
    const { messages } = await check("-- enums first\nCREATE TYPE status AS ENUM ('open', 'done');");
    expect(only(messages, "empty")).toMatchObject({ level: "error", path: "", message: expect.stringContaining("creates no tables") });
  });

  it("does not ask a partition for its own primary key", async () => {
    const { messages } = await check(
      "CREATE TABLE events (id int, at date, PRIMARY KEY (id, at)) PARTITION BY RANGE (at);\nCREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');",
    );
    expect(messages).toEqual([]);
  });
});

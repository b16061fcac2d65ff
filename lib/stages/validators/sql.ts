import {
  hasSqlDetails,
  parse,
  type ColumnDef,
  type Constraint,
  type CreateStmt,
  type Node,
  type ParseResult,
  type RangeVar,
  type TypeName,
} from "libpg-query";
import {
  describePosition,
  error,
  formatLineCol,
  lineColAt,
  warning,
  type LineCol,
  type ValidationMessage,
} from "./messages";

export type SqlColumn = { name: string; type: string; nullable: boolean; primaryKey: boolean };
export type SqlForeignKey = { columns: string[]; table: string; refColumns: string[] };
export type SqlEntity = { name: string; columns: SqlColumn[]; primaryKey: string[]; foreignKeys: SqlForeignKey[] };
/** `tables` duplicates the entity names as plain strings so JSONB containment (`data @> '{"tables":["users"]}'`) works. */
export type SqlData = { tables: string[]; entities: SqlEntity[] };

export type SqlValidation = { messages: ValidationMessage[]; data: SqlData | null };

/** A foreign key kept with where it was written until every table in the script is known. */
type PendingForeignKey = { key: SqlForeignKey; owner: string; offset: number; statementIndex: number };

type TableInfo = {
  entity: SqlEntity;
  offset: number;
  statementIndex: number;
  // PARTITION OF tables take their key from the parent, so a missing PRIMARY KEY is not a mistake there.
  inheritsKey: boolean;
};

export async function validateSqlStage(stage: number, content: string): Promise<SqlValidation> {
  let tree: ParseResult;
  try {
    tree = await parse(content);
  } catch (cause) {
    return { messages: [syntaxMessage(stage, content, cause)], data: null };
  }

  const locate = byteLocator(content);
  const messages: ValidationMessage[] = [];
  const tables = new Map<string, TableInfo>();
  const foreignKeys: PendingForeignKey[] = [];

  (tree.stmts ?? []).forEach((raw, statementIndex) => {
    const statement = raw.stmt;
    if (statement === undefined) return;
    if ("CreateStmt" in statement) {
      const created = readCreateTable(statement.CreateStmt, statementIndex, foreignKeys);
      if (created === null) return;
      const existing = tables.get(created.entity.name);
      if (existing !== undefined && !statement.CreateStmt.if_not_exists) {
        messages.push(
          error(
            stage,
            "duplicate_table",
            `Table "${created.entity.name}" is created twice (first at ${describePosition(locate(existing.offset))}).`,
            formatLineCol(locate(created.offset)),
          ),
        );
      }
      if (existing === undefined) tables.set(created.entity.name, created);
    } else if ("AlterTableStmt" in statement) {
      const owner = tableName(statement.AlterTableStmt.relation);
      const entity = owner === null ? undefined : tables.get(owner)?.entity;
      for (const command of statement.AlterTableStmt.cmds ?? []) {
        if (!("AlterTableCmd" in command) || owner === null) continue;
        const definition = command.AlterTableCmd.def;
        if (definition === undefined) continue;
        if (command.AlterTableCmd.subtype === "AT_AddColumn" && "ColumnDef" in definition && entity !== undefined) {
          addColumn(entity, definition.ColumnDef, statementIndex, foreignKeys);
        } else if (command.AlterTableCmd.subtype === "AT_AddConstraint" && "Constraint" in definition) {
          applyTableConstraint(owner, entity, definition.Constraint, statementIndex, foreignKeys);
        }
      }
    }
  });

  if (tables.size === 0) {
    messages.push(error(stage, "empty", "The data model creates no tables; add at least one CREATE TABLE statement."));
  }

  for (const table of tables.values()) {
    if (table.entity.primaryKey.length > 0 || table.inheritsKey) continue;
    messages.push(
      error(
        stage,
        "missing_primary_key",
        `Table "${table.entity.name}" has no primary key. Mark a column PRIMARY KEY or add a PRIMARY KEY (...) constraint.`,
        formatLineCol(locate(table.offset)),
      ),
    );
  }

  for (const foreignKey of foreignKeys) {
    messages.push(...checkForeignKey(stage, foreignKey, tables, locate));
  }

  const entities = [...tables.values()].map((table) => table.entity);
  return { messages, data: { tables: entities.map((entity) => entity.name), entities } };
}

function syntaxMessage(stage: number, content: string, cause: unknown): ValidationMessage {
  // Only parser verdicts carry a cursor; anything else (the wasm module failing to load) is ours, not the author's.
  if (!hasSqlDetails(cause)) throw cause;
  const position = lineColAt(content, codePointsToUnits(content, cause.sqlDetails.cursorPosition));
  return error(
    stage,
    "sql_syntax",
    `SQL syntax error at ${describePosition(position)}: ${cause.message}.`,
    formatLineCol(position),
  );
}

/** libpg_query counts the cursor in characters (code points); JavaScript offsets are UTF-16 units. */
function codePointsToUnits(content: string, codePoints: number): number {
  let units = 0;
  let seen = 0;
  for (const char of content) {
    if (seen === codePoints) break;
    units += char.length;
    seen++;
  }
  return units;
}

/**
 * Node `location`s in the parse tree are UTF-8 byte offsets. Line starts are measured once so that locating many
 * findings in a large script re-encodes only the line each one is on.
 */
function byteLocator(content: string): (byteOffset: number) => LineCol {
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const lines = content.split("\n");
  const starts: number[] = [];
  let total = 0;
  for (const line of lines) {
    starts.push(total);
    total += encoder.encode(line).length + 1;
  }
  return (byteOffset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= byteOffset) low = middle;
      else high = middle - 1;
    }
    const prefix = encoder.encode(lines[low]).subarray(0, byteOffset - starts[low]!);
    return { line: low + 1, col: decoder.decode(prefix).length + 1 };
  };
}

function tableName(relation: RangeVar | undefined): string | null {
  return relation?.relname ? relation.relname.toLowerCase() : null;
}

function readCreateTable(create: CreateStmt, statementIndex: number, foreignKeys: PendingForeignKey[]): TableInfo | null {
  const name = tableName(create.relation);
  if (name === null) return null;
  const entity: SqlEntity = { name, columns: [], primaryKey: [], foreignKeys: [] };
  for (const element of create.tableElts ?? []) {
    if ("ColumnDef" in element) addColumn(entity, element.ColumnDef, statementIndex, foreignKeys);
    else if ("Constraint" in element) applyTableConstraint(name, entity, element.Constraint, statementIndex, foreignKeys);
  }
  return { entity, offset: create.relation?.location ?? 0, statementIndex, inheritsKey: create.partbound !== undefined };
}

function addColumn(entity: SqlEntity, column: ColumnDef, statementIndex: number, foreignKeys: PendingForeignKey[]): void {
  const name = column.colname ?? "";
  const constraints = constraintsOf(column.constraints);
  const primaryKey = constraints.some((constraint) => constraint.contype === "CONSTR_PRIMARY");
  const notNull = column.is_not_null === true || constraints.some((constraint) => constraint.contype === "CONSTR_NOTNULL");
  entity.columns.push({ name, type: describeType(column.typeName), nullable: !(primaryKey || notNull), primaryKey });
  if (primaryKey) entity.primaryKey = [name];
  for (const constraint of constraints) {
    if (constraint.contype !== "CONSTR_FOREIGN") continue;
    addForeignKey(entity.name, entity, { ...constraint, fk_attrs: [{ String: { sval: name } }] }, statementIndex, foreignKeys);
  }
}

function applyTableConstraint(
  owner: string,
  entity: SqlEntity | undefined,
  constraint: Constraint,
  statementIndex: number,
  foreignKeys: PendingForeignKey[],
): void {
  if (constraint.contype === "CONSTR_FOREIGN") {
    addForeignKey(owner, entity, constraint, statementIndex, foreignKeys);
  } else if (constraint.contype === "CONSTR_PRIMARY" && entity !== undefined) {
    entity.primaryKey = names(constraint.keys);
    for (const column of entity.columns) {
      if (!entity.primaryKey.includes(column.name)) continue;
      column.primaryKey = true;
      column.nullable = false;
    }
  }
}

function addForeignKey(
  owner: string,
  entity: SqlEntity | undefined,
  constraint: Constraint,
  statementIndex: number,
  foreignKeys: PendingForeignKey[],
): void {
  const foreignKey: SqlForeignKey = {
    columns: names(constraint.fk_attrs),
    table: tableName(constraint.pktable) ?? "",
    refColumns: names(constraint.pk_attrs),
  };
  entity?.foreignKeys.push(foreignKey);
  foreignKeys.push({ key: foreignKey, owner, offset: constraint.location ?? 0, statementIndex });
}

function checkForeignKey(
  stage: number,
  { key: foreignKey, owner, offset, statementIndex }: PendingForeignKey,
  tables: ReadonlyMap<string, TableInfo>,
  locate: (byteOffset: number) => LineCol,
): ValidationMessage[] {
  const where = formatLineCol(locate(offset));
  const from = `${owner}(${foreignKey.columns.join(", ")})`;
  const target = tables.get(foreignKey.table);
  if (target === undefined) {
    return [
      error(
        stage,
        "unknown_fk_table",
        `Foreign key ${from} references table "${foreignKey.table}", which is not created in this script.`,
        where,
      ),
    ];
  }

  // REFERENCES t without a column list means t's primary key; fill it in so `data` says what is actually referenced.
  if (foreignKey.refColumns.length === 0) foreignKey.refColumns.push(...target.entity.primaryKey);

  const messages: ValidationMessage[] = [];
  const known = new Set(target.entity.columns.map((column) => column.name));
  for (const column of foreignKey.refColumns) {
    if (known.has(column) || target.inheritsKey) continue;
    messages.push(
      error(
        stage,
        "unknown_fk_column",
        `Foreign key ${from} references ${foreignKey.table}.${column}, but table "${foreignKey.table}" has no column "${column}".`,
        where,
      ),
    );
  }
  if (target.statementIndex > statementIndex) {
    messages.push(
      warning(
        stage,
        "fk_table_defined_later",
        `Foreign key ${from} references table "${foreignKey.table}" before it is created; PostgreSQL will reject the script unless "${foreignKey.table}" is created first.`,
        where,
      ),
    );
  }
  return messages;
}

function constraintsOf(nodes: Node[] | undefined): Constraint[] {
  return (nodes ?? []).flatMap((node) => ("Constraint" in node ? [node.Constraint] : []));
}

function names(nodes: Node[] | undefined): string[] {
  return (nodes ?? []).flatMap((node) => ("String" in node && node.String.sval !== undefined ? [node.String.sval] : []));
}

/** Internal catalog names as people write them in DDL. */
const typeAliases: Record<string, string> = {
  int2: "smallint",
  int4: "integer",
  int8: "bigint",
  float4: "real",
  float8: "double precision",
  bool: "boolean",
  bpchar: "char",
};

function describeType(typeName: TypeName | undefined): string {
  const parts = names(typeName?.names).filter((part) => part !== "pg_catalog");
  const base = parts.map((part) => typeAliases[part] ?? part).join(".");
  const modifiers = (typeName?.typmods ?? []).flatMap((node) =>
    "A_Const" in node && node.A_Const.ival !== undefined ? [String(node.A_Const.ival.ival ?? 0)] : [],
  );
  const suffix = modifiers.length > 0 ? `(${modifiers.join(",")})` : "";
  return base + suffix + "[]".repeat(typeName?.arrayBounds?.length ?? 0);
}

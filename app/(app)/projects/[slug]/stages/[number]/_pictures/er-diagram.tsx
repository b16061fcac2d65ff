"use client";

import { useMemo } from "react";
import type { SqlData, SqlEntity } from "@/lib/stages/validators";
import { MermaidDiagram } from "./mermaid";
import { erDiagramSource } from "./sources";

/** The data model as an entity-relationship diagram, with the tables as a list when mermaid cannot draw it. */
export function ErDiagram({ data }: { data: SqlData }) {
  const source = useMemo(() => erDiagramSource(data), [data]);
  const count = data.entities.length;

  if (count === 0) return <p className="text-sm text-muted-foreground">The data model has no tables to draw yet.</p>;

  return (
    <MermaidDiagram
      source={source}
      label={`Entity-relationship diagram of ${count} ${count === 1 ? "table" : "tables"}`}
      fallback={<TableList entities={data.entities} />}
    />
  );
}

function TableList({ entities }: { entities: SqlEntity[] }) {
  return (
    <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
      {entities.map((entity) => {
        const foreignKeys = new Map(
          entity.foreignKeys.flatMap((foreignKey) =>
            foreignKey.columns.map((column) => [column, foreignKey.table] as const),
          ),
        );
        return (
          <li key={entity.name} className="rounded-md border bg-card">
            <h3 className="border-b px-3 py-2 font-mono text-sm font-semibold">{entity.name}</h3>
            <ul className="divide-y text-xs">
              {entity.columns.map((column) => {
                const references = foreignKeys.get(column.name);
                return (
                  <li key={column.name} className="flex items-baseline gap-2 px-3 py-1.5">
                    <span className="font-mono">{column.name}</span>
                    <span className="font-mono text-muted-foreground">{column.type}</span>
                    <span className="ml-auto flex gap-1">
                      {column.primaryKey && <KeyMark title="Primary key">PK</KeyMark>}
                      {references !== undefined && <KeyMark title={`Foreign key to ${references}`}>FK</KeyMark>}
                    </span>
                  </li>
                );
              })}
            </ul>
          </li>
        );
      })}
    </ul>
  );
}

function KeyMark({ title, children }: { title: string; children: string }) {
  return (
    <abbr title={title} className="rounded bg-muted px-1 font-medium no-underline">
      {children}
    </abbr>
  );
}

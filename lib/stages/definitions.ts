import type { OutputFormat } from "../db/schema";

/** The nine stages: number, name, default label and output format are fixed; templates only relabel. */
export const stageDefinitions = [
  {
    number: 1,
    name: "vision",
    label: "Vision & Problem",
    format: "md",
    sections: ["Problem", "Target users", "Value proposition", "Goals & success metrics", "Non-goals"],
  },
  { number: 2, name: "users", label: "Users & Personas", format: "json", sections: [] },
  { number: 3, name: "requirements", label: "Requirements", format: "json", sections: [] },
  { number: 4, name: "scope", label: "Scope & Milestones", format: "json", sections: [] },
  {
    number: 5,
    name: "architecture",
    label: "Architecture & Stack",
    format: "md",
    sections: ["Overview", "Components", "Tech stack", "Decisions", "Deployment", "Security"],
  },
  { number: 6, name: "data_model", label: "Data Model", format: "sql", sections: [] },
  { number: 7, name: "api", label: "API Contract", format: "yaml", sections: [] },
  {
    number: 8,
    name: "ux",
    label: "Screens & Flows",
    format: "md",
    sections: ["Screens", "Navigation", "Flows", "States", "Accessibility"],
  },
  { number: 9, name: "tasks", label: "Implementation Plan", format: "json", sections: [] },
] as const satisfies readonly {
  number: number;
  name: string;
  label: string;
  format: OutputFormat;
  sections: readonly string[];
}[];

export type StageDefinition = (typeof stageDefinitions)[number];
export type StageName = StageDefinition["name"];

export const STAGE_COUNT = stageDefinitions.length;
export const stageNames = stageDefinitions.map((stage) => stage.name) as StageName[];

export function stageByNumber(number: number): StageDefinition | undefined {
  return stageDefinitions.find((stage) => stage.number === number);
}

export function stageByName(name: string): StageDefinition | undefined {
  return stageDefinitions.find((stage) => stage.name === name);
}

export * from "./ai";
export * from "./delivery";
export * from "./generation";
export * from "./mcp";
export * from "./projects";
export * from "./users";

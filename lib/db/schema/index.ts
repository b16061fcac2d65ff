export * from "./ai";
export * from "./delivery";
export * from "./projects";
export * from "./users";

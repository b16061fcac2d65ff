export {
  createProject,
  createProjectSchema,
  deleteProject,
  getProject,
  getProjectStages,
  listProjects,
  renameProject,
  type ProjectSummary,
} from "./projects";
export { slugify } from "./slug";

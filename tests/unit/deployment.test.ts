// Deployment files: docker-compose.yml runs Postgres 16 with a health check, the app built from the Dockerfile and the MCP server beside it.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const compose = parse(readFileSync("docker-compose.yml", "utf8"));

describe("docker-compose.yml", () => {
  it("runs PostgreSQL 16 with a health check", () => {
    expect(compose.services.postgres.image).toBe("postgres:16");
    expect(compose.services.postgres.healthcheck.test.join(" ")).toContain("pg_isready");
  });

  it("builds the app, waits for a healthy database and passes the production secrets", () => {
    const app = compose.services.app;
    expect(app.build).toBe(".");
    expect(app.depends_on.postgres.condition).toBe("service_healthy");
    expect(Object.keys(app.environment)).toEqual(expect.arrayContaining(["DATABASE_URL", "APP_SECRET", "ENCRYPTION_KEY"]));
    expect(app.environment.DATABASE_URL).toMatch(/@postgres:5432\//);
    expect(app.healthcheck.test.join(" ")).toContain("/sign-in");
  });

  it("runs the MCP server as its own service on the same image, reachable from outside its container", () => {
    const mcp = compose.services.mcp;
    expect(mcp.build).toBe(".");
    expect(mcp.command.join(" ")).toContain("mcp-server/main.ts");
    expect(mcp.command).not.toContain("--stdio");
    expect(mcp.depends_on.postgres.condition).toBe("service_healthy");
    expect(mcp.environment).toMatchObject({ MCP_HOST: "0.0.0.0", MCP_PORT: 3001 });
    expect(Object.keys(mcp.environment)).toEqual(expect.arrayContaining(["DATABASE_URL", "APP_URL", "APP_SECRET", "ENCRYPTION_KEY"]));
    expect(mcp.ports).toContain("3001:3001");
    expect(mcp.healthcheck.test.join(" ")).toContain("/health");
  });
});

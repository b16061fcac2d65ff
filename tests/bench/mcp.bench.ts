// get_stage over Streamable HTTP with 8 concurrent clients, next to its floor: a bare postgres.js query for the same row plus a bare loopback HTTP round trip.
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import postgres from "postgres";
import { createDatabaseFromTemplate } from "../support/databases";
import { prepareTemplateDatabase, startTestPostgres } from "../support/postgres";

const CLIENTS = 8;
const CALLS_PER_CLIENT = 150;
const WARMUP_PER_CLIENT = 15;
const STAGE = 6;

type Figures = { median: number; p95: number; perSecond: number };

/** Runs `call` CALLS_PER_CLIENT times on each of CLIENTS concurrent loops; latencies in ms. */
async function measure(calls: ((() => Promise<unknown>))[]): Promise<Figures> {
  await Promise.all(calls.map(async (call) => { for (let index = 0; index < WARMUP_PER_CLIENT; index += 1) await call(); }));
  const latencies: number[] = [];
  const started = performance.now();
  await Promise.all(
    calls.map(async (call) => {
      for (let index = 0; index < CALLS_PER_CLIENT; index += 1) {
        const start = performance.now();
        await call();
        latencies.push(performance.now() - start);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (share: number) => latencies[Math.min(latencies.length - 1, Math.floor(share * latencies.length))]!;
  return { median: at(0.5), p95: at(0.95), perSecond: latencies.length / seconds };
}

const row = (name: string, figures: Figures) => `${name.padEnd(34)} median ${figures.median.toFixed(2).padStart(7)} ms   p95 ${figures.p95.toFixed(2).padStart(7)} ms   ${figures.perSecond.toFixed(0).padStart(6)} calls/s`;

const server = await startTestPostgres();
try {
  await prepareTemplateDatabase(server);
  const url = await createDatabaseFromTemplate(server, `bench_${randomUUID().replaceAll("-", "")}`);
  // lib/env.ts reads the environment once, on first import: set it before importing anything from lib/.
  process.env.DATABASE_URL = url;
  const { db } = await import("../../lib/db/client");
  const { seedDemo, DEMO_EMAIL } = await import("../../seeds/demo/seed");
  const { createToken } = await import("../../lib/mcp");
  const { createHttpServer } = await import("../../mcp-server/http");
  const { Client } = await import("@modelcontextprotocol/sdk/client/index.js");
  const { StreamableHTTPClientTransport } = await import("@modelcontextprotocol/sdk/client/streamableHttp.js");

  const { projectSlug } = await seedDemo(db, "bench password");
  const [owner] = await db.execute<{ user_id: string; project_id: string }>(
    (await import("drizzle-orm")).sql`select u.id as user_id, p.id as project_id from projects p join users u on u.id = p.user_id where u.email = ${DEMO_EMAIL} and p.slug = ${projectSlug}`,
  );
  const { token } = await createToken(db, owner!.user_id, owner!.project_id, { label: "bench" });

  // Floor 1: the same row straight from postgres.js, one connection per concurrent loop.
  const bare = postgres(url, { max: CLIENTS, onnotice: () => {} });
  const query = () => bare`select o.content from stage_outputs o join stages s on s.id = o.stage_id where s.project_id = ${owner!.project_id} and s.stage_number = ${STAGE} and o.is_active`;
  const pgFigures = await measure(Array.from({ length: CLIENTS }, () => query));
  await bare.end();

  // Floor 2: a loopback HTTP round trip through the same fetch the MCP client uses, answering a small JSON body.
  const echo = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}'));
  });
  await new Promise<void>((resolve) => echo.listen(0, "127.0.0.1", resolve));
  const echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}/`;
  const roundTrip = () => fetch(echoUrl, { method: "POST", headers: { "content-type": "application/json" }, body: '{"jsonrpc":"2.0","id":1,"method":"ping"}' }).then((response) => response.text());
  const httpFigures = await measure(Array.from({ length: CLIENTS }, () => roundTrip));
  await new Promise((resolve) => echo.close(resolve));

  // The real thing: the MCP server (token check and rate limit included, with a limit the bench cannot reach).
  const mcp = createHttpServer({ db, host: "127.0.0.1", port: 0, rateLimit: { limit: 1_000_000, windowMs: 60_000 } });
  const mcpUrl = await mcp.listen();
  const clients = await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      const client = new Client({ name: "bench", version: "1.0.0" });
      await client.connect(new StreamableHTTPClientTransport(new URL(mcpUrl), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }));
      return client;
    }),
  );
  const mcpFigures = await measure(clients.map((client) => () => client.callTool({ name: "get_stage", arguments: { stage: STAGE } })));
  await Promise.all(clients.map((client) => client.close()));
  await mcp.close();
  await db.$client.end({ timeout: 5 });

  const floorMedian = pgFigures.median + httpFigures.median;
  const floorP95 = pgFigures.p95 + httpFigures.p95;
  console.log(`get_stage(${STAGE}) · ${CLIENTS} concurrent clients × ${CALLS_PER_CLIENT} calls (after ${WARMUP_PER_CLIENT} warm-up calls each)\n`);
  console.log(row("floor: postgres.js query", pgFigures));
  console.log(row("floor: loopback HTTP round trip", httpFigures));
  console.log(`${"floor: sum".padEnd(34)} median ${floorMedian.toFixed(2).padStart(7)} ms   p95 ${floorP95.toFixed(2).padStart(7)} ms`);
  console.log(row("MCP get_stage over Streamable HTTP", mcpFigures));
  console.log(`\nratio to floor: median ×${(mcpFigures.median / floorMedian).toFixed(1)}, p95 ×${(mcpFigures.p95 / floorP95).toFixed(1)}`);
} finally {
  await server.stop();
}

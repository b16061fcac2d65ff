// `npm run bench`: runs every tests/bench/*.bench.ts in turn; each prints its own figures.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";

const directory = path.dirname(new URL(import.meta.url).pathname);
const benches = readdirSync(directory).filter((file) => file.endsWith(".bench.ts")).sort();
let failed = 0;
for (const bench of benches) {
  console.log(`\n=== ${bench} ===`);
  const run = spawnSync("npx", ["tsx", path.join(directory, bench)], { stdio: "inherit", env: { ...process.env, LOG_LEVEL: "warn" } });
  if (run.status !== 0) failed += 1;
}
process.exit(failed === 0 ? 0 : 1);

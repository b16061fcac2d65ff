// `npm run seed`: start or reach the database, apply migrations and seed the built-in templates.
// `npm run seed -- --demo` also creates the demo account and its fully approved project.
import { parseArgs } from "node:util";
import { boot } from "../lib/boot";
import { db } from "../lib/db/client";
import { seedDemo } from "./demo/seed";

const { values } = parseArgs({ options: { demo: { type: "boolean", default: false } } });

await boot();
if (values.demo) {
  const demo = await seedDemo(db);
  console.log(
    [
      "",
      `Demo project ${demo.createdProject ? "created" : "already present"}: /projects/${demo.projectSlug}`,
      "Sign in with:",
      `  email:    ${demo.email}`,
      `  password: ${demo.password}`,
      "",
    ].join("\n"),
  );
}
await db.$client.end();
process.exit(0);

// `npm run seed`: start or reach the database, apply migrations and seed the built-in templates.
import { boot } from "../lib/boot";
import { db } from "../lib/db/client";

await boot();
await db.$client.end();
process.exit(0);

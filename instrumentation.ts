export async function register() {
  // The boot path needs Node APIs (embedded Postgres, fs); the edge runtime never serves our routes.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { boot } = await import("./lib/boot");
    await boot();
    // The server also runs the AI generation worker; every instance takes its share of jobs.
    const { generationQueue } = await import("./lib/ai/queue");
    await generationQueue();
  }
}

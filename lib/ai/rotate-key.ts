/**
 * Re-encrypts every stored AI provider key from an old ENCRYPTION_KEY to a new one.
 *
 *   OLD_ENCRYPTION_KEY=<old base64> ENCRYPTION_KEY=<new base64> npx tsx lib/ai/rotate-key.ts
 *   npx tsx lib/ai/rotate-key.ts --old <old base64> [--new <new base64>]
 *
 * Prefer the environment variables: command-line arguments are visible in `ps` and shell history.
 * Without --new, the new key is the app's own (ENCRYPTION_KEY, or the generated development key).
 * One transaction, idempotent: rows already under the new key are skipped, so a re-run is harmless.
 * Prints counts only — never a key.
 */
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { aiProviderConfigs } from "../db/schema";
import { canDecryptWith, decryptSecret, encryptSecret, parseEncryptionKey } from "./crypto";

export type RotationResult = { total: number; reencrypted: number; skipped: number };

export async function rotateEncryptionKey(db: Db, oldKey: Buffer, newKey: Buffer): Promise<RotationResult> {
  if (oldKey.equals(newKey)) throw new Error("The old and the new encryption key are the same; nothing to rotate.");
  return db.transaction(async (tx) => {
    // Locked, so a key saved from the settings page mid-rotation waits instead of being missed.
    const rows = await tx.select({ id: aiProviderConfigs.id, stored: aiProviderConfigs.apiKeyEncrypted }).from(aiProviderConfigs).for("update");
    let reencrypted = 0;
    let skipped = 0;
    for (const row of rows) {
      if (canDecryptWith(row.stored, newKey)) {
        skipped += 1;
        continue;
      }
      let plain: string;
      try {
        plain = decryptSecret(row.stored, oldKey);
      } catch {
        // Abort everything: a half-rotated table under two unknown keys is worse than none.
        throw new Error(`Provider config ${row.id} decrypts with neither the old nor the new key; nothing was changed. Check OLD_ENCRYPTION_KEY.`);
      }
      await tx.update(aiProviderConfigs).set({ apiKeyEncrypted: encryptSecret(plain, newKey) }).where(eq(aiProviderConfigs.id, row.id));
      reencrypted += 1;
    }
    return { total: rows.length, reencrypted, skipped };
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { old: { type: "string" }, new: { type: "string" } } });
  const { env } = await import("../env");
  const oldValue = values.old ?? env.OLD_ENCRYPTION_KEY;
  if (!oldValue) throw new Error("Give the current key: OLD_ENCRYPTION_KEY=<base64> (or --old <base64>).");
  const oldKey = parseEncryptionKey(oldValue, values.old ? "--old" : "OLD_ENCRYPTION_KEY");
  const { getSecrets } = await import("../secrets");
  const newKey = values.new ? parseEncryptionKey(values.new, "--new") : getSecrets().encryptionKey;

  const { boot } = await import("../boot");
  const { db } = await import("../db/client");
  await boot();
  try {
    const result = await rotateEncryptionKey(db, oldKey, newKey);
    console.log(`Provider keys: ${result.total} in total, ${result.reencrypted} re-encrypted, ${result.skipped} already under the new key.`);
    // The app decrypts with ENCRYPTION_KEY; if that isn't the key just rotated to, say so.
    if (!newKey.equals(getSecrets().encryptionKey)) console.log("Now set ENCRYPTION_KEY to the new key and restart the app.");
  } finally {
    await db.$client.end();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}

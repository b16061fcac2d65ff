/**
 * API keys at rest: AES-256-GCM under ENCRYPTION_KEY, stored as
 * `enc:v1:<base64url iv>:<base64url tag>:<base64url ciphertext>`. The version prefix lets a future
 * scheme coexist with v1 rows, and `rotate-key.ts` re-encrypts rows when the key itself changes.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { getSecrets } from "../secrets";

const PREFIX = "enc:v1:";
const ALGORITHM = "aes-256-gcm";
/** 96-bit IV, the size GCM is specified for; a fresh random one per encryption. */
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** The version string is authenticated too, so a v1 body can't be replayed under another version's rules. */
const AAD = Buffer.from("enc:v1", "utf8");

/** Thrown when a stored secret can't be read back: wrong key, tampering, or not our format. Never carries the secret. */
export class SecretDecryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SecretDecryptionError";
  }
}

/** Decodes a base64 ENCRYPTION_KEY-style value, insisting on exactly 32 bytes. */
export function parseEncryptionKey(value: string, source = "The encryption key"): Buffer {
  const key = Buffer.from(value.trim(), "base64");
  if (key.length !== 32) throw new Error(`${source} must be 32 bytes, base64-encoded (got ${key.length} bytes). Generate one with: openssl rand -base64 32`);
  return key;
}

function assertKey(key: Buffer): void {
  if (key.length !== 32) throw new Error(`An AES-256 key is 32 bytes (got ${key.length}).`);
}

export function isEncryptedSecret(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

export function encryptSecret(plain: string, key: Buffer = getSecrets().encryptionKey): string {
  assertKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(AAD);
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return `${PREFIX}${iv.toString("base64url")}:${tag.toString("base64url")}:${ciphertext.toString("base64url")}`;
}

export function decryptSecret(stored: string, key: Buffer = getSecrets().encryptionKey): string {
  assertKey(key);
  if (!isEncryptedSecret(stored)) throw new SecretDecryptionError("The stored secret is not in the enc:v1 format.");
  const parts = stored.slice(PREFIX.length).split(":");
  const [ivText, tagText, bodyText] = parts;
  if (parts.length !== 3 || ivText === undefined || tagText === undefined || bodyText === undefined) {
    throw new SecretDecryptionError("The stored secret is malformed (expected enc:v1:<iv>:<tag>:<ciphertext>).");
  }
  const iv = Buffer.from(ivText, "base64url");
  const tag = Buffer.from(tagText, "base64url");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretDecryptionError("The stored secret is malformed (bad IV or tag length).");
  try {
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(AAD);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(bodyText, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    // GCM can't tell a wrong key from a modified ciphertext; both fail authentication.
    throw new SecretDecryptionError("The stored secret could not be decrypted: ENCRYPTION_KEY is not the key it was encrypted with, or the value was modified.");
  }
}

/** True when `stored` decrypts under `key` — used by key rotation to skip rows already re-encrypted. */
export function canDecryptWith(stored: string, key: Buffer): boolean {
  try {
    decryptSecret(stored, key);
    return true;
  } catch {
    return false;
  }
}

/**
 * What the browser may see of a key: `sk-…abcd` (first 3 + last 4). Keys shorter than 16 characters
 * would give too much of themselves away that way, so they are fully masked; an empty key stays empty.
 */
export function maskApiKey(key: string): string {
  if (key === "") return "";
  if (key.length < 16) return "••••••••";
  return `${key.slice(0, 3)}…${key.slice(-4)}`;
}

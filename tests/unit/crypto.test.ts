// API keys at rest: AES-256-GCM round trip in the enc:v1 format, tamper and wrong-key detection, and masking.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canDecryptWith, decryptSecret, encryptSecret, maskApiKey, parseEncryptionKey, SecretDecryptionError } from "@/lib/ai/crypto";

const key = randomBytes(32);
const otherKey = randomBytes(32);
const secret = "sk-ant-api03-CANARY-0123456789abcdef";

describe("encryptSecret / decryptSecret", () => {
  it("round-trips under the same key, with the app's key by default", () => {
    expect(decryptSecret(encryptSecret(secret, key), key)).toBe(secret);
    expect(decryptSecret(encryptSecret(secret))).toBe(secret);
    expect(decryptSecret(encryptSecret("", key), key)).toBe("");
    expect(decryptSecret(encryptSecret("ключ 🔑", key), key)).toBe("ключ 🔑");
  });

  it("stores enc:v1:<iv>:<tag>:<ciphertext> in base64url, never the plaintext, with a fresh IV each time", () => {
    const stored = encryptSecret(secret, key);
    expect(stored).toMatch(/^enc:v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/);
    expect(stored).not.toContain("CANARY");
    expect(encryptSecret(secret, key)).not.toBe(stored);
  });

  it("rejects a tampered ciphertext, tag or IV", () => {
    const [prefix, version, iv, tag, body] = encryptSecret(secret, key).split(":") as [string, string, string, string, string];
    const flip = (text: string) => {
      const bytes = Buffer.from(text, "base64url");
      bytes[0] = bytes[0]! ^ 1;
      return bytes.toString("base64url");
    };
    for (const tampered of [
      [prefix, version, iv, tag, flip(body)],
      [prefix, version, iv, flip(tag), body],
      [prefix, version, flip(iv), tag, body],
    ]) {
      expect(() => decryptSecret(tampered.join(":"), key)).toThrow(SecretDecryptionError);
    }
  });

  it("rejects the wrong key with a clear message that quotes no secret", () => {
    const stored = encryptSecret(secret, key);
    expect(() => decryptSecret(stored, otherKey)).toThrow(/ENCRYPTION_KEY is not the key it was encrypted with/);
    try {
      decryptSecret(stored, otherKey);
    } catch (error) {
      expect(String(error)).not.toContain("CANARY");
    }
    expect(canDecryptWith(stored, key)).toBe(true);
    expect(canDecryptWith(stored, otherKey)).toBe(false);
  });

  it("rejects values that are not in the enc:v1 format", () => {
    expect(() => decryptSecret(secret, key)).toThrow(/not in the enc:v1 format/);
    expect(() => decryptSecret("enc:v1:abc", key)).toThrow(/malformed/);
  });

  it("accepts only 32-byte base64 keys", () => {
    expect(parseEncryptionKey(key.toString("base64")).equals(key)).toBe(true);
    expect(() => parseEncryptionKey(randomBytes(16).toString("base64"), "ENCRYPTION_KEY")).toThrow(/ENCRYPTION_KEY must be 32 bytes/);
  });
});

describe("maskApiKey", () => {
  it("shows the first 3 and last 4 characters of a real-length key", () => {
    expect(maskApiKey("sk-proj-abcdefghijklmnopqrstuvwxyzabcd")).toBe("sk-…abcd");
    expect(maskApiKey(secret)).toBe("sk-…cdef");
  });

  it("masks short keys completely and leaves no key as empty", () => {
    expect(maskApiKey("sk-short-1234")).toBe("••••••••");
    expect(maskApiKey("")).toBe("");
  });
});

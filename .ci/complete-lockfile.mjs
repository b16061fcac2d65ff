// The registry this project installs from lacks some other platforms' prebuilt binaries
// (optional dependencies such as @next/swc-darwin-arm64), so npm leaves them out of
// package-lock.json and `npm ci` then reports the lock as out of sync. This adds a lock entry,
// with its os/cpu, for every such optional dependency; npm skips them on non-matching machines.
// Run after `npm install` changes the lockfile: node .ci/complete-lockfile.mjs
import { readFileSync, writeFileSync } from "node:fs";

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(file, "utf8"));
const packages = lock.packages;

const osNames = ["android", "darwin", "freebsd", "linux", "win32", "openharmony", "wasm32"];
const cpuNames = ["arm64", "arm", "x64", "ia32", "loong64", "ppc64", "riscv64", "s390x"];

function platformOf(name) {
  const parts = name.split("/").pop().split("-");
  const os = parts.find((part) => osNames.includes(part));
  const cpu = parts.find((part) => cpuNames.includes(part));
  if (!os) return null;
  if (os === "wasm32") return { cpu: ["wasm32"] };
  const platform = { os: [os] };
  if (cpu) platform.cpu = [cpu];
  if (parts.includes("musl") || parts.includes("musleabihf")) platform.libc = ["musl"];
  else if (os === "linux" && (parts.includes("gnu") || parts.includes("gnueabihf"))) platform.libc = ["glibc"];
  return platform;
}

let added = 0;
for (const [location, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const base = location === "" ? "" : `${location}/`;
    const candidates = [`${base}node_modules/${name}`, `node_modules/${name}`];
    if (candidates.some((candidate) => packages[candidate])) continue;
    const platform = platformOf(name);
    if (!platform) continue;
    packages[`node_modules/${name}`] = { version, dev: entry.dev || undefined, optional: true, ...platform };
    added += 1;
  }
}

const sorted = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))));
lock.packages = sorted;
writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} optional platform entries`);

"use strict";
// Used by the build: runs one kakotrack command line the way bin/kakotrack.js does, then adds
// what V8 compiled to the code cache file named first (node scripts/warm-cache.cjs CACHE ARGS...).
const { readFileSync, writeFileSync } = require("node:fs");
const { start } = require("../bin/kakotrack.js");

const [file] = process.argv.splice(2, 1);
let cachedData;
try {
  cachedData = readFileSync(file);
} catch {
  cachedData = undefined; // the first run of this cache
}
const script = start(cachedData);
process.once("exit", () => writeFileSync(file, script.createCachedData()));

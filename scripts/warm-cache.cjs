"use strict";
// Used by the build: runs one kakotrack command line the way bin/kakotrack.js does, then adds
// what V8 compiled to the code cache file named first (node scripts/warm-cache.cjs CACHE ARGS...),
// and what it compiled of each bundle of dist/apart/ the run loaded to that bundle's cache.
const { readFileSync, writeFileSync } = require("node:fs");
const { apartCache, loaded, start } = require("../bin/kakotrack.js");

const [file] = process.argv.splice(2, 1);
let cachedData;
try {
  cachedData = readFileSync(file);
} catch {
  cachedData = undefined; // the first run of this cache
}
const main = start(cachedData);
process.once("exit", () => {
  writeFileSync(file, main.createCachedData());
  for (const [bundle, { script }] of loaded) if (script !== main) writeFileSync(apartCache(bundle), script.createCachedData());
});

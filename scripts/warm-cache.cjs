"use strict";
// Used by the build: runs one kakotrack command line the way bin/kakotrack.js does
// (node scripts/warm-cache.cjs ARGS...), then writes what V8 compiled of each bundle the run
// loaded to that bundle's cache (dist/cache/<bundle>.cache), which the run read first: runs add up.
const { writeFileSync } = require("node:fs");
const { cacheOf, loaded, start } = require("../bin/kakotrack.js");

process.once("exit", () => {
  for (const [bundle, { script }] of loaded) writeFileSync(cacheOf(bundle), script.createCachedData());
});
start();

#!/usr/bin/env node
"use strict";
// Runs dist/kakotrack.cjs through V8's code cache written by the build (scripts/build.mjs):
// the start-up then skips compiling the bundle. A cache from another Node version is
// rejected by V8 and the bundle compiles as usual.
const { readFileSync } = require("node:fs");
const { dirname, join } = require("node:path");
const { Script } = require("node:vm");

const dist = join(__dirname, "..", "dist");
const bundle = join(dist, "kakotrack.cjs");

function readCache(file) {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Compiles the bundle with the given cache and runs it; the build asks the script for its cache. */
function start(cachedData) {
  // The build wrote the bundle as one function expression (the CommonJS module wrapper).
  // "utf8" is Node's one-call read-and-decode path; any other encoding compiles more of Node.
  const script = new Script(readFileSync(bundle, "utf8"), { filename: bundle, cachedData });
  const module_ = { exports: {}, filename: bundle };
  // This file's own require: the bundle asks only for Node's modules and paths that resolve
  // the same from bin/ as from dist/ (scripts/build.mjs).
  script.runInThisContext()(module_.exports, require, module_, bundle, dirname(bundle));
  return script;
}

if (require.main === module) {
  // The commands run most have a cache holding only what they compile (less to load on each
  // start), named by the first word; everything else shares one with all the build ran. Only
  // speed depends on the choice: every cache fits the bundle.
  const first = process.argv[2];
  const command = first === undefined || first === "-h" || first === "--help" ? "help" : first;
  start((/^[a-z]+$/.test(command) && readCache(join(dist, "cache", `${command}.cache`))) || readCache(join(dist, "kakotrack.cjs.cache")));
} else {
  module.exports = { start };
}

#!/usr/bin/env node
"use strict";
// Runs dist/kakotrack.cjs through V8's code cache written by the build (scripts/build.mjs):
// the start-up then skips compiling the bundle. A cache from another Node version is
// rejected by V8 and the bundle compiles as usual.
const { readFileSync, writeFileSync } = require("node:fs");
const { dirname, join } = require("node:path");
const { Script } = require("node:vm");

const bundle = join(__dirname, "..", "dist", "kakotrack.cjs");
const cacheFile = `${bundle}.cache`;
let cachedData;
try {
  cachedData = readFileSync(cacheFile);
} catch {
  cachedData = undefined; // not built yet, or removed: compile from source
}
// The build wrote the bundle as one function expression (the CommonJS module wrapper).
// "utf8" is Node's one-call read-and-decode path; any other encoding compiles more of Node.
const script = new Script(readFileSync(bundle, "utf8"), { filename: bundle, cachedData });
if (process.env.KAKOTRACK_WRITE_CODE_CACHE) {
  process.once("exit", () => writeFileSync(cacheFile, script.createCachedData()));
}
const module_ = { exports: {}, filename: bundle };
// This file's own require: the bundle asks only for Node's modules and paths that resolve
// the same from bin/ as from dist/ (scripts/build.mjs).
script.runInThisContext()(module_.exports, require, module_, bundle, dirname(bundle));

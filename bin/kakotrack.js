#!/usr/bin/env node
"use strict";
// Runs dist/kakotrack.cjs through V8's code cache written by the build (scripts/build.mjs):
// the start-up then skips compiling the bundle. A cache from another Node version is
// rejected by V8 and the bundle compiles as usual.
const { readFileSync, writeFileSync } = require("node:fs");
const { dirname, join } = require("node:path");
const { Script } = require("node:vm");

const dist = join(__dirname, "..", "dist");
const bundle = join(dist, "kakotrack.cjs");

/**
 * The command a command line names, to pick its code cache. Only speed depends on it:
 * every cache fits the bundle, they differ in which functions arrive compiled.
 */
function commandOf(args) {
  for (let i = 2; i < args.length; i++) {
    if (args[i] === "--db") i++;
    else if (!args[i].startsWith("-")) return /^[a-z]+$/.test(args[i]) ? args[i] : undefined;
  }
  return "help";
}

function readCache(file) {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

// The commands run most have a cache holding only what they compile (less to load on each
// start); the others share one with everything the build ran. The build names the file it
// writes in KAKOTRACK_WRITE_CODE_CACHE.
const command = commandOf(process.argv);
const writeTo = process.env.KAKOTRACK_WRITE_CODE_CACHE;
const shared = join(dist, "kakotrack.cjs.cache");
const cachedData = writeTo
  ? readCache(writeTo)
  : (command && readCache(join(dist, "cache", `${command}.cache`))) || readCache(shared);
// The build wrote the bundle as one function expression (the CommonJS module wrapper).
// "utf8" is Node's one-call read-and-decode path; any other encoding compiles more of Node.
const script = new Script(readFileSync(bundle, "utf8"), { filename: bundle, cachedData });
if (writeTo) process.once("exit", () => writeFileSync(writeTo, script.createCachedData()));
const module_ = { exports: {}, filename: bundle };
// This file's own require: the bundle asks only for Node's modules and paths that resolve
// the same from bin/ as from dist/ (scripts/build.mjs).
script.runInThisContext()(module_.exports, require, module_, bundle, dirname(bundle));

#!/usr/bin/env node
"use strict";
// Runs dist/kakotrack.cjs through V8's code cache written by the build (scripts/build.mjs):
// the start-up then skips compiling the bundle. A cache from another Node version is
// rejected by V8 and the bundle compiles as usual.
const { readFileSync } = require("node:fs");
const { basename, join } = require("node:path");
const { Script } = require("node:vm");

const dist = join(__dirname, "..", "dist");
/** The bundle files this run loaded, with their scripts (the build asks each for its cache) and exports. */
const loaded = new Map();

function readCache(file) {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/**
 * Compiles a bundle of dist/ with the given cache and runs it. Every bundle of src/ is
 * written as one function expression (the CommonJS module wrapper): compiled as read,
 * without building a second copy of its text.
 */
function run(file, cachedData) {
  // "utf8" is Node's one-call read-and-decode path; any other encoding compiles more of Node.
  const script = new Script(readFileSync(file, "utf8"), { filename: file, cachedData });
  const module_ = { exports: {}, filename: file };
  loaded.set(file, { script, module: module_ });
  // __dirname is dist/ for every bundle: src/ finds its files from there (import.meta.dirname).
  script.runInThisContext()(module_.exports, bundleRequire, module_, file, dist);
  return module_.exports;
}

const APART = "../dist/apart/";

/**
 * The require the bundles get: Node's own (from bin/, for Node's modules and the paths the
 * build made to resolve alike from bin/ and dist/), except for the bundles of code most runs
 * never call (dist/apart/, scripts/build.mjs), which load the way the main one does, each
 * with its cache (dist/cache/apart-<name>.cache).
 */
function bundleRequire(id) {
  if (!id.startsWith(APART)) return require(id);
  const file = join(dist, "apart", id.slice(APART.length));
  const known = loaded.get(file);
  return known ? known.module.exports : run(file, readCache(apartCache(file)));
}

const apartCache = (file) => join(dist, "cache", `apart-${basename(file, ".cjs")}.cache`);

/** Runs the main bundle; returns its script. */
function start(cachedData) {
  const file = join(dist, "kakotrack.cjs");
  run(file, cachedData);
  return loaded.get(file).script;
}

if (require.main === module) {
  // The commands run most have a cache holding only what they compile (less to load on each
  // start), named by the first word; everything else shares one with all the build ran. Only
  // speed depends on the choice: every cache fits the bundle.
  const first = process.argv[2];
  const command = first === undefined || first === "-h" || first === "--help" ? "help" : first;
  start((/^[a-z]+$/.test(command) && readCache(join(dist, "cache", `${command}.cache`))) || readCache(join(dist, "kakotrack.cjs.cache")));
} else {
  module.exports = { start, loaded, apartCache };
}

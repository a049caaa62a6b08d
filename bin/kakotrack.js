#!/usr/bin/env node
"use strict";
// Runs the bundle of the command a command line names (dist/apart/command-<name>.cjs: the
// program and that command), else the program's own (dist/kakotrack.cjs), each through V8's
// code cache written by the build (scripts/build.mjs): the start then skips compiling it. A
// cache from another Node version is rejected by V8 and the bundle compiles as usual.
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

const cacheOf = (file) => join(dist, "cache", `${basename(file, ".cjs")}.cache`);

/**
 * Compiles a bundle of dist/ (its text given, or read) with its cache and runs it. Every bundle
 * of src/ is written as one function expression (the CommonJS module wrapper): compiled as read,
 * without building a second copy of its text.
 */
function run(file, text = readFileSync(file, "utf8")) {
  // "utf8" is Node's one-call read-and-decode path; any other encoding compiles more of Node.
  const script = new Script(text, { filename: file, cachedData: readCache(cacheOf(file)) });
  const module_ = { exports: {}, filename: file };
  loaded.set(file, { script, module: module_ });
  // __dirname is dist/ for every bundle: src/ finds its files from there (import.meta.dirname).
  script.runInThisContext()(module_.exports, bundleRequire, module_, file, dist);
  return module_.exports;
}

const APART = "../dist/apart/";

/**
 * The require the bundles get: Node's own (from bin/, for Node's modules and the paths the
 * build made to resolve alike from bin/ and dist/), except for the bundles of dist/apart/,
 * which load the way the first one does, each with its cache. A command's bundle requires
 * itself for its own module (the list of commands imports it): the exports it already has.
 */
function bundleRequire(id) {
  if (!id.startsWith(APART)) return require(id);
  const file = join(dist, "apart", id.slice(APART.length));
  const known = loaded.get(file);
  return known ? known.module.exports : run(file);
}

/**
 * The command a command line names, skipping the global options before it (and `help`'s, for
 * `help status`): the rule of `requestedCommand` in src/cli.ts, which the program then reads.
 */
function commandOf(args) {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--db") i++;
    else if (arg === "help") return commandOf(args.slice(i + 1)) ?? arg;
    else if (!arg.startsWith("-")) return arg;
  }
  return undefined;
}

/**
 * Runs the command line of this process in one bundle: the one of the command it names
 * (`status`, `--db x status`, `help status`), else the program's (help, version, no command or
 * an unknown one). One bundle a process: one copy of src/ runs, whatever the line.
 */
function start() {
  const name = commandOf(process.argv.slice(2));
  if (name !== undefined && /^[a-z]+$/.test(name)) {
    const file = join(dist, "apart", `command-${name}.cjs`);
    let text;
    try {
      text = readFileSync(file, "utf8");
    } catch {
      text = undefined; // no command of that name: the program says so
    }
    if (text !== undefined) return run(file, text).main();
  }
  run(join(dist, "kakotrack.cjs")).main();
}

if (require.main === module) start();
else module.exports = { start, loaded, cacheOf };

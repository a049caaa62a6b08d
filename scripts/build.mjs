// Builds what bin/kakotrack.js runs (docs/performance.md has the measurements behind each step):
// - dist/kakotrack.cjs: the program (src/main.ts, src/cli.ts, commander, the list of commands),
//   a CommonJS bundle inside its module function: no ESM loader is the cheapest Node start. It
//   runs the program's help, --version and what names no command.
// - dist/inquirer.cjs: @inquirer/prompts on its own, loaded only when a command asks something;
//   dist/date-fns.cjs likewise, loaded only to read a date typed in words or to name days.
// - dist/apart/command-<name>.cjs: for each command, the program and that command's module
//   (with what it uses: better-sqlite3's JavaScript, chalk, the holiday data, ...), which
//   bin/kakotrack.js runs for a command line that names it (after global options or `help` too).
//   dist/apart/small-table.cjs: cli-table3's tables.
// - dist/program-help.txt: the program's help page as it draws it without a terminal (src/cli.ts, builtHelp).
// - dist/cache/<bundle>.cache: V8's compiled code for each bundle, written by running a few
//   commands, so a start skips parsing and compiling. Node rejects a cache from another V8
//   version; the bundle then compiles as usual.

import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { build } from "esbuild";
import { fillDatabase } from "../bench/fill.mjs";

const root = new URL("..", import.meta.url).pathname;
const require = createRequire(import.meta.url);
const dist = join(root, "dist");
rmSync(dist, { recursive: true, force: true });

const common = {
  absWorkingDir: root,
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  legalComments: "none",
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: "warning",
  // import.meta.dirname in a CommonJS bundle: the bundle's own folder.
  define: { "import.meta.dirname": "__dirname" },
  // Dynamic import() becomes require(), which the code-cache loader provides.
  supported: { "dynamic-import": false },
};

// Modules whose exports are data worked out from chinese-days (the official schedule, the
// provisional one the rules give, the lunar facts): evaluated here, once, and bundled as values.
const PREBUILT = [
  "src/domain/calendar/cn-holidays.ts",
  "src/domain/calendar/cn-lunar.ts",
  "src/domain/deadlines/urgency-basis.ts",
];
const prebuilt = new Map(
  await Promise.all(PREBUILT.map(async (entry) => [join(root, entry), await evaluateModule(entry)])),
);

// cli-table3 measures cells with string-width, which compiles the whole emoji regular expression
// on every call (~20 M instructions for show's deadlines, issue 18); kakotrack's own measure
// (src/ui/width.ts) instead, which also keeps both table renderers alike. @colors/colors is
// only for cli-table3's own styles, which kakotrack never sets.
const tableWidth = {
  name: "table-width",
  setup(b) {
    b.onResolve({ filter: /^string-width$/ }, () => ({ path: "string-width", namespace: "table-width" }));
    b.onLoad({ filter: /^string-width$/, namespace: "table-width" }, () => ({
      contents: `module.exports = require(${JSON.stringify(join(root, "src", "ui", "width.ts"))}).textWidth;`,
      resolveDir: root,
    }));
    b.onResolve({ filter: /^@colors\/colors/ }, () => ({ path: "colors", namespace: "table-width" }));
    b.onLoad({ filter: /^colors$/, namespace: "table-width" }, () => ({ contents: "module.exports = {};" }));
  },
};

// Each command is a bundle of its own with the program (dist/apart/command-<name>.cjs, one per
// name in src/commands/index.ts: refuse and escalate share advance's module), and cli-table3's
// tables another, each with what it uses of the rest of src/. bin/kakotrack.js runs one bundle a
// process (the command's, or the program's when the line names none), so one copy of src/ runs
// and its errors are its own classes. A start reads, compiles and runs one file: as two files,
// the program's apart, status took 4% longer (docs/performance.md).
const COMMAND_ENTRIES = await readCommandList();
// The file an import() of a module loads: the command of that name, and cli-table3's tables.
const apartFile = new Map([
  ...COMMAND_ENTRIES.filter(({ module, name }) => module === `src/commands/${name}.ts`).map(({ module, file }) => [
    join(root, module),
    file,
  ]),
  [join(root, "src", "ui", "small-table.ts"), "small-table.cjs"],
]);
const COMPLETION = join(root, "src", "commands", "completion.ts");
/**
 * The plugin that makes an import() of an apart module a require() of its file. The module bundled in (`own`,
 * in the bundle `ownFile`) is required as that bundle itself, whose exports bin/kakotrack.js already holds: a
 * module that an import() reaches inside a bundle is wrapped by esbuild to initialise on first use, and so is
 * everything it imports, which cost every start 1.4-1.7 M instructions (docs/performance.md).
 */
const apart = (own, ownFile) => ({
  name: "apart",
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind !== "dynamic-import") return undefined;
      const module = join(args.resolveDir, args.path.replace(/\.js$/, ".ts"));
      const file = module === own ? ownFile : apartFile.get(module);
      // completion reads every command's options: its bundle holds them all, so a process runs one copy of src/.
      if (own === COMPLETION && module !== own && file?.startsWith("command-")) return undefined;
      // bin/kakotrack.js loads these paths (the require it gives the bundles).
      return file !== undefined ? { path: `../dist/apart/${file}`, external: true } : undefined;
    });
  },
});

/** The plugins of every bundle of src/ (`own`: the apart module bundled in, if any, in the bundle `ownFile`). */
const plugins = (own, ownFile) => [
  apart(own, ownFile),
  tableWidth,
  {
    name: "inquirer-apart",
    setup(b) {
      // A path that means dist/inquirer.cjs from bin/ (whose require the bundle is given) and dist/ alike.
      b.onResolve({ filter: /^@inquirer\/prompts$/ }, () => ({ path: "../dist/inquirer.cjs", external: true }));
    },
  },
  {
    // China's holiday schedules are evaluated here, once: the bundle carries sorted day numbers
    // instead of the package's hundreds of date keys, which every start would parse, and of the
    // rules and lunar tables, which every start would run and load. The stored urgencies' basis,
    // a stamp of the rules and schedules, likewise.
    name: "prebuilt-values",
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) =>
        prebuilt.has(args.path)
          ? {
              contents: Object.entries(prebuilt.get(args.path))
                .map(([name, value]) => `export const ${name} = ${JSON.stringify(value)};`)
                .join("\n"),
              loader: "js",
            }
          : undefined,
      );
    },
  },
  {
    // date-fns on its own (dist/date-fns.cjs: the functions src/ imports by path, as
    // `date-fns/parse`), loaded on the first call of one: in the bundle its source alone made
    // every start and code cache larger, and most runs never read a date typed in words.
    name: "lazy-date-fns",
    setup(b) {
      b.onResolve({ filter: /^date-fns\/[a-zA-Z]+$/ }, (args) => ({ path: args.path, namespace: "lazy-date-fns" }));
      b.onResolve({ filter: /^\.\.\/dist\/date-fns\.cjs$/ }, (args) => ({ path: args.path, external: true }));
      b.onLoad({ filter: /.*/, namespace: "lazy-date-fns" }, (args) => {
        const name = args.path.slice("date-fns/".length);
        return {
          contents:
            `let m; export function ${name}(...a) { return (m ??= ` +
            `require("../dist/date-fns.cjs")).${name}(...a); }`,
          loader: "js",
        };
      });
    },
  },
  {
    // commander requires node:process, a module load for what is the global process.
    name: "global-process",
    setup(b) {
      b.onResolve({ filter: /^node:process$/ }, () => ({ path: "process", namespace: "global-process" }));
      b.onLoad({ filter: /.*/, namespace: "global-process" }, () => ({
        contents: "module.exports = process;",
        loader: "js",
      }));
    },
  },
  {
    // kakotrack decides colour itself (NO_COLOR, --no-color, a terminal) and gives chalk
    // the level; chalk's own detection would load the tty module on every start.
    name: "no-color-detection",
    setup(b) {
      b.onResolve({ filter: /^#supports-color$/ }, () => ({ path: "supports-color", namespace: "kakotrack" }));
      b.onLoad({ filter: /.*/, namespace: "kakotrack" }, () => ({
        contents: "export default { stdout: false, stderr: false };",
        loader: "js",
      }));
    },
  },
  {
    // Node modules that cost milliseconds to load and that most runs never call:
    // child_process (commander's executable subcommands, which kakotrack has none of),
    // crypto (evidence hashing), os (the home folder, when no database path is given) and
    // module (createRequire, when the SQLite addon is not where npm puts it; loading it loads
    // Node's ES module loader: 50 KB allocated at every start). Each loads on first use.
    name: "lazy-builtins",
    setup(b) {
      b.onResolve({ filter: /^node:(child_process|crypto|os|module)$/ }, (args) =>
        args.namespace === "lazy-builtin"
          ? { path: args.path, external: true }
          : { path: args.path, namespace: "lazy-builtin" },
      );
      // One wrapper per function the module exports; the module is required on the first call.
      b.onLoad({ filter: /.*/, namespace: "lazy-builtin" }, (args) => {
        const names = Object.keys(require(args.path)).filter((key) => typeof require(args.path)[key] === "function");
        const lines = names.map((name) => `export function ${name}(...a) { return load().${name}(...a); }`);
        return {
          contents: `let m; const load = () => (m ??= require(${JSON.stringify(args.path)}));\n${lines.join("\n")}`,
          loader: "js",
        };
      });
    },
  },
];

/** How every bundle of src/ is built. */
const srcBundle = {
  ...common,
  // Already wrapped the way Node wraps a CommonJS module, so bin/kakotrack.js compiles the
  // file's text as it is read, without building a second copy of it.
  banner: { js: "(function (exports, require, module, __filename, __dirname) {" },
  footer: { js: "})" },
  // `bindings` is better-sqlite3's addon finder; kakotrack hands it the addon path instead.
  external: ["bindings"],
};
const { metafile } = await build({
  ...srcBundle,
  metafile: true,
  entryPoints: ["src/main.ts"],
  outfile: join(dist, "kakotrack.cjs"),
  plugins: plugins(undefined),
});
const commandBuilds = await Promise.all(
  COMMAND_ENTRIES.map(({ module, file }) =>
    build({
      ...srcBundle,
      metafile: true,
      stdin: {
        contents: `export * from "./${module}";\nexport { main } from "./src/main.ts";`,
        resolveDir: root,
        sourcefile: file,
      },
      outfile: join(dist, "apart", file),
      plugins: plugins(join(root, module), file),
    }),
  ),
);
const tableBuild = await build({
  ...srcBundle,
  metafile: true,
  entryPoints: ["src/ui/small-table.ts"],
  outfile: join(dist, "apart", "small-table.cjs"),
  plugins: plugins(join(root, "src", "ui", "small-table.ts"), "small-table.cjs"),
});
/** Bundles a source module on its own and runs it, for values the bundle can carry ready-made. */
async function evaluateModule(entry, options = {}, requireFor = require) {
  const { outputFiles } = await build({
    ...common,
    ...options,
    entryPoints: [entry],
    write: false,
    outfile: "evaluated.cjs",
  });
  const module = { exports: {} };
  new Function("module", "exports", "require", "__filename", outputFiles[0].text)(
    module,
    module.exports,
    requireFor,
    join(root, entry),
  );
  return module.exports;
}

/**
 * The commands of src/commands/index.ts, each with the module its `load()` imports, read by
 * running the list: each command module's import() is handed a stand-in whose exports name the
 * module, so `load()` says where it leads.
 */
async function readCommandList() {
  const PREFIX = "kakotrack-command-module:";
  const stubs = {
    name: "command-modules",
    setup(b) {
      b.onResolve({ filter: /^\.\.?\// }, (args) =>
        args.kind === "dynamic-import"
          ? { path: PREFIX + join(args.resolveDir, args.path.replace(/\.js$/, ".ts")), external: true }
          : undefined,
      );
    },
  };
  const exportsOf = async (module) => {
    const built = await build({
      ...common,
      entryPoints: [module],
      write: false,
      metafile: true,
      format: "esm",
      outfile: "x.mjs",
    });
    return Object.values(built.metafile.outputs)[0].exports;
  };
  const standIns = new Map();
  const requireFor = (id) => (id.startsWith(PREFIX) ? standIns.get(id.slice(PREFIX.length)) : require(id));
  const { metafile } = await build({
    ...common,
    entryPoints: ["src/commands/index.ts"],
    write: false,
    metafile: true,
    outfile: "list.cjs",
    plugins: [stubs],
  });
  const imported = metafile.inputs["src/commands/index.ts"].imports.filter((i) => i.kind === "dynamic-import");
  for (const module of new Set(imported.map((i) => i.path.slice(PREFIX.length)))) {
    standIns.set(module, Object.fromEntries((await exportsOf(module)).map((name) => [name, { module, name }])));
  }
  const { COMMANDS } = await evaluateModule("src/commands/index.ts", { plugins: [stubs] }, requireFor);
  return Promise.all(
    COMMANDS.map(async (entry) => {
      const { module } = await entry.load();
      return { name: entry.name, module: relative(root, module), file: `command-${entry.name}.cjs` };
    }),
  );
}

// The program's bundle holds no command (each would load at every start of the program's help).
const twice = [...COMMAND_ENTRIES.map((c) => c.module), "src/ui/small-table.ts"].filter(
  (module) => metafile.inputs[module] !== undefined,
);
if (twice.length > 0)
  throw new Error(`dist/kakotrack.cjs bundles modules that have bundles of their own: ${twice.join(", ")}`);
// chinese-days' code (lunar tables, solar terms) is for the build only; a start must not load it.
for (const { metafile: built } of [{ metafile }, ...commandBuilds, tableBuild]) {
  const leaked = Object.keys(built.inputs).filter(
    (input) => input.includes("chinese-days") && !input.endsWith(".json"),
  );
  if (leaked.length > 0)
    throw new Error(`${Object.keys(built.outputs)[0]} bundles chinese-days' code: ${leaked.join(", ")}`);
}

// esbuild escapes non-ASCII text, so V8 holds a bundle's source as a one-byte string (half
// the size of a two-byte one); a change that stops escaping should fail here, not slow starts.
for (const file of ["kakotrack.cjs", ...readdirSync(join(dist, "apart")).map((f) => join("apart", f))]) {
  if (/[^\x00-\x7f]/.test(readFileSync(join(dist, file), "latin1"))) throw new Error(`dist/${file} is not ASCII`);
}

await build({
  ...common,
  stdin: { contents: 'export * from "@inquirer/prompts";', resolveDir: root },
  outfile: join(dist, "inquirer.cjs"),
});
// Every date-fns function src/ imports (by path, as `date-fns/parse`), in one file.
const dateFns = [
  ...new Set(
    readdirSync(join(root, "src"), { recursive: true })
      .filter((f) => f.endsWith(".ts"))
      .flatMap((f) =>
        [...readFileSync(join(root, "src", f), "utf8").matchAll(/from "date-fns\/([a-zA-Z]+)"/g)].map((m) => m[1]),
      ),
  ),
];
await build({
  ...common,
  stdin: { contents: dateFns.map((name) => `export * from "date-fns/${name}";`).join("\n"), resolveDir: root },
  outfile: join(dist, "date-fns.cjs"),
});

// Warm the code caches with the commands people run most, on cases whose deadlines are
// counted in business days, paused, late and due soon: a function that never ran here is
// compiled from source on every start that needs it. Each run adds what it compiled to the
// cache of each bundle it loaded (dist/cache/<bundle>.cache); every other command runs its
// --help, so that its program part starts compiled too.
const WARM_UP = [
  ["--help"],
  ["add", "KB-1", "cap", "exchange", "2026-02-02"],
  ["add", "KB-2", "\u5939\u514b jacket", "refund", "2026-02-20"],
  ["advance", "2", "agent-reviewed", "--date", "2026-02-24"],
  ["refuse", "2", "--date", "2026-02-26"],
  ["advance", "2", "seller-agreed", "--date", "2026-03-03"],
  // A refund into the agent balance (status names money held) and a spotted case judged by its return window.
  ["add", "KB-3", "jeans", "refund", "2026-03-02", "--price", "89", "--stored", "2026-03-01 10:00"],
  ["advance", "3", "refunded", "--date", "2026-03-12"],
  ["add", "KB-4", "scarf", "refund", null, "--stage", "spotted", "--stored", "2026-03-13 09:30"],
  ["status"],
  ["status", "--json"],
  ["show", "1"],
  ["show", "2"],
  ["list"],
  // Everyday commands more, for their bundles' caches (and cli-table3's, which stats draws with).
  ["message", "2"],
  ["stats"],
  ["note", "1", "agent says two more days"],
  ["close", "1", "--outcome", "cancelled", "--date", "2026-03-14"],
  ["undo"],
  ["help", "status"],
].map(([command, ...rest]) =>
  command === "add"
    ? [
        "add",
        "--yes",
        "--order",
        rest[0],
        "--item",
        rest[1],
        "--seller",
        "Lucky Store",
        "--defect",
        "flaw",
        "--description",
        "d",
        "--resolution",
        rest[2],
        "--payment",
        "card",
        ...(rest[3] === null ? [] : ["--date", rest[3]]),
        ...rest.slice(4),
      ]
    : [command, ...rest],
);
const warmed = new Set(WARM_UP.map(([command]) => command));
const HELP_ONLY = COMMAND_ENTRIES.filter(({ name }) => !warmed.has(name)).map(({ name }) => [name, "--help"]);
// The program's help page, drawn once by the program itself at commander's default width (no terminal, no
// COLUMNS): src/cli.ts (builtHelp) prints it for `kakotrack --help` instead of setting up every command to draw it.
const { COLUMNS: _width, ...noWidth } = process.env;
writeFileSync(
  join(dist, "program-help.txt"),
  execFileSync(process.execPath, [join(root, "bin", "kakotrack.js"), "--help"], { env: noWidth, encoding: "utf8" }),
);

mkdirSync(join(dist, "cache"));
const work = mkdtempSync(join(tmpdir(), "kakotrack-build-"));
try {
  const env = { ...process.env, KAKOTRACK_DB: join(work, "k.db"), KAKOTRACK_NOW: "2026-03-16", NO_COLOR: "1" };
  const warm = (args, more = {}) =>
    execFileSync(process.execPath, [join(root, "scripts", "warm-cache.cjs"), ...args], {
      env: { ...env, ...more },
      stdio: "ignore",
    });
  for (const args of [...WARM_UP, ...HELP_ONLY]) warm(args);
  // The program's page drawn by commander (a terminal's width), as an unknown command's error and --version use it.
  warm(["--help"], { COLUMNS: "100" });
  warm(["--version"]);
  // status again on a few hundred cases of the benchmark's mix (bench/fill.mjs: more open cases than
  // the table shows, long and wide names, rounds, offers): the paths four cases never reach.
  const mix = join(work, "mix.db");
  fillDatabase(mix, { key: "300", cases: 300 }, join(root, "bin", "kakotrack.js"), env, env.KAKOTRACK_NOW);
  // As the benchmark does: the stored due days (m012) that kakotrack's own writes would have made.
  execFileSync(process.execPath, [join(root, "bin", "kakotrack.js"), "doctor", "--fix"], {
    env: { ...env, KAKOTRACK_DB: mix },
    stdio: "ignore",
  });
  for (const args of [["status"], ["status", "--json"]]) warm(args, { KAKOTRACK_DB: mix });
} finally {
  rmSync(work, { recursive: true, force: true });
}

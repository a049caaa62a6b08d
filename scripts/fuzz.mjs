// `npm run fuzz -- --steps 100000 --seed 7`: issue 29's fuzz for long runs, outside vitest (no
// test timeout, progress as it goes). test/fuzz/main.ts and the src/ it runs in process, bundled
// by esbuild into node_modules/.cache, then run in this process.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = new URL("..", import.meta.url).pathname;
const outdir = join(root, "node_modules", ".cache", "kakotrack");
mkdirSync(outdir, { recursive: true });
const outfile = join(outdir, "fuzz.mjs");
await build({
  absWorkingDir: root,
  entryPoints: ["test/fuzz/main.ts"],
  outfile,
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  // The SQLite addon's package stays outside (it finds its compiled module); CommonJS packages
  // bundled into this ES module get a require.
  external: ["better-sqlite3"],
  banner: {
    js: `import { createRequire as requireFor } from "node:module"; const require = requireFor(import.meta.url);`,
  },
  logLevel: "warning",
});
await import(pathToFileURL(outfile).href);

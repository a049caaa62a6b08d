// Bundles src/ into dist/ with esbuild. ESM with code splitting, so commands that
// prompt load @inquirer/prompts as a separate chunk only when they run (start-up cost,
// see docs/performance.md). better-sqlite3 stays external: it is a native addon.
import { build } from "esbuild";
import { rmSync } from "node:fs";

rmSync(new URL("../dist", import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: ["src/main.ts"],
  outdir: "dist",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external: ["better-sqlite3"],
  chunkNames: "chunks/[name]-[hash]",
  // CommonJS dependencies bundled into ESM call require() for node builtins.
  banner: { js: "import { createRequire as __kkCreateRequire } from 'node:module'; const require = __kkCreateRequire(import.meta.url);" },
  legalComments: "none",
  logLevel: "warning",
});

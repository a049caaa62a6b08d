/**
 * The import rules of src/ (docs/design.md section 6, "Layering"), checked by `npm test`:
 * no cycles, and the layers import one way.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: "no-cycle",
      severity: "error",
      comment: "A module may not reach itself through its imports: a shared type two modules need goes in a third.",
      from: {},
      to: { circular: true },
    },
    {
      name: "domain-is-pure",
      severity: "error",
      comment: "src/domain holds pure rules: no store, ui, commands, and no node: module that does I/O.",
      from: { path: "^src/domain/" },
      to: {
        path: [
          "^src/(store|ui|commands)/",
          "^src/(cli|main|run|context)\\.ts$",
          "^(node:)?(fs|child_process|net|http|https|os|process|worker_threads|dgram|tls)$",
        ],
      },
    },
    {
      name: "ui-reads-no-store",
      severity: "error",
      comment: "src/ui renders what it is given: the store is the commands' to read.",
      from: { path: "^src/ui/" },
      to: { path: ["^src/store/", "^src/commands/"] },
    },
    {
      name: "store-knows-no-screens",
      severity: "error",
      comment: "src/store is SQL and files: it renders nothing and runs no command.",
      from: { path: "^src/store/" },
      to: { path: ["^src/ui/", "^src/commands/"] },
    },
    {
      name: "commands-stand-alone",
      severity: "error",
      comment: "A command never imports another command (shared runtime lives in src/commands/shared).",
      from: { path: "^src/commands/([^/]+)\\.ts$", pathNot: "^src/commands/index\\.ts$" },
      to: { path: "^src/commands/[^/]+\\.ts$", pathNot: ["^src/commands/$1\\.ts$", "^src/commands/index\\.ts$"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js"] },
  },
};

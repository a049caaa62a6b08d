import { existsSync, rmSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { UsageError } from "../errors.js";
import { evidenceDir } from "../store/evidence-files.js";
import { sanitize } from "../ui/sanitize.js";
import { withSession } from "./shared/session.js";
import { defineCommand, flag } from "./shared/spec.js";

export const backup = defineCommand({
  options: { force: flag("--force", "replace the file if it exists") },
  examples: [
    "kakotrack backup                      # beside the database, dated",
    "kakotrack backup ~/Dropbox/kakotrack.db --force",
  ],
  async run(ctx, { globals, args: [file], options }) {
    if (file === "") throw new UsageError("backup needs a file name (or none for the default beside the database)");
    await withSession(ctx, globals, "read", async (session) => {
      const live = session.store.path;
      const target = file ?? `${live}.backup-${ctx.today}`;
      if (resolve(target) === resolve(live))
        throw new UsageError("the backup cannot replace the database itself; choose another file");
      const folder = dirname(resolve(target));
      if (!existsSync(folder))
        throw new UsageError(`folder ${folder} does not exist; create it (mkdir -p ${folder}) or choose another file`);
      if (existsSync(target)) {
        if (!options.force)
          throw new UsageError(`${target} already exists; choose another name or add --force to replace it`);
        rmSync(target);
      }
      await session.store.health.backupTo(target);
      ctx.stdout(
        `Backed up ${sanitize(live)} to ${sanitize(target)}.\nEvidence files are not inside it: copy ` +
          `${sanitize(evidenceDir(live))} too.\n`,
      );
    });
  },
});

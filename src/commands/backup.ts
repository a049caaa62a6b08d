import { existsSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import type { Context } from "../context.js";
import { UsageError } from "../errors.js";
import { evidenceDir } from "../store/evidence-files.js";
import { sanitize } from "../ui/sanitize.js";
import { type GlobalOptions, withSession } from "./session.js";

export interface BackupOptions {
  force?: boolean;
}

export async function backup(ctx: Context, globals: GlobalOptions, file: string | undefined, options: BackupOptions): Promise<void> {
  if (file === "") throw new UsageError("backup needs a file name (or none for the default beside the database)");
  await withSession(ctx, globals, "read", async (session) => {
    const live = session.store.path;
    const target = file ?? `${live}.backup-${ctx.today}`;
    if (resolve(target) === resolve(live)) throw new UsageError("the backup cannot replace the database itself; choose another file");
    if (existsSync(target)) {
      if (!options.force) throw new UsageError(`${target} already exists; choose another name or add --force to replace it`);
      rmSync(target);
    }
    await session.store.backupTo(target);
    ctx.stdout(
      `Backed up ${sanitize(live)} to ${sanitize(target)}.\nEvidence files are not inside it: copy ${sanitize(evidenceDir(live))} too.\n`,
    );
  });
}

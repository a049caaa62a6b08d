import type { Context } from "../context.js";
import { UsageError } from "../errors.js";
import { sanitize } from "../ui/sanitize.js";
import { type GlobalOptions, recordedAt, requireCase, withSession } from "./session.js";

export async function rm(ctx: Context, globals: GlobalOptions, idText: string, options: { yes?: boolean }): Promise<void> {
  await withSession(ctx, globals, "write", async (session) => {
    const row = requireCase(session.store, idText);
    const label = `case #${row.id} (${sanitize(row.orderNo)} ${sanitize(row.item)})`;
    if (!options.yes) {
      if (!ctx.interactive) throw new UsageError(`removing ${label} needs --yes when not on a terminal`);
      const { askConfirm } = await import("../ui/prompts.js");
      if (!(await askConfirm({ message: `Remove ${label} and its history? (\`kakotrack undo\` brings it back)`, default: false }))) {
        ctx.stdout("Kept it.\n");
        return;
      }
    }
    session.store.removeCase(row.id, recordedAt(ctx));
    ctx.stdout(`Removed ${label}. \`kakotrack undo\` brings it back.\n`);
  });
}

import { UsageError } from "../errors.js";
import { hint } from "../hints.js";
import { sanitize } from "../ui/sanitize.js";
import { recordedAt, withCase } from "./shared/session.js";
import { defineCommand, flag } from "./shared/spec.js";

export const rm = defineCommand({
  options: { yes: flag("-y, --yes", "do not ask") },
  examples: ["kakotrack rm 3 --yes"],
  async run(ctx, { globals, args: [idText], options }) {
    await withCase(ctx, globals, idText!, async (session, row) => {
      const label = `case #${row.id} (${sanitize(row.orderNo)} ${sanitize(row.item)})`;
      if (!options.yes) {
        if (!ctx.interactive) throw new UsageError(`removing ${label} needs --yes when not on a terminal`);
        const { askConfirm } = await import("../ui/prompts.js");
        if (
          !(await askConfirm({
            message: `Remove ${label} and its history? (${hint.undo()} brings it back)`,
            default: false,
          }))
        ) {
          ctx.stdout("Kept it.\n");
          return;
        }
      }
      session.store.cases.remove(row.id, recordedAt(ctx));
      ctx.stdout(`Removed ${label}. ${hint.undo()} brings it back.\n`);
    });
  },
});

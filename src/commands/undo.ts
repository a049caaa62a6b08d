import { withSession } from "./shared/session.js";
import { defineCommand } from "./shared/spec.js";

export const undo = defineCommand({
  name: "undo",
  description: "revert the last recorded change (add, advance, refuse, escalate, close, reopen, note, evidence, fee, edit, rm, import, withdraw, config set/unset); repeatable",
  options: {},
  examples: ["kakotrack undo"],
  async run(ctx, { globals }) {
    await withSession(ctx, globals, "write", (session) => {
      const reverted = session.store.journal.undoLast();
      ctx.stdout(reverted === null ? "Nothing to undo.\n" : `Undid the ${reverted}.\n`);
    });
  },
});

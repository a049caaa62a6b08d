import { withSession } from "./shared/session.js";
import { defineCommand } from "./shared/spec.js";

export const undo = defineCommand({
  options: {},
  examples: ["kakotrack undo", "kakotrack undo && kakotrack undo   # the last two changes"],
  notes: `Reverts, newest first, back through the last 1,000 changes, each whole: add, advance, refuse, escalate,
close, reopen, note, evidence, edit, rm and import (a whole import at once). Settings changed with
\`kakotrack config\` are not changes of a case: set them back with \`config set\` or \`config unset\`.`,
  async run(ctx, { globals }) {
    await withSession(ctx, globals, "write", (session) => {
      const reverted = session.store.journal.undoLast();
      ctx.stdout(reverted === null ? "Nothing to undo.\n" : `Undid the ${reverted}.\n`);
    });
  },
});

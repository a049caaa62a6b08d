import type { Context } from "../context.js";
import { type GlobalOptions, withSession } from "./session.js";

export async function undo(ctx: Context, globals: GlobalOptions): Promise<void> {
  await withSession(ctx, globals, "write", (session) => {
    const reverted = session.store.undoLast();
    ctx.stdout(reverted === null ? "Nothing to undo.\n" : `Undid the ${reverted}.\n`);
  });
}

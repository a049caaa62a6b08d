import type { Context } from "../context.js";
import { parseEventDate, parseText } from "../domain/parse.js";
import { type GlobalOptions, recordedAt, requireCase, withSession } from "./session.js";

export async function note(ctx: Context, globals: GlobalOptions, idText: string, text: string, options: { date?: string }): Promise<void> {
  await withSession(ctx, globals, "write", (session) => {
    const row = requireCase(session.store, idText);
    const body = parseText(text, "note", "long");
    const on = parseEventDate(options.date ?? ctx.today, "--date", ctx.today, { date: row.openedOn, why: "the case opened" });
    session.store.changeCase(
      row.id,
      { kind: "note", summary: `note on case #${row.id}`, events: [{ kind: "note", stage: null, onDate: on, note: body, amountMinor: null, data: null }] },
      recordedAt(ctx),
    );
    ctx.stdout(`Noted on case #${row.id} (${on}).\n`);
  });
}

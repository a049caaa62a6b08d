import { parseEventDate, parseText } from "../domain/case/parse.js";
import { recordedAt, withCase } from "./shared/session.js";
import { date, defineCommand } from "./shared/spec.js";

export const note = defineCommand({
  options: { date: date("--date <date>", "when it happened (default today; also yesterday, 3 days ago, mon, 5 Nov)") },
  examples: ['kakotrack note 3 "agent says the seller is on holiday until Monday"'],
  async run(ctx, { globals, args: [idText, noteText], options }) {
    const body = parseText(noteText!, "note", "long");
    await withCase(ctx, globals, idText!, (session, row) => {
      let on = "";
      session.store.cases.change(
        row.id,
        (current) => {
          on = parseEventDate(options.date ?? ctx.today, "--date", ctx.today, {
            date: current.case.openedOn,
            why: "the case opened",
          });
          return {
            kind: "note",
            summary: `note on case #${row.id}`,
            events: [{ kind: "note", stage: null, onDate: on, note: body, amountMinor: null, data: null }],
          };
        },
        recordedAt(ctx),
      );
      ctx.stdout(`Noted on case #${row.id} (${on}).\n`);
    });
  },
});

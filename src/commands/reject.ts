import { parseText } from "../domain/case/parse.js";
import { planReject } from "../domain/case/round-moves.js";
import { nextLines } from "./shared/next-deadline.js";
import { changeCase, withCase } from "./shared/session.js";
import { date, defineCommand, text } from "./shared/spec.js";

export const reject = defineCommand({
  options: {
    date: date("--date <date>", "when you asked for another replacement: the new round's day 0 (default today)"),
    note: text("--note <text>", "what was wrong with the replacement"),
  },
  examples: ['kakotrack reject 3 --date 2026-11-16 --note "same stain on the new one"'],
  notes: "Starts a new round of the exchange at requested: every deadline counts again from its day 0.",
  async run(ctx, { globals, args: [idText], options }) {
    const note = options.note === undefined ? null : parseText(options.note, "--note", "long");
    await withCase(ctx, globals, idText!, (session, row) => {
      const planned = changeCase(session, row.id, (current) =>
        planReject(current, { dateText: options.date, note, today: ctx.today }),
      );
      const { round, on } = planned;
      const lines = [
        `Case #${row.id}: the replacement failed QC; round ${round} of the exchange from ${on} (day 0), at requested.`,
        ...nextLines(session, row.id),
      ];
      ctx.stdout(`${lines.join("\n")}\n`);
    });
  },
});

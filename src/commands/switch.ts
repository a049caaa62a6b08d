import { RESOLUTIONS } from "../domain/case/model.js";
import { parseChoice, parseText } from "../domain/case/parse.js";
import { planSwitch } from "../domain/case/round-moves.js";
import { nextLines } from "./shared/next-deadline.js";
import { changeCase, withCase } from "./shared/session.js";
import { date, defineCommand, text } from "./shared/spec.js";

export const switchPath = defineCommand({
  argChoices: { resolution: RESOLUTIONS },
  options: {
    date: date("--date <date>", "when you changed your request: the new round's day 0 (default today)"),
    amount: text("--amount <amount>", "the partial refund you ask for (switching to partial-refund)"),
    note: text("--note <text>", "why (e.g. the seller has no replacement)"),
  },
  examples: [
    'kakotrack switch 3 refund --date 2026-11-20 --note "seller out of stock"',
    "kakotrack switch 4 partial-refund --amount 40",
  ],
  notes: "Starts a new round on the other path at requested: every deadline counts again from its day 0.",
  async run(ctx, { globals, args: [idText, resolutionText], options }) {
    const to = parseChoice(resolutionText!, RESOLUTIONS, "resolution");
    const note = options.note === undefined ? null : parseText(options.note, "--note", "long");
    await withCase(ctx, globals, idText!, (session, row) => {
      const planned = changeCase(session, row.id, (current) =>
        planSwitch(current, {
          to,
          dateText: options.date,
          amountText: options.amount,
          note,
          today: ctx.today,
        }),
      );
      const { round, on, from } = planned;
      const lines = [
        `Case #${row.id}: ${from} → ${to}; round ${round} from ${on} (day 0), at requested.`,
        ...nextLines(session, row.id),
      ];
      ctx.stdout(`${lines.join("\n")}\n`);
    });
  },
});

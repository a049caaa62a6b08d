import { formatAmount, parseText } from "../domain/case/parse.js";
import { planCounter } from "../domain/case/round-moves.js";
import { nextLines } from "./shared/next-deadline.js";
import { changeCase, withCase } from "./shared/session.js";
import { date, defineCommand, text } from "./shared/spec.js";

export const counter = defineCommand({
  options: {
    date: date("--date <date>", "when you sent it (default today)"),
    note: text("--note <text>", "what you said"),
  },
  examples: ["kakotrack counter 3 40 --date 2026-11-12"],
  notes:
    "The case then waits on the seller's answer, due 5 business days after the counter-offer.\n`kakotrack message " +
    "<id> --kind counter --amount X` drafts it for the agent.",
  async run(ctx, { globals, args: [idText, amountText], options }) {
    const note = options.note === undefined ? null : parseText(options.note, "--note", "long");
    await withCase(ctx, globals, idText!, (session, row) => {
      const planned = changeCase(session, row.id, (current) =>
        planCounter(current, { amountText: amountText!, dateText: options.date, note, today: ctx.today }),
      );
      const { amount, on } = planned;
      const lines = [
        `Case #${row.id}: you countered with ${formatAmount(amount, row.currency)} on ${on}; waiting for the ` +
          `seller's answer.`,
        ...nextLines(session, row.id),
      ];
      ctx.stdout(`${lines.join("\n")}\n`);
    });
  },
});

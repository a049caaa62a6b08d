import { formatAmount, parseText } from "../domain/case/parse.js";
import { planCounter } from "../domain/case/round-moves.js";
import { nextLines } from "./shared/next-deadline.js";
import { recordedAt, withCase } from "./shared/session.js";
import { date, defineCommand, text } from "./shared/spec.js";

export const counter = defineCommand({
  options: {
    date: date("--date <date>", "when you sent it (default today)"),
    note: text("--note <text>", "what you said"),
  },
  examples: ["kakotrack counter 3 40 --date 2026-11-12", "kakotrack message 3 --kind counter --amount 40"],
  notes: "The case then waits on the seller's answer, due 5 business days after the counter-offer.",
  async run(ctx, { globals, args: [idText, amountText], options }) {
    const note = options.note === undefined ? null : parseText(options.note, "--note", "long");
    await withCase(ctx, globals, idText!, (session, row) => {
      let planned: ReturnType<typeof planCounter> | undefined;
      session.store.cases.change(
        row.id,
        (current) => {
          planned = planCounter(current, { amountText: amountText!, dateText: options.date, note, today: ctx.today });
          return planned.change;
        },
        recordedAt(ctx),
      );
      const { amount, on } = planned!;
      const lines = [
        `Case #${row.id}: you countered with ${formatAmount(amount, row.currency)} on ${on}; waiting for the seller's answer.`,
        ...nextLines(session, row.id),
      ];
      ctx.stdout(`${lines.join("\n")}\n`);
    });
  },
});

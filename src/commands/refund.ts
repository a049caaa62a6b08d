import { planRefund } from "../domain/case/closing-moves.js";
import { REFUND_DESTINATIONS } from "../domain/case/model.js";
import { formatAmount, parseChoice, parseText } from "../domain/case/parse.js";
import { hint } from "../hints.js";
import { refundDestinationLine } from "../ui/money.js";
import { changeCase, refundRequestOf, withCase } from "./shared/session.js";
import { date, defineCommand, flag, text } from "./shared/spec.js";

export const refund = defineCommand({
  options: {
    to: text(
      "--to <destination>",
      "where it went: balance (the agent wallet) or original (default: `config refund-to`)",
      REFUND_DESTINATIONS,
    ),
    date: date("--date <date>", "when it came back (default today; also yesterday, 3 days ago, mon, 5 Nov)"),
    note: text("--note <text>", 'what it was for, e.g. "compensation for the late replacement"'),
    force: flag("--force", "accept refunds above the price paid (one that includes shipping)"),
  },
  examples: [
    'kakotrack refund 3 15 --note "compensation for the stain"',
    "kakotrack refund 1 20 --to original --date 2026-11-28",
  ],
  async run(ctx, { globals, args: [idText, amountText], options }) {
    const note = options.note === undefined ? null : parseText(options.note, "--note", "long");
    const destination = options.to === undefined ? undefined : parseChoice(options.to, REFUND_DESTINATIONS, "--to");
    await withCase(ctx, globals, idText!, (session, row) => {
      const { on, amount, refundTo, totalMinor } = changeCase(session, row.id, (current) =>
        planRefund(current, {
          amountText: amountText!,
          ...refundRequestOf(session, current, options, note, destination),
        }),
      );
      const total = totalMinor === amount ? "" : ` (${formatAmount(totalMinor, row.currency)} refunded in all)`;
      const lines = [
        `Recorded a refund of ${formatAmount(amount, row.currency)} on case #${row.id} on ${on}${total}.`,
        refundDestinationLine(refundTo),
      ];
      // The path's own refund is a stage: this one leaves the case where it is.
      if (row.outcome === null && row.resolution !== "exchange")
        lines.push(
          `Case #${row.id} stays at ${row.stage}; ${hint.advance(row.id, "refunded")} records the refund that ` +
            `ends it.`,
        );
      ctx.stdout(`${lines.join("\n")}\n`);
    });
  },
});

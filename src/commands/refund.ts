import { REFUND_DESTINATIONS } from "../domain/case/model.js";
import { type PlannedRefund, planRefund } from "../domain/case/moves.js";
import { formatAmount, parseChoice, parseText } from "../domain/case/parse.js";
import { forAgent } from "../domain/config/settings.js";
import { refundDestinationLine } from "../ui/money.js";
import { recordedAt, withCase } from "./shared/session.js";
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
      let planned: PlannedRefund | undefined;
      // Checked on the case as it is inside the write: another kakotrack may have refunded it since it was read.
      session.store.cases.change(
        row.id,
        (current) => {
          planned = planRefund(current, {
            amountText: amountText!,
            dateText: options.date,
            note,
            destination,
            force: Boolean(options.force),
            today: ctx.today,
            refundTo: forAgent(session.settings, current.case.agent).refundTo,
          });
          return planned.change;
        },
        recordedAt(ctx),
      );
      const { on, amount, refundTo, totalMinor } = planned!;
      const total = totalMinor === amount ? "" : ` (${formatAmount(totalMinor, row.currency)} refunded in all)`;
      const lines = [
        `Recorded a refund of ${formatAmount(amount, row.currency)} on case #${row.id} on ${on}${total}.`,
        refundDestinationLine(refundTo),
      ];
      // The path's own refund is a stage: this one leaves the case where it is.
      if (row.outcome === null && row.resolution !== "exchange")
        lines.push(
          `Case #${row.id} stays at ${row.stage}; \`kakotrack advance ${row.id} refunded\` records the refund that ends it.`,
        );
      ctx.stdout(`${lines.join("\n")}\n`);
    });
  },
});

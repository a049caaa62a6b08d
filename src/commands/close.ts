import { planClose, REFUND_OUTCOMES } from "../domain/case/closing-moves.js";
import { OUTCOMES, REFUND_DESTINATIONS } from "../domain/case/model.js";
import { parseChoice, parseText } from "../domain/case/parse.js";
import { UsageError } from "../errors.js";
import { amountSaid, refundDestinationLine } from "../ui/money.js";
import { changeCase, refundRequestOf, withCase } from "./shared/session.js";
import { date, defineCommand, flag, text } from "./shared/spec.js";

export const close = defineCommand({
  options: {
    outcome: text("--outcome <outcome>", OUTCOMES.join(", "), OUTCOMES),
    amount: text("--amount <amount>", "amount refunded (refunded, partially-refunded)"),
    date: date("--date <date>", "when (default today; also yesterday, 3 days ago, mon, 5 Nov)"),
    note: text("--note <text>", "a closing note"),
    to: text(
      "--to <destination>",
      "where the refund went: balance (the agent wallet) or original (default: `config refund-to`)",
      REFUND_DESTINATIONS,
    ),
    force: flag("--force", "accept a refund above the price paid (one that includes shipping)"),
  },
  examples: [
    "kakotrack close 3 --outcome partially-refunded --amount 30",
    "kakotrack close 4 --outcome refunded --to original",
  ],
  async run(ctx, { globals, args: [idText], options }) {
    if (options.outcome === undefined) throw new UsageError(`missing --outcome (one of ${OUTCOMES.join(", ")})`);
    const outcome = parseChoice(options.outcome, OUTCOMES, "--outcome");
    const note = options.note === undefined ? null : parseText(options.note, "--note", "long");
    if (!REFUND_OUTCOMES.includes(outcome) && (options.amount !== undefined || options.to !== undefined)) {
      throw new UsageError(`--amount and --to apply only to the outcomes ${REFUND_OUTCOMES.join(", ")}`);
    }
    const destination = options.to === undefined ? undefined : parseChoice(options.to, REFUND_DESTINATIONS, "--to");
    await withCase(ctx, globals, idText!, (session, row) => {
      const { on, amount, amountSource, refundTo } = changeCase(session, row.id, (current) =>
        planClose(current, {
          outcome,
          amountText: options.amount,
          ...refundRequestOf(session, current, options, note, destination),
        }),
      );
      const money = amountSaid(amount, amountSource, row.currency, " refunded");
      ctx.stdout(
        `Closed case #${row.id} as ${outcome} on ` +
          `${on}${money}.\n${refundTo === null ? "" : `${refundDestinationLine(refundTo)}\n`}`,
      );
    });
  },
});

import { planReopen } from "../domain/case/closing-moves.js";
import { formatAmount, parseText } from "../domain/case/parse.js";
import { hint } from "../hints.js";
import { recordedAt, withCase } from "./shared/session.js";
import { defineCommand, text } from "./shared/spec.js";

export const reopen = defineCommand({
  options: { note: text("--note <text>", "why (e.g. the replacement broke in transit)") },
  examples: ['kakotrack reopen 3 --note "the seller owes the rest of the refund"'],
  async run(ctx, { globals, args: [idText], options }) {
    const note = options.note === undefined ? null : parseText(options.note, "--note", "long");
    await withCase(ctx, globals, idText!, (session, row) => {
      let stage = "";
      session.store.cases.change(
        row.id,
        (current) => {
          const planned = planReopen(current, ctx.today, note);
          stage = planned.stage;
          return planned.change;
        },
        recordedAt(ctx),
      );
      // Money that came back stays counted (issue 24 item 4): a further refund adds to it.
      const kept =
        row.refundMinor === null
          ? ""
          : ` Its refunds stay recorded (${formatAmount(row.refundMinor, row.currency)} in all).`;
      ctx.stdout(
        `Reopened case #${row.id} at ${stage} (it was ${row.outcome} on ${row.closedOn}).${kept} ` +
          `${hint.undo()} reverts this.\n`,
      );
    });
  },
});

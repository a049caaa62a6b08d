import { formatAmount, parseAmount, parseEventDate, parseText } from "../domain/case/parse.js";
import { UsageError } from "../errors.js";
import { sanitize } from "../ui/sanitize.js";
import { recordedAt, withCase } from "./shared/session.js";
import { defineCommand, text } from "./shared/spec.js";

export const fee = defineCommand({
  options: {
    what: text("--what <text>", 'what it paid for, e.g. "return shipping"'),
    date: text("--date <date>", "when it was paid (default today)"),
  },
  examples: [
    'kakotrack fee 3 5 --what "service fee"',
    'kakotrack fee 3 12.50 --what "domestic return shipping" --date 2026-11-21',
  ],
  async run(ctx, { globals, args: [idText, amountText], options }) {
    await withCase(ctx, globals, idText!, (session, row) => {
      // What was typed is checked before what is missing (issue 26 item 5); again inside the write.
      parseAmount(amountText!, row.currency, "fee");
      if (options.what === undefined)
        throw new UsageError('missing --what (what the fee paid for, e.g. --what "return shipping")');
      const what = parseText(options.what, "--what", "short");
      let on = "";
      let amount = 0;
      session.store.cases.change(
        row.id,
        (current) => {
          const c = current.case;
          amount = parseAmount(amountText!, c.currency, "fee");
          if (amount === 0) throw new UsageError("a fee of 0 records nothing; give the amount paid");
          on = parseEventDate(options.date ?? ctx.today, "--date", ctx.today, {
            date: c.openedOn,
            why: c.stage === "spotted" ? "the defect was spotted" : "the case opened",
          });
          return {
            kind: "fee",
            summary: `fee of ${formatAmount(amount, c.currency)} on case #${c.id}`,
            events: [{ kind: "fee", stage: null, onDate: on, note: what, amountMinor: amount, data: null }],
          };
        },
        recordedAt(ctx),
      );
      ctx.stdout(
        `Recorded a fee of ${formatAmount(amount, row.currency)} on case #${row.id} (${sanitize(what)}, ${on}).\n`,
      );
    });
  },
});

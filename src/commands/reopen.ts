import { planReopen } from "../domain/case/moves.js";
import { parseText } from "../domain/case/parse.js";
import { recordedAt, withCase } from "./shared/session.js";
import { defineCommand, text } from "./shared/spec.js";

export const reopen = defineCommand({
  options: { note: text("--note <text>", "why (e.g. the refund never arrived)") },
  examples: ['kakotrack reopen 3 --note "the refund was reversed"'],
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
      ctx.stdout(
        `Reopened case #${row.id} at ${stage} (it was ${row.outcome} on ${row.closedOn}). \`kakotrack undo\` reverts this.\n`,
      );
    });
  },
});

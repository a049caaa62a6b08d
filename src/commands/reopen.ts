import type { Resolution } from "../domain/case/model.js";
import { parseText } from "../domain/case/parse.js";
import { stepsFromEvents } from "../domain/case/records.js";
import { CLOSING_OUTCOME, PATHS } from "../domain/case/stages.js";
import { UsageError } from "../errors.js";
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
          const c = current.case;
          if (c.outcome === null) throw new UsageError(`case #${c.id} is open (at ${c.stage}); nothing to reopen`);
          const path = PATHS[c.resolution as Resolution];
          // Closed by reaching the end of its path: back to the step before it. Closed with
          // `close`: the stage never changed.
          const steps = stepsFromEvents(current.events);
          const endedPath =
            c.stage === path[path.length - 1] && c.outcome === CLOSING_OUTCOME[c.resolution as Resolution];
          stage = endedPath && steps.length > 1 ? steps[steps.length - 2]!.stage : c.stage;
          return {
            kind: "reopen",
            summary: `reopening of case #${c.id} (${c.outcome} on ${c.closedOn})`,
            updates: { outcome: null, closedOn: null, refundMinor: null, refundTo: null, stage },
            events: [
              {
                kind: "reopened",
                stage: endedPath ? stage : null,
                onDate: ctx.today,
                note,
                amountMinor: null,
                data: JSON.stringify({ outcome: c.outcome }),
              },
            ],
          };
        },
        recordedAt(ctx),
      );
      ctx.stdout(
        `Reopened case #${row.id} at ${stage} (it was ${row.outcome} on ${row.closedOn}). \`kakotrack undo\` reverts this.\n`,
      );
    });
  },
});

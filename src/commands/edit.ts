import { buildCase, FIELDS, type Field, flagName } from "../domain/case/case-input.js";
import { checkCurrencyChange } from "../domain/case/currency-change.js";
import { EDITABLE_FIELDS, shownValue } from "../domain/case/fields.js";
import { parseCurrency } from "../domain/case/parse.js";
import { type CaseRecord, type NewCase, SPOTTED, stepsFromEvents } from "../domain/case/records.js";
import { UsageError } from "../errors.js";
import { hint } from "../hints.js";
import { sanitize } from "../ui/sanitize.js";
import { fieldOptions, givenFields, hintAgent, inputDefaults, promptFields } from "./shared/case-fields.js";
import { recordedAt, withCase } from "./shared/session.js";
import { defineCommand, flag } from "./shared/spec.js";

/** Fields edit can change: all of add's but the first note (notes have their own command). */
const EDITABLE = FIELDS.filter((f) => f.field !== "note");

/** The case's current values as add's fields take them. */
function currentValues(row: CaseRecord): Partial<Record<Field, string>> {
  return Object.fromEntries(EDITABLE_FIELDS.map(([name, spec]) => [spec.input, String(shownValue(row, name) ?? "")]));
}

/** How an error names a stored value the user did not type. */
const STORED_NAMES: Partial<Record<Field, string>> = {
  order: "order number",
  url: "item URL",
  stored: "stock-in time",
  date: "day 0",
};

function dayZeroAfter(date: string, firstMove: { stage: string; on: string }): UsageError {
  return new UsageError(`day 0 (${date}) cannot be after the case reached ${firstMove.stage} on ${firstMove.on}`);
}

export const edit = defineCommand({
  options: {
    ...fieldOptions(EDITABLE, (f) => f.editHelp ?? f.help),
    relabel: flag(
      "--relabel",
      "with --currency: the recorded amounts were typed in the wrong currency; keep their digits",
    ),
  },
  examples: ['kakotrack edit 3 --item "black hoodie" --price 139', "kakotrack edit 3 --currency USD --relabel"],
  async run(ctx, { globals, args: [idText], options }) {
    await withCase(ctx, globals, idText!, async (session, row) => {
      const given = givenFields(EDITABLE, options);
      if (Object.keys(given).length === 0) {
        if (!ctx.interactive) {
          throw new UsageError(
            `nothing to change: give the fields as flags (e.g. ${hint.edit(row.id, '--item "black hoodie"')})`,
          );
        }
        // A field that can no longer change is not asked (issue 18): the resolution once the case
        // has moved past requested. Day 0 is checked against the first move as it is typed.
        const firstMove = stepsFromEvents(session.store.cases.events(row.id))[1];
        if (firstMove) ctx.stdout(`The resolution stays ${row.resolution}: the case has moved past requested.\n`);
        await promptFields(given, session, {
          fields: firstMove ? EDITABLE.filter((f) => f.field !== "resolution") : EDITABLE,
          prefill: currentValues(row),
          check: (values) => {
            if (firstMove && values.date !== undefined && values.date > firstMove.on)
              throw dayZeroAfter(values.date, firstMove);
          },
        });
      }
      let diff: Record<string, [unknown, unknown]> = {};
      // Checked on the case as it is inside the write: another kakotrack may have changed it since it was read.
      const changed = session.store.cases.change(
        row.id,
        (current) => {
          const c = current.case;
          if (c.stage === SPOTTED && given.date !== undefined) {
            throw new UsageError(
              `case #${c.id} is spotted: it has no day 0 until the request (${hint.request(c.id)} sets it)`,
            );
          }
          // Only flags the user gave are named in errors; a stored value is "the case's" (issue 26 item 4).
          const name = (field: Field): string =>
            field in given ? flagName(field) : `the case's ${STORED_NAMES[field] ?? field}`;
          const currency = given.currency === undefined ? c.currency : parseCurrency(given.currency);
          checkCurrencyChange(current, currency, options.relabel, given.price !== undefined);
          const { input } = buildCase({ ...currentValues(c), ...given }, inputDefaults(session), name);
          const steps = stepsFromEvents(current.events);
          if (input.resolution !== c.resolution && steps.length > 1) {
            throw new UsageError(
              `case #${c.id} has moved past "requested" on the ${c.resolution} path; change what you ask for with ` +
                `${hint.switch(c.id, input.resolution)} (a new round from its own day 0)`,
            );
          }
          const firstMove = steps[1];
          if (firstMove && input.openedOn > firstMove.on) throw dayZeroAfter(input.openedOn, firstMove);
          const updates: Record<string, unknown> = {};
          diff = {};
          for (const [name, spec] of EDITABLE_FIELDS) {
            if (input[name as keyof NewCase] === c[name]) continue;
            updates[name] = input[name as keyof NewCase];
            diff[spec.input] = [shownValue(c, name), shownValue({ ...c, ...input }, name)];
          }
          if (Object.keys(diff).length === 0) return null;
          const names = Object.keys(diff).join(", ");
          return {
            kind: "edit",
            summary: `edit of case #${c.id} (${names})`,
            updates: updates as Partial<CaseRecord>,
            events: [
              {
                kind: "edit",
                stage: null,
                onDate: ctx.today,
                note: `corrected ${names}`,
                amountMinor: null,
                data: JSON.stringify(diff),
              },
            ],
          };
        },
        recordedAt(ctx),
      );
      if (changed === null) {
        ctx.stdout(`Nothing changed on case #${row.id}.\n`);
        return;
      }
      const shown = Object.entries(diff).map(
        ([k, [a, b]]) => `${k}: ${sanitize(String(a ?? "-"))} → ${sanitize(String(b ?? "-"))}`,
      );
      ctx.stdout(`Edited case #${row.id}: ${shown.join("; ")}.\n`);
      if (given.agent !== undefined)
        hintAgent(session, changed.updates?.agent ?? row.agent, (known) => hint.edit(row.id, `--agent ${known}`));
    });
  },
});

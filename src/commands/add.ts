import { buildCase, FIELDS, placeholders } from "../domain/case/case-input.js";
import { sortOutEvidence } from "../domain/case/evidence.js";
import type { Resolution } from "../domain/case/model.js";
import { formatAmount, parseChoice } from "../domain/case/parse.js";
import { type NewCase, SPOTTED, toTimeline } from "../domain/case/records.js";
import { forAgent } from "../domain/config/settings.js";
import { evaluate } from "../domain/deadlines/evaluate.js";
import { lateRequestWarning, requestedAfterWindow } from "../domain/deadlines/return-window.js";
import { formatMomentText, type Minute, toMinute } from "../domain/time/moments.js";
import { UsageError } from "../errors.js";
import { hint, unquoted } from "../hints.js";
import { sanitize } from "../ui/sanitize.js";
import { fieldOptions, givenFields, hintAgent, inputDefaults, promptWithDraft } from "./shared/case-fields.js";
import { collectEvidence, evidenceEvents, keepStoredCopies, renderIntake } from "./shared/evidence-intake.js";
import { sellerMemory } from "./shared/seller-memory.js";
import { caseReturnWindow, recordedAt, type Session, withSession } from "./shared/session.js";
import { defineCommand, flag, list, text } from "./shared/spec.js";

/** Stages a new case can start at: before the request (spotted) or with it. */
const START_STAGES = [SPOTTED, "requested"] as const;

export const add = defineCommand({
  options: {
    ...fieldOptions(FIELDS, (f) => f.help),
    stage: text(
      "--stage <stage>",
      "spotted: the defect is seen, the request not sent yet (no day 0); requested (default)",
      START_STAGES,
    ),
    evidence: list("--evidence <file-or-url>", "QC photo, screenshot or link (repeatable)"),
    allowDuplicate: flag("--allow-duplicate", "record it even when an open case has the same agent, order and item"),
    yes: flag("-y, --yes", "never prompt; fail naming missing flags"),
  },
  examples: [
    `kakotrack add --yes --order KB-1001 --item "grey hoodie" --seller "Lucky Store" --price 129 \\
      --defect flaw --description "stain on the left sleeve" --resolution exchange --payment paypal`,
    `kakotrack add --yes --stage spotted --stored "2026-11-28 14:00" --agent Mulebuy --order MB-77 --item jeans \\
      --defect wrong-size --description "28 instead of 30" --resolution refund --payment balance`,
  ],
  async run(ctx, { globals, options }) {
    await withSession(ctx, globals, "write", async (session) => {
      const values = givenFields(FIELDS, options);
      const defaults = inputDefaults(session);
      // Check what was given before asking anything else.
      buildCase({ ...placeholders(), ...values }, defaults);
      const missing = FIELDS.filter((f) => f.required && values[f.field] === undefined);
      // --yes first: asking whether stdin is a terminal creates the stdin stream (start-up time).
      const prompting = !options.yes && ctx.interactive;
      // Spotted or requested: --stage says, else a --date (the day the request was sent), else a terminal asks.
      let spotted: boolean | undefined = values.date !== undefined ? false : undefined;
      if (options.stage !== undefined) spotted = parseChoice(options.stage, START_STAGES, "--stage") === SPOTTED;
      if (spotted && values.date !== undefined) {
        throw new UsageError(
          "--date is day 0, the day the request was sent; a spotted case has none yet: leave --date out, and once " +
            `the request is sent ${hint.advance()} the case to requested with --date`,
        );
      }
      // The day it was spotted stands in for day 0 until the request sets it.
      if (spotted) values.date = ctx.today;
      const items = [...options.evidence];
      if (prompting) {
        // Where the request date would be asked: whether there was a request at all.
        await promptWithDraft(values, session, items, async (field, typed) => {
          if (field !== "date" || spotted !== undefined) return;
          spotted = !(await askRequestSent());
          if (spotted) typed.date = ctx.today;
        });
      } else if (missing.length > 0) {
        const flags = missing.map((f) => `--${f.field}`).join(", ");
        throw new UsageError(`missing ${flags} (give them as flags, or run ${hint.add()} in a terminal to be asked)`);
      }
      const { input, note } = buildCase(values, defaults);
      const allowDuplicate = options.allowDuplicate || (prompting && (await confirmDuplicate(session, input)));
      // The same file or link given twice is attached once.
      const evidence = sortOutEvidence([], collectEvidence(session, items, input.openedOn));
      let id: number;
      try {
        id = session.store.cases.add(
          input,
          {
            note,
            evidence: evidence.added,
            events: evidenceEvents(evidence.added),
            discardDrafts: prompting,
            allowDuplicate,
            spotted: Boolean(spotted),
            inWrite: () => keepStoredCopies(session, evidence.added),
          },
          recordedAt(ctx),
        );
      } catch (error) {
        // A refused add (a duplicate case) leaves none of the files it copied behind; where
        // the database itself failed, doctor reports what is left.
        if (error instanceof UsageError)
          session.store.evidence.release(evidence.added.flatMap((e) => (e.copied ? [e.sha256!] : [])));
        throw error;
      }
      const closesAt = caseReturnWindow(session.settings, input);
      if (spotted) {
        ctx.stdout(renderSpotted(session, id, input, closesAt));
      } else {
        ctx.stdout(renderAdded(session, id, input));
        if (closesAt !== null && requestedAfterWindow(closesAt, input.openedOn, ctx.today, ctx.now))
          ctx.stderr(lateRequestWarning(closesAt, input.openedOn));
      }
      ctx.stdout(renderIntake(evidence, id));
      const memory = sellerMemory(session, { ...input, id });
      if (memory !== null) ctx.stdout(`${memory}\n`);
      if (input.phase === "shipped") ctx.stdout(shippedWarning(id));
      hintAgent(session, input.agent, (known) => hint.edit(id, `--agent ${known}`));
    });
  },
});

/** On a terminal: whether to record a second open case of the same order and item (the write checks again). */
async function confirmDuplicate(session: Session, input: NewCase): Promise<boolean> {
  const duplicate = session.store.cases.openDuplicate(input);
  if (duplicate === undefined) return false;
  const { askConfirm } = await import("../ui/prompts.js");
  const answer = await askConfirm({
    message:
      `Case #${duplicate} is already open for ${sanitize(input.orderNo)} ${sanitize(input.item)}. Record ` +
      `another one?`,
    default: false,
  });
  if (!answer) throw new UsageError(`not recorded: case #${duplicate} is already open for this order and item`);
  return true;
}

/** On a terminal without --stage: whether the request was already sent (else the case starts spotted). */
async function askRequestSent(): Promise<boolean> {
  const { askConfirm } = await import("../ui/prompts.js");
  return askConfirm({ message: "Have you already sent the request to the agent?", default: true });
}

// From the agents' own guides on problems found after delivery.
const shippedWarning = (
  id: number,
): string => `Note: this item has already been shipped internationally. Returns from here are slow and costly
(return shipping to China, customs, weeks of waiting). The usual options:
  - a minor defect: accept it as is (${unquoted(hint.close(id, "accepted-as-is"))})
  - a major defect: ask for a partial refund instead (${unquoted(hint.edit(id, "--resolution partial-refund"))})
  - a wrong item sent by the agent's warehouse: the agent fixes it, ask their support
`;

function renderAdded(session: Session, id: number, input: NewCase): string {
  const lines = [
    `Recorded case #${id}: ${sanitize(input.orderNo)} ${sanitize(input.item)} (${input.resolution}${
      input.priceMinor !== null ? `, ${formatAmount(input.priceMinor, input.currency)}` : ""
    }), opened ${input.openedOn}.`,
  ];
  const evaluation = evaluate(
    {
      resolution: input.resolution as Resolution,
      openedOn: input.openedOn,
      stage: "requested",
      closed: false,
      steps: [{ stage: "requested", on: input.openedOn }],
    },
    session.ctx.today,
    session.calendarFor(input.agent),
    session.settings,
  );
  const next = evaluation.pending[0];
  if (next) lines.push(`Next: ${next.rule.label} due ${next.due}${next.overdue ? " (already overdue)" : ""}.`);
  for (const reason of evaluation.reasons) lines.push(`  ${reason}`);
  return `${lines.join("\n")}\n`;
}

/** A spotted case: no day 0 yet, its one deadline the return window. */
function renderSpotted(session: Session, id: number, input: NewCase, closesAt: Minute | null): string {
  const price = input.priceMinor !== null ? `, ${formatAmount(input.priceMinor, input.currency)}` : "";
  const lines = [
    `Recorded case #${id}: ${sanitize(input.orderNo)} ${sanitize(input.item)} (${input.resolution}${price}), ` +
      `spotted ${input.openedOn}; the request is not sent yet.`,
  ];
  if (closesAt === null) {
    lines.push(
      `No stock-in time: add it (${hint.edit(id, '--stored "YYYY-MM-DD HH:MM"')}) to be warned before the ` +
        `return window closes.`,
    );
  } else {
    const hours = forAgent(session.settings, input.agent).returnWindowHours;
    lines.push(
      `Return window: ${hours} h after stock-in (${input.storedAt!.replace("T", " ")}), closes ` +
        `${formatMomentText(closesAt)}.`,
    );
    const evaluation = evaluate(
      toTimeline({ ...input, stage: SPOTTED, outcome: null }, [], closesAt),
      session.ctx.today,
      session.calendarFor(input.agent),
      session.settings,
      toMinute(session.ctx.now),
    );
    for (const reason of evaluation.reasons) lines.push(`  ${reason}`);
  }
  lines.push(`Send the request (${hint.message(id)}), then record it: ${hint.advance(id, "requested")}.`);
  return `${lines.join("\n")}\n`;
}

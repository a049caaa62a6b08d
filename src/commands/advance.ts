import { evaluate } from "../domain/evaluate.js";
import { STAGES, type Resolution, type Stage } from "../domain/model.js";
import { formatAmount, parseAmount, parseChoice, parseEventDate, parseText } from "../domain/parse.js";
import { checkWithinPrice } from "../domain/money.js";
import { type CaseRecord, checkOpen, latestStepBound, stepsFromEvents } from "../domain/records.js";
import { AMOUNT_STAGES, allowedTargets, CLOSING_OUTCOME, checkTransition, nextStage, PATHS } from "../domain/stages.js";
import type { Context } from "../context.js";
import { UsageError } from "../errors.js";
import { recordedAt, requireCase, type Session, timelineOf, withSession } from "./shared/session.js";
import { date, defineCommand, flag, text, type CommandSpec, type GlobalOptions, type OptionSpec } from "./shared/spec.js";

const dateOption = date("--date <date>", "when it happened (default today; also yesterday, 3 days ago, mon, 5 Nov)");
const noteOption = text("--note <text>", "what was said");

interface StageOptions {
  date: string | undefined;
  note: string | undefined;
  amount?: string | undefined;
  force?: boolean;
  yes?: boolean;
}

export const advance = defineCommand({
  name: "advance",
  args: "<id> [stage]",
  description: "record that a case reached a stage (default: the next one)",
  options: {
    date: dateOption,
    note: noteOption,
    amount: text("--amount <amount>", "offer or refund amount, for seller-offered, agreed, refunded"),
    force: flag("--force", "allow going back (a correction)"),
    yes: flag("-y, --yes", "never prompt for the stage"),
  },
  examples: ["kakotrack advance 3 seller-confirmed --date 2026-11-20"],
  run: (ctx, { globals, args: [id, stage], options }) => changeStage(ctx, globals, id!, stage, options),
});

/** refuse and escalate: a stage change that names its stage. */
function sideStage(name: string, stage: Stage, description: string, example: string): CommandSpec<Record<"date" | "note", OptionSpec<string | undefined>>> {
  return defineCommand({
    name,
    args: "<id>",
    description,
    options: { date: dateOption, note: noteOption },
    examples: [example],
    run: (ctx, { globals, args: [id], options }) => changeStage(ctx, globals, id!, stage, options),
  });
}

export const refuse = sideStage("refuse", "refused", "the seller refused", 'kakotrack refuse 3 --note "seller says the stain is normal"');
export const escalate = sideStage("escalate", "escalated", "you took the case to the agent's support", 'kakotrack escalate 3 --note "ticket #5521"');

async function changeStage(ctx: Context, globals: GlobalOptions, idText: string, stageText: string | undefined, options: StageOptions): Promise<void> {
  await withSession(ctx, globals, "write", async (session) => {
    let target = stageText === undefined ? undefined : parseChoice(stageText, STAGES, "stage");
    if (target === undefined && !options.yes && ctx.interactive) target = await askStage(session, idText);
    const note = options.note === undefined ? null : parseText(options.note, "--note", "long");
    let from = "";
    let on = "";
    let amount: number | null = null;
    let closes = false;
    // Checked on the case as it is inside the write: another kakotrack may have changed it since it was read.
    const row = requireCase(session.store, idText);
    session.store.cases.change(
      row.id,
      (current) => {
        const c = current.case;
        checkOpen(c);
        const resolution = c.resolution as Resolution;
        const steps = stepsFromEvents(current.events);
        const stage = c.stage as Stage;
        const to = target ?? nextStage(resolution, stage, steps);
        checkTransition(resolution, stage, steps, to, Boolean(options.force));
        on = parseEventDate(options.date ?? ctx.today, "--date", ctx.today, latestStepBound(steps));
        amount = stageAmount(c, to, options.amount, Boolean(options.force));
        closes = to === PATHS[resolution][PATHS[resolution].length - 1];
        from = stage;
        target = to;
        const updates: Partial<Record<keyof CaseRecord, string | number | null>> = { stage: to };
        if (to === "seller-offered" || to === "agreed") updates.offerMinor = amount;
        if (closes) Object.assign(updates, { outcome: CLOSING_OUTCOME[resolution], closedOn: on, refundMinor: amount });
        return {
          kind: "advance",
          summary: `advance of case #${c.id} (${stage} → ${to})`,
          updates,
          events: [{ kind: "stage", stage: to, onDate: on, note, amountMinor: amount, data: null }],
        };
      },
      recordedAt(ctx),
    );
    ctx.stdout(renderAdvanced(session, row, from, target!, on, amount, closes));
  });
}

/** On a terminal without a stage named: the stages the case can reach from where it is. */
async function askStage(session: Session, idText: string): Promise<Stage> {
  const row = requireCase(session.store, idText);
  checkOpen(row);
  const timeline = timelineOf(row, session.store);
  const resolution = row.resolution as Resolution;
  const choices = allowedTargets(resolution, timeline.stage, timeline.steps);
  if (choices.length === 0) throw new UsageError(`case #${row.id} has no stage left to reach; close it with \`kakotrack close\``);
  const { askChoice } = await import("../ui/prompts.js");
  return askChoice({
    message: `Case #${row.id} is at ${row.stage}. It reached`,
    choices: choices.map((value) => ({ value })),
    default: nextStage(resolution, timeline.stage, timeline.steps),
  });
}

/** The amount a stage carries: offers and refunds; partial refunds must state it. */
function stageAmount(row: CaseRecord, target: Stage, text: string | undefined, force: boolean): number | null {
  if (!AMOUNT_STAGES.includes(target)) {
    if (text !== undefined) throw new UsageError(`--amount applies only to ${AMOUNT_STAGES.join(", ")} (not ${target})`);
    return null;
  }
  if (text !== undefined) {
    const amount = parseAmount(text, row.currency, "--amount");
    checkWithinPrice(row, amount, force);
    return amount;
  }
  if (target === "refunded") {
    const known = row.resolution === "partial-refund" ? row.offerMinor : (row.offerMinor ?? row.priceMinor);
    if (known !== null) return known;
    if (row.resolution === "partial-refund") {
      throw new UsageError(`a partial refund needs its amount: add --amount (e.g. --amount 25.00)`);
    }
    return null;
  }
  if (target === "seller-offered") return null;
  return row.offerMinor;
}

function renderAdvanced(session: Session, row: CaseRecord, from: string, target: Stage, on: string, amount: number | null, closes: boolean): string {
  const money = amount !== null ? ` (${formatAmount(amount, row.currency)})` : "";
  const lines = [`Case #${row.id}: ${from} → ${target} on ${on}${money}.`];
  if (closes) {
    lines.push(`Closed as ${CLOSING_OUTCOME[row.resolution as Resolution]}.`);
  } else {
    const updated = session.store.cases.get(row.id)!;
    const evaluation = evaluate(timelineOf(updated, session.store), session.ctx.today, session.calendar, session.settings);
    const next = evaluation.pending[0];
    if (next) lines.push(`Next: ${next.rule.label} due ${next.due}.`);
    for (const reason of evaluation.reasons) lines.push(`  ${reason}`);
  }
  return `${lines.join("\n")}\n`;
}

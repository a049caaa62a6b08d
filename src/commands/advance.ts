import type { Context } from "../context.js";
import { type Resolution, STAGES, type Stage } from "../domain/case/model.js";
import { formatAmount, parseAmount, parseChoice, parseEventDate, parseText } from "../domain/case/parse.js";
import { type CaseRecord, checkOpen, latestStepBound, SPOTTED, stepsFromEvents } from "../domain/case/records.js";
import {
  AMOUNT_STAGES,
  allowedTargets,
  CLOSING_OUTCOME,
  checkTransition,
  nextStage,
  PATHS,
} from "../domain/case/stages.js";
import { forAgent, REFUND_DESTINATIONS, type RefundDestination } from "../domain/config/settings.js";
import { evaluate } from "../domain/deadlines/evaluate.js";
import { lateRequestWarning, requestedAfterWindow } from "../domain/deadlines/return-window.js";
import { checkWithinPrice } from "../domain/money/money.js";
import { UsageError } from "../errors.js";
import type { CaseChange } from "../store/cases.js";
import { refundDestinationLine } from "../ui/money.js";
import { caseReturnWindow, recordedAt, requireCase, type Session, timelineOf, withSession } from "./shared/session.js";
import {
  type CommandDetails,
  date,
  defineCommand,
  flag,
  type GlobalOptions,
  type OptionSpec,
  text,
} from "./shared/spec.js";

const dateOption = date("--date <date>", "when it happened (default today; also yesterday, 3 days ago, mon, 5 Nov)");
const noteOption = text("--note <text>", "what was said");

interface StageOptions {
  date: string | undefined;
  note: string | undefined;
  amount?: string | undefined;
  to?: string | undefined;
  force?: boolean;
  yes?: boolean;
}

export const advance = defineCommand({
  options: {
    date: dateOption,
    note: noteOption,
    amount: text("--amount <amount>", "offer or refund amount, for seller-offered, agreed, refunded"),
    to: text(
      "--to <destination>",
      "where the refund went, for refunded: balance (the agent wallet) or original (default: `config refund-to`)",
      REFUND_DESTINATIONS,
    ),
    force: flag("--force", "allow going back (a correction)"),
    yes: flag("-y, --yes", "never prompt for the stage"),
  },
  examples: [
    "kakotrack advance 3 seller-confirmed --date 2026-11-20",
    "kakotrack advance 4 requested --date 2026-12-02     # a spotted case: the request was sent, day 0",
    "kakotrack advance 5 refunded --amount 89 --to original",
  ],
  run: (ctx, { globals, args: [id, stage], options }) => changeStage(ctx, globals, id!, stage, options),
});

/** refuse and escalate: a stage change that names its stage. */
function sideStage(
  stage: Stage,
  example: string,
): CommandDetails<Record<"date" | "note", OptionSpec<string | undefined>>> {
  return defineCommand({
    options: { date: dateOption, note: noteOption },
    examples: [example],
    run: (ctx, { globals, args: [id], options }) => changeStage(ctx, globals, id!, stage, options),
  });
}

export const refuse = sideStage("refused", 'kakotrack refuse 3 --note "seller says the stain is normal"');
export const escalate = sideStage("escalated", 'kakotrack escalate 3 --note "ticket #5521"');

async function changeStage(
  ctx: Context,
  globals: GlobalOptions,
  idText: string,
  stageText: string | undefined,
  options: StageOptions,
): Promise<void> {
  await withSession(ctx, globals, "write", async (session) => {
    let target = stageText === undefined ? undefined : parseChoice(stageText, STAGES, "stage");
    if (target === undefined && !options.yes && ctx.interactive) target = await askStage(session, idText);
    const note = options.note === undefined ? null : parseText(options.note, "--note", "long");
    const destination = options.to === undefined ? undefined : parseChoice(options.to, REFUND_DESTINATIONS, "--to");
    let from = "";
    let on = "";
    let amount: number | null = null;
    let closes = false;
    let refundTo: RefundDestination | null = null;
    // Checked on the case as it is inside the write: another kakotrack may have changed it since it was read.
    const row = requireCase(session.store, idText);
    session.store.cases.change(
      row.id,
      (current) => {
        const c = current.case;
        checkOpen(c);
        from = c.stage;
        if (c.stage === SPOTTED) {
          const request = requestOf(c, target, options, note, ctx);
          ({ on, target } = request);
          return request.change;
        }
        const resolution = c.resolution as Resolution;
        const steps = stepsFromEvents(current.events);
        const stage = c.stage as Stage;
        const to = target ?? nextStage(resolution, stage, steps);
        checkTransition(resolution, stage, steps, to, Boolean(options.force));
        on = parseEventDate(options.date ?? ctx.today, "--date", ctx.today, latestStepBound(steps, c.openedOn));
        amount = stageAmount(c, to, options.amount, Boolean(options.force));
        closes = to === PATHS[resolution][PATHS[resolution].length - 1];
        if (destination !== undefined && to !== "refunded")
          throw new UsageError(`--to applies only to refunded (not ${to})`);
        refundTo = to === "refunded" ? (destination ?? forAgent(session.settings, c.agent).refundTo) : null;
        target = to;
        const updates: Partial<Record<keyof CaseRecord, string | number | null>> = { stage: to };
        if (to === "seller-offered" || to === "agreed") updates.offerMinor = amount;
        if (closes)
          Object.assign(updates, { outcome: CLOSING_OUTCOME[resolution], closedOn: on, refundMinor: amount, refundTo });
        return {
          kind: "advance",
          summary: `advance of case #${c.id} (${stage} → ${to})`,
          updates,
          events: [
            {
              kind: "stage",
              stage: to,
              onDate: on,
              note,
              amountMinor: amount,
              data: refundTo === null ? null : JSON.stringify({ to: refundTo }),
            },
          ],
        };
      },
      recordedAt(ctx),
    );
    ctx.stdout(renderAdvanced(session, row, from, target!, on, amount, closes, refundTo));
    if (from === SPOTTED) warnLateRequest(session, row, on);
  });
}

/**
 * A spotted case's one move: the request was sent, which sets day 0 (its opening event; the
 * day-0 deadlines start from it). Not before the stock-in.
 */
function requestOf(c: CaseRecord, target: Stage | undefined, options: StageOptions, note: string | null, ctx: Context) {
  if (target !== undefined && target !== "requested") {
    throw new UsageError(
      `case #${c.id} is spotted: its request is not recorded yet; \`kakotrack advance ${c.id} requested --date D\` first (D: the day you sent it)`,
    );
  }
  if (options.amount !== undefined || options.to !== undefined)
    throw new UsageError("--amount and --to apply to refunds, not to the request");
  const stored = c.storedAt === null ? undefined : { date: c.storedAt.slice(0, 10), why: "the item was stored" };
  const on = parseEventDate(options.date ?? ctx.today, "--date", ctx.today, stored);
  const change: CaseChange = {
    kind: "advance",
    summary: `request of case #${c.id} (spotted → requested, day 0 ${on})`,
    updates: { stage: "requested", openedOn: on },
    events: [{ kind: "opened", stage: "requested", onDate: on, note, amountMinor: null, data: null }],
  };
  return { on, target: "requested" as Stage, change };
}

/** Once, when it is recorded: a request sent after the return window closed. */
function warnLateRequest(session: Session, row: CaseRecord, on: string): void {
  const closesAt = caseReturnWindow(session.settings, row);
  const { ctx } = session;
  if (closesAt !== null && requestedAfterWindow(closesAt, on, ctx.today, ctx.now))
    ctx.stderr(lateRequestWarning(closesAt, on));
}

/** On a terminal without a stage named: the stages the case can reach from where it is. */
async function askStage(session: Session, idText: string): Promise<Stage> {
  const row = requireCase(session.store, idText);
  checkOpen(row);
  if (row.stage === SPOTTED) return "requested";
  const timeline = timelineOf(row, session.store);
  const resolution = row.resolution as Resolution;
  const choices = allowedTargets(resolution, timeline.stage, timeline.steps);
  if (choices.length === 0)
    throw new UsageError(`case #${row.id} has no stage left to reach; close it with \`kakotrack close\``);
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
    if (text !== undefined)
      throw new UsageError(`--amount applies only to ${AMOUNT_STAGES.join(", ")} (not ${target})`);
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

function renderAdvanced(
  session: Session,
  row: CaseRecord,
  from: string,
  target: Stage,
  on: string,
  amount: number | null,
  closes: boolean,
  refundTo: RefundDestination | null,
): string {
  const money = amount !== null ? ` (${formatAmount(amount, row.currency)})` : "";
  const lines = [`Case #${row.id}: ${from} → ${target} on ${on}${money}${from === SPOTTED ? " (day 0)" : ""}.`];
  if (closes) {
    lines.push(`Closed as ${CLOSING_OUTCOME[row.resolution as Resolution]}.`);
    if (refundTo !== null) lines.push(refundDestinationLine(refundTo));
  } else {
    const updated = session.store.cases.get(row.id)!;
    const evaluation = evaluate(
      timelineOf(updated, session.store),
      session.ctx.today,
      session.calendarFor(updated.agent),
      session.settings,
    );
    const next = evaluation.pending[0];
    if (next) lines.push(`Next: ${next.rule.label} due ${next.due}.`);
    for (const reason of evaluation.reasons) lines.push(`  ${reason}`);
  }
  return `${lines.join("\n")}\n`;
}

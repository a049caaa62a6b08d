import type { Context } from "../context.js";
import { REFUND_DESTINATIONS, STAGES, type Stage } from "../domain/case/model.js";
import { type PlannedMove, planStageMove } from "../domain/case/moves.js";
import { parseChoice, parseText } from "../domain/case/parse.js";
import { type CaseRecord, checkOpen, SPOTTED } from "../domain/case/records.js";
import { roundSteps } from "../domain/case/rounds.js";
import { allowedTargets, CLOSING_OUTCOME, nextStage } from "../domain/case/stages.js";
import { forAgent } from "../domain/config/settings.js";
import { lateRequestWarning, requestedAfterWindow } from "../domain/deadlines/return-window.js";
import { UsageError } from "../errors.js";
import { hint } from "../hints.js";
import { amountSaid, refundDestinationLine, returnParcelText } from "../ui/money.js";
import { nextLines } from "./shared/next-deadline.js";
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
  tracking?: string | undefined;
  carrier?: string | undefined;
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
    tracking: text("--tracking <number>", "the return parcel's tracking number, for returned"),
    carrier: text("--carrier <name>", "the return parcel's carrier, for returned (e.g. SF Express)"),
    force: flag("--force", "allow going back (a correction)"),
    yes: flag("-y, --yes", "never prompt for the stage"),
  },
  examples: [
    "kakotrack advance 3 seller-confirmed --date 2026-11-20",
    "kakotrack advance 4 requested --date 2026-12-02     # a spotted case: the request was sent, day 0",
    "kakotrack advance 5 refunded --amount 89 --to original",
    'kakotrack advance 5 returned --tracking SF1234567890 --carrier "SF Express"',
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
    const tracking = options.tracking === undefined ? undefined : parseText(options.tracking, "--tracking", "short");
    const carrier = options.carrier === undefined ? undefined : parseText(options.carrier, "--carrier", "short");
    const row = requireCase(session.store, idText);
    let move: PlannedMove | undefined;
    // Planned on the case as it is inside the write: another kakotrack may have changed it since it was read.
    session.store.cases.change(
      row.id,
      (current) => {
        move = planStageMove(current, {
          target: target ?? null,
          dateText: options.date,
          note,
          amountText: options.amount,
          destination,
          force: options.force,
          today: ctx.today,
          refundTo: forAgent(session.settings, current.case.agent).refundTo,
          tracking,
          carrier,
        });
        return move.change;
      },
      recordedAt(ctx),
    );
    ctx.stdout(renderAdvanced(session, row, move!));
    if (move!.from === SPOTTED) warnLateRequest(session, row, move!.on);
  });
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
  const resolution = row.resolution;
  const steps = roundSteps(timeline.steps);
  const choices = allowedTargets(resolution, timeline.stage, steps);
  if (choices.length === 0)
    throw new UsageError(`case #${row.id} has no stage left to reach; close it with ${hint.close()}`);
  const { askChoice } = await import("../ui/prompts.js");
  return askChoice({
    message: `Case #${row.id} is at ${row.stage}. It reached`,
    choices: choices.map((value) => ({ value })),
    default: nextStage(resolution, timeline.stage, steps),
  });
}

function renderAdvanced(session: Session, row: CaseRecord, move: PlannedMove): string {
  const { from, to: target, on, amount, amountSource, closes, refundTo, parcel } = move;
  const parcelLine = parcel === null ? [] : [`Return parcel: ${returnParcelText(session.store.cases.get(row.id)!)}.`];
  if (!move.stepped) return `Case #${row.id} is at ${target}; recorded its return parcel.\n${parcelLine.join("")}\n`;
  const money = amountSaid(amount, amountSource, row.currency);
  const lines = [
    `Case #${row.id}: ${from} → ${target} on ${on}${money}${from === SPOTTED ? " (day 0)" : ""}.`,
    ...parcelLine,
  ];
  if (closes) {
    lines.push(`Closed as ${CLOSING_OUTCOME[row.resolution]}.`);
    if (refundTo !== null) lines.push(refundDestinationLine(refundTo));
  } else lines.push(...nextLines(session, row.id));
  return `${lines.join("\n")}\n`;
}

import type { Context } from "../context.js";
import { UsageError } from "../errors.js";
import { evaluate } from "../domain/evaluate.js";
import { STAGES, type Resolution, type Stage } from "../domain/model.js";
import { formatAmount, parseAmount, parseChoice, parseEventDate, parseText } from "../domain/parse.js";
import { AMOUNT_STAGES, allowedTargets, CLOSING_OUTCOME, checkTransition, nextStage, PATHS } from "../domain/stages.js";
import type { CaseRow } from "../store/store.js";
import { type GlobalOptions, recordedAt, requireCase, type Session, timelineOf, withSession } from "./session.js";

export interface AdvanceOptions {
  date?: string;
  note?: string;
  amount?: string;
  force?: boolean;
  yes?: boolean;
}

export function requireOpen(row: CaseRow): void {
  if (row.outcome !== null) {
    throw new UsageError(
      `case #${row.id} is closed (${row.outcome} on ${row.closedOn}); run \`kakotrack undo\` if closing it was a mistake`,
    );
  }
}

/** `advance <id> [stage]`, and `refuse`/`escalate`, which name their stage. */
export async function advance(
  ctx: Context,
  globals: GlobalOptions,
  idText: string,
  stageText: string | undefined,
  options: AdvanceOptions,
): Promise<void> {
  await withSession(ctx, globals, "write", async (session) => {
    const row = requireCase(session.store, idText);
    requireOpen(row);
    const timeline = timelineOf(row, session.store);
    const resolution = row.resolution as Resolution;
    let target: Stage;
    if (stageText !== undefined) {
      target = parseChoice(stageText, STAGES, "stage");
    } else if (!options.yes && ctx.interactive) {
      const { askChoice } = await import("../ui/prompts.js");
      const choices = allowedTargets(resolution, timeline.stage, timeline.steps);
      if (choices.length === 0) throw new UsageError(`case #${row.id} has no stage left to reach; close it with \`kakotrack close\``);
      target = await askChoice({
        message: `Case #${row.id} is at ${row.stage}. It reached`,
        choices: choices.map((value) => ({ value })),
        default: nextStage(resolution, timeline.stage, timeline.steps),
      });
    } else {
      target = nextStage(resolution, timeline.stage, timeline.steps);
    }
    checkTransition(resolution, timeline.stage, timeline.steps, target, Boolean(options.force));

    const last = timeline.steps[timeline.steps.length - 1]!;
    const on = parseEventDate(options.date ?? ctx.today, "--date", ctx.today, {
      date: last.on,
      why: last.stage === "requested" ? "the case opened" : `the case reached ${last.stage}`,
    });
    const note = options.note === undefined ? null : parseText(options.note, "--note", "long");
    const amount = stageAmount(row, target, options.amount);
    const closes = target === PATHS[resolution][PATHS[resolution].length - 1];

    const updates: Partial<Record<keyof CaseRow, string | number | null>> = { stage: target };
    if (target === "seller-offered" || target === "agreed") updates.offerMinor = amount;
    if (closes) Object.assign(updates, { outcome: CLOSING_OUTCOME[resolution], closedOn: on, refundMinor: amount });
    session.store.changeCase(
      row.id,
      {
        kind: "advance",
        summary: `advance of case #${row.id} (${row.stage} → ${target})`,
        updates,
        events: [{ kind: "stage", stage: target, onDate: on, note, amountMinor: amount, data: null }],
      },
      recordedAt(ctx),
    );
    ctx.stdout(renderAdvanced(session, row, target, on, amount, closes));
  });
}

/** The amount a stage carries: offers and refunds; partial refunds must state it. */
function stageAmount(row: CaseRow, target: Stage, text: string | undefined): number | null {
  if (!AMOUNT_STAGES.includes(target)) {
    if (text !== undefined) throw new UsageError(`--amount applies only to ${AMOUNT_STAGES.join(", ")} (not ${target})`);
    return null;
  }
  if (text !== undefined) return parseAmount(text, row.currency, "--amount");
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

function renderAdvanced(session: Session, row: CaseRow, target: Stage, on: string, amount: number | null, closes: boolean): string {
  const money = amount !== null ? ` (${formatAmount(amount, row.currency)})` : "";
  const lines = [`Case #${row.id}: ${row.stage} → ${target} on ${on}${money}.`];
  if (closes) {
    lines.push(`Closed as ${CLOSING_OUTCOME[row.resolution as Resolution]}.`);
  } else {
    const updated = session.store.getCase(row.id)!;
    const evaluation = evaluate(timelineOf(updated, session.store), session.ctx.today, session.calendar, session.settings);
    const next = evaluation.pending[0];
    if (next) lines.push(`Next: ${next.rule.label} due ${next.due}.`);
    for (const reason of evaluation.reasons) lines.push(`  ${reason}`);
  }
  return `${lines.join("\n")}\n`;
}

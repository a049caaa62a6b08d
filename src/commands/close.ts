import type { Context } from "../context.js";
import { UsageError } from "../errors.js";
import { OUTCOMES } from "../domain/model.js";
import { formatAmount, parseAmount, parseChoice, parseEventDate, parseText } from "../domain/parse.js";
import { requireOpen } from "./advance.js";
import { type GlobalOptions, recordedAt, requireCase, timelineOf, withSession } from "./session.js";

export interface CloseOptions {
  outcome?: string;
  amount?: string;
  date?: string;
  note?: string;
}

const REFUND_OUTCOMES = ["refunded", "partially-refunded"];

export async function close(ctx: Context, globals: GlobalOptions, idText: string, options: CloseOptions): Promise<void> {
  await withSession(ctx, globals, "write", (session) => {
    const row = requireCase(session.store, idText);
    requireOpen(row);
    if (options.outcome === undefined) throw new UsageError(`missing --outcome (one of ${OUTCOMES.join(", ")})`);
    const outcome = parseChoice(options.outcome, OUTCOMES, "--outcome");
    const steps = timelineOf(row, session.store).steps;
    const last = steps[steps.length - 1]!;
    const on = parseEventDate(options.date ?? ctx.today, "--date", ctx.today, {
      date: last.on,
      why: last.stage === "requested" ? "the case opened" : `the case reached ${last.stage}`,
    });
    const note = options.note === undefined ? null : parseText(options.note, "--note", "long");
    let amount: number | null = null;
    if (REFUND_OUTCOMES.includes(outcome)) {
      if (options.amount !== undefined) amount = parseAmount(options.amount, row.currency, "--amount");
      else if (outcome === "refunded") amount = row.priceMinor;
      else amount = row.offerMinor;
      if (amount === null) throw new UsageError(`closing as ${outcome} needs the amount refunded: add --amount (e.g. --amount 25.00)`);
    } else if (options.amount !== undefined) {
      throw new UsageError(`--amount applies only to the outcomes ${REFUND_OUTCOMES.join(", ")}`);
    }
    session.store.changeCase(
      row.id,
      {
        kind: "close",
        summary: `closing of case #${row.id} as ${outcome}`,
        updates: { outcome, closedOn: on, refundMinor: amount },
        events: [{ kind: "closed", stage: null, onDate: on, note, amountMinor: amount, data: JSON.stringify({ outcome }) }],
      },
      recordedAt(ctx),
    );
    const money = amount !== null ? ` (${formatAmount(amount, row.currency)} refunded)` : "";
    ctx.stdout(`Closed case #${row.id} as ${outcome} on ${on}${money}.\n`);
  });
}

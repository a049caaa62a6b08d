import { OUTCOMES } from "../domain/case/model.js";
import { formatAmount, parseAmount, parseChoice, parseEventDate, parseText } from "../domain/case/parse.js";
import { checkOpen, latestStepBound, SPOTTED, stepsFromEvents } from "../domain/case/records.js";
import { forAgent, REFUND_DESTINATIONS, type RefundDestination } from "../domain/config/settings.js";
import { checkWithinPrice } from "../domain/money/money.js";
import { UsageError } from "../errors.js";
import { refundDestinationLine } from "../ui/money.js";
import { recordedAt, withCase } from "./shared/session.js";
import { date, defineCommand, flag, text } from "./shared/spec.js";

const REFUND_OUTCOMES = ["refunded", "partially-refunded"];
/** A case closed before its request was sent: nothing was asked, so nothing exchanged or refunded. */
const SPOTTED_OUTCOMES = ["accepted-as-is", "cancelled", "lost"];

export const close = defineCommand({
  options: {
    outcome: text("--outcome <outcome>", OUTCOMES.join(", "), OUTCOMES),
    amount: text("--amount <amount>", "amount refunded (refunded, partially-refunded)"),
    date: date("--date <date>", "when (default today; also yesterday, 3 days ago, mon, 5 Nov)"),
    note: text("--note <text>", "a closing note"),
    to: text(
      "--to <destination>",
      "where the refund went: balance (the agent wallet) or original (default: `config refund-to`)",
      REFUND_DESTINATIONS,
    ),
    force: flag("--force", "accept a refund above the price paid (one that includes shipping)"),
  },
  examples: [
    "kakotrack close 3 --outcome partially-refunded --amount 30",
    "kakotrack close 4 --outcome refunded --to original",
  ],
  async run(ctx, { globals, args: [idText], options }) {
    if (options.outcome === undefined) throw new UsageError(`missing --outcome (one of ${OUTCOMES.join(", ")})`);
    const outcome = parseChoice(options.outcome, OUTCOMES, "--outcome");
    const note = options.note === undefined ? null : parseText(options.note, "--note", "long");
    if (!REFUND_OUTCOMES.includes(outcome) && (options.amount !== undefined || options.to !== undefined)) {
      throw new UsageError(`--amount and --to apply only to the outcomes ${REFUND_OUTCOMES.join(", ")}`);
    }
    const destination = options.to === undefined ? undefined : parseChoice(options.to, REFUND_DESTINATIONS, "--to");
    await withCase(ctx, globals, idText!, (session, row) => {
      let on = "";
      let amount: number | null = null;
      let refundTo: RefundDestination | null = null;
      // Checked on the case as it is inside the write: another kakotrack may have changed it since it was read.
      session.store.cases.change(
        row.id,
        (current) => {
          const c = current.case;
          checkOpen(c);
          if (c.stage === SPOTTED && !SPOTTED_OUTCOMES.includes(outcome)) {
            throw new UsageError(
              `case #${c.id} is spotted (its request is not recorded): close it as ${SPOTTED_OUTCOMES.join(", ")}, or record the request first (\`kakotrack advance ${c.id} requested\`)`,
            );
          }
          on = parseEventDate(
            options.date ?? ctx.today,
            "--date",
            ctx.today,
            latestStepBound(stepsFromEvents(current.events), c.openedOn),
          );
          if (REFUND_OUTCOMES.includes(outcome)) {
            refundTo = destination ?? forAgent(session.settings, c.agent).refundTo;
            if (options.amount !== undefined) {
              amount = parseAmount(options.amount, c.currency, "--amount");
              checkWithinPrice(c, amount, options.force);
            } else amount = outcome === "refunded" ? c.priceMinor : c.offerMinor;
            if (amount === null)
              throw new UsageError(
                `closing as ${outcome} needs the amount refunded: add --amount (e.g. --amount 25.00)`,
              );
          }
          return {
            kind: "close",
            summary: `closing of case #${c.id} as ${outcome}`,
            updates: { outcome, closedOn: on, refundMinor: amount, refundTo },
            events: [
              {
                kind: "closed",
                stage: null,
                onDate: on,
                note,
                amountMinor: amount,
                data: JSON.stringify(refundTo === null ? { outcome } : { outcome, to: refundTo }),
              },
            ],
          };
        },
        recordedAt(ctx),
      );
      const money = amount !== null ? ` (${formatAmount(amount, row.currency)} refunded)` : "";
      ctx.stdout(
        `Closed case #${row.id} as ${outcome} on ${on}${money}.\n${refundTo === null ? "" : `${refundDestinationLine(refundTo)}\n`}`,
      );
    });
  },
});

import { parseAgent } from "../domain/case/agents.js";
import { formatAmount, parseAmount, parseCurrency, parseEventDate, parseText } from "../domain/case/parse.js";
import { agentBalances, balanceOf, untrackedPart, withdrawalCurrency } from "../domain/money/money.js";
import { UsageError } from "../errors.js";
import { hint } from "../hints.js";
import { sanitize } from "../ui/sanitize.js";
import { hintAgent } from "./shared/case-fields.js";
import { recordedAt, withSession } from "./shared/session.js";
import { defineCommand, flag, text } from "./shared/spec.js";

export const withdraw = defineCommand({
  options: {
    currency: text("--currency <code>", "the balance's currency (default: the one the agent holds money in)"),
    date: text("--date <date>", "when (default today)"),
    note: text("--note <text>", "e.g. where it went"),
    force: flag("--force", "withdraw more than kakotrack knows is held (money that reached the balance another way)"),
  },
  examples: [
    'kakotrack withdraw KakoBuy 150 --note "to PayPal"',
    "kakotrack withdraw Mulebuy 20 --currency USD --date 2026-12-01",
  ],
  async run(ctx, { globals, args: [agentText, amountText], options }) {
    const agent = parseAgent(agentText!, "agent");
    const note = options.note === undefined ? null : parseText(options.note, "--note", "long");
    const on = parseEventDate(options.date ?? ctx.today, "--date", ctx.today);
    await withSession(ctx, globals, "write", (session) => {
      let left = "";
      // Checked on the balance as it is inside the write: another kakotrack may be withdrawing too.
      const w = session.store.money.withdraw(
        (sums) => {
          const balances = agentBalances(sums);
          const currency =
            options.currency === undefined
              ? withdrawalCurrency(balances, agent, session.settings.defaultCurrency)
              : parseCurrency(options.currency);
          const amountMinor = parseAmount(amountText!, currency, "amount");
          if (amountMinor === 0) throw new UsageError("a withdrawal of 0 records nothing; give the amount taken out");
          const balance = balanceOf(balances, agent, currency);
          const untrackedMinor = untrackedPart(balance, amountMinor, options.force);
          left = formatAmount(balance.heldMinor - (amountMinor - untrackedMinor), currency);
          // The agent's name as its cases spell it, so balances group under one name.
          return { agent: balance.agent, currency, amountMinor, untrackedMinor, onDate: on, note };
        },
        (w) => `withdrawal of ${formatAmount(w.amountMinor, w.currency)} from ${w.agent}`,
        recordedAt(ctx),
      );
      ctx.stdout(
        `Recorded a withdrawal of ${formatAmount(w.amountMinor, w.currency)} from ${sanitize(w.agent)} on ${on}; ` +
          `${left} still held there. ${hint.undo()} removes it.\n`,
      );
      hintAgent(session, w.agent, (known) => `${hint.undo()}, then withdraw from ${known}`);
    });
  },
});

import { agentBalances } from "../domain/money/money.js";
import { balancesJson, renderBalances } from "../ui/money.js";
import { toJsonText } from "../ui/sanitize.js";
import { withSession } from "./shared/session.js";
import { defineCommand, flag } from "./shared/spec.js";

export const balance = defineCommand({
  options: { json: flag("--json", "machine-readable output") },
  examples: ["kakotrack balance", "kakotrack balance --json"],
  async run(ctx, { globals, options }) {
    await withSession(ctx, globals, "read", (session) => {
      const balances = agentBalances(session.store.money.sums());
      ctx.stdout(
        options.json ? toJsonText(balancesJson(balances)) : renderBalances(balances, (t) => session.color.bold(t)),
      );
    });
  },
});

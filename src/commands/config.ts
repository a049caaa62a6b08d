import { UsageError } from "../errors.js";
import { SETTING_SPECS, settingSpec } from "../domain/settings.js";
import { sanitize } from "../ui/sanitize.js";
import { withSession } from "./shared/session.js";
import { defineCommand } from "./shared/spec.js";

const ACTIONS = ["get", "set", "unset", "list"];

export const config = defineCommand({
  name: "config",
  args: "<action> [key] [value]",
  argChoices: { action: ACTIONS, key: SETTING_SPECS.map((s) => s.key) },
  description: "get, set, unset or list settings: calendar, due-soon, escalation-followup, default-agent, default-currency, closures",
  options: {},
  examples: [
    "kakotrack config list",
    "kakotrack config set calendar weekdays",
    "kakotrack config set due-soon 3",
    "kakotrack config set closures 2026-12-24,2026-12-28..2026-12-31",
    "kakotrack config unset due-soon             # back to the default",
  ],
  async run(ctx, { globals, args: [action, key, value] }) {
    if (!ACTIONS.includes(action!)) throw new UsageError(`unknown config action "${action}" (use get, set, unset or list)`);
    if (action !== "list" && key === undefined) throw new UsageError(`config ${action} needs a setting name (see \`kakotrack config list\`)`);
    if (action === "set" && value === undefined) throw new UsageError(`config set ${key} needs a value`);
    if (action !== "set" && value !== undefined) throw new UsageError(`config ${action} takes no value`);
    if (action === "list" && key !== undefined) throw new UsageError(`config list takes no setting name`);
    const writes = action === "set" || action === "unset";
    const small = action === "list" ? await import("../ui/small-table.js") : undefined;
    await withSession(ctx, globals, writes ? "write" : "read", (session) => {
      const stored = session.store.getSettings();
      if (action === "list") {
        const rows = SETTING_SPECS.map((spec) => {
          const v = stored.get(spec.key);
          return [spec.key, v === undefined ? `${sanitize(spec.default) || "none"} (default)` : sanitize(v), spec.description];
        });
        ctx.stdout(small!.renderSmallTable(["setting", "value", "what it is"], rows, { width: ctx.columns, styleHead: (t) => session.color.bold(t) }));
        return;
      }
      const spec = settingSpec(key!);
      if (action === "get") {
        ctx.stdout(`${sanitize(stored.get(spec.key) ?? spec.default)}\n`);
        return;
      }
      if (action === "unset") {
        session.store.setSetting(spec.key, null);
        ctx.stdout(`${spec.key} = ${sanitize(spec.default)} (default)\n`);
        return;
      }
      const canonical = spec.parse(value!);
      session.store.setSetting(spec.key, canonical);
      ctx.stdout(`${spec.key} = ${sanitize(canonical)}\n`);
    });
  },
});

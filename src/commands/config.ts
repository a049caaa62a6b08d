import { UsageError } from "../errors.js";
import { SETTING_SPECS, settingSpec } from "../domain/settings.js";
import { sanitize } from "../ui/sanitize.js";
import { recordedAt, withSession } from "./shared/session.js";
import { defineCommand } from "./shared/spec.js";

const ACTIONS = ["get", "set", "unset", "list"];

export const config = defineCommand({
  name: "config",
  args: "<action> [key] [value]",
  description: "get, set, unset or list settings (calendar, due-soon, closures, message-lang, …); undo reverts a set or unset",
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
    await withSession(ctx, globals, writes ? "write" : "read", (session) => {
      const stored = session.store.getSettings();
      if (action === "list") {
        for (const spec of SETTING_SPECS) {
          const v = stored.get(spec.key);
          ctx.stdout(`${spec.key} = ${sanitize(v ?? spec.default)}${v === undefined ? " (default)" : ""}    # ${spec.description}\n`);
        }
        return;
      }
      const spec = settingSpec(key!);
      if (action === "get") {
        ctx.stdout(`${sanitize(stored.get(spec.key) ?? spec.default)}\n`);
        return;
      }
      if (action === "unset") {
        session.store.setSetting(spec.key, null, `unset of ${spec.key}`, recordedAt(ctx));
        ctx.stdout(`${spec.key} = ${sanitize(spec.default)} (default)\n`);
        return;
      }
      const canonical = spec.parse(value!);
      session.store.setSetting(spec.key, canonical, `setting of ${spec.key} to ${canonical}`, recordedAt(ctx));
      ctx.stdout(`${spec.key} = ${sanitize(canonical)}\n`);
    });
  },
});

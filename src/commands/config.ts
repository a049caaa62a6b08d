import type { Context } from "../context.js";
import { UsageError } from "../errors.js";
import { SETTING_SPECS, settingSpec } from "../domain/settings.js";
import { sanitize } from "../ui/sanitize.js";
import { type GlobalOptions, withSession } from "./session.js";

export async function config(
  ctx: Context,
  globals: GlobalOptions,
  action: string,
  key: string | undefined,
  value: string | undefined,
): Promise<void> {
  if (!["get", "set", "list"].includes(action)) {
    throw new UsageError(`unknown config action "${action}" (use get, set or list)`);
  }
  if (action !== "list" && key === undefined) throw new UsageError(`config ${action} needs a setting name (see \`kakotrack config list\`)`);
  if (action === "set" && value === undefined) throw new UsageError(`config set ${key} needs a value`);
  if (action !== "set" && value !== undefined) throw new UsageError(`config ${action} takes no value`);
  if (action === "list" && key !== undefined) throw new UsageError(`config list takes no setting name`);
  await withSession(ctx, globals, action === "set" ? "write" : "read", (session) => {
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
    const canonical = spec.parse(value!);
    session.store.setSetting(spec.key, canonical);
    ctx.stdout(`${spec.key} = ${sanitize(canonical)}\n`);
  });
}

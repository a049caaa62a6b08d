import { agentKey, parseAgent } from "../domain/case/agents.js";
import { agentSettingKey, SETTING_SPECS, settingRow, settingSpec, splitSettingKey } from "../domain/config/settings.js";
import { UsageError } from "../errors.js";
import { hint } from "../hints.js";
import { sanitize } from "../ui/sanitize.js";
import { hintAgent } from "./shared/case-fields.js";
import { recordedAt, withSession } from "./shared/session.js";
import { defineCommand, text } from "./shared/spec.js";

const ACTIONS = ["get", "set", "unset", "list"];
const PER_AGENT = SETTING_SPECS.filter((s) => s.perAgent).map((s) => s.key);
/** A secret's value as list and set show it (`config get KEY` prints it). */
const HIDDEN = "(hidden: `config get` shows it)";

export const config = defineCommand({
  argChoices: { action: ACTIONS, key: SETTING_SPECS.map((s) => s.key) },
  options: { agent: text("--agent <name>", `the value for one agent's cases (${PER_AGENT.join(", ")})`) },
  examples: [
    "kakotrack config list",
    "kakotrack config set calendar weekdays",
    "kakotrack config set due-soon 3",
    "kakotrack config set closures 2026-12-24,2026-12-28..2026-12-31",
    "kakotrack config set calendar-days all        # exchange days count through holiday breaks",
    "kakotrack config set return-window 96 --agent Mulebuy",
    "kakotrack config set refund-to original --agent CSSBuy",
    "kakotrack config unset due-soon             # back to the default",
  ],
  async run(ctx, { globals, args: [action, key, value], options }) {
    if (!ACTIONS.includes(action!))
      throw new UsageError(`unknown config action "${action}" (use get, set, unset or list)`);
    if (action !== "list" && key === undefined)
      throw new UsageError(`config ${action} needs a setting name (see ${hint.config("list")})`);
    if (action === "set" && value === undefined) throw new UsageError(`config set ${key} needs a value`);
    if (action !== "set" && value !== undefined) throw new UsageError(`config ${action} takes no value`);
    if (action === "list" && key !== undefined) throw new UsageError(`config list takes no setting name`);
    const agent = options.agent === undefined ? undefined : parseAgent(options.agent, "--agent");
    const writes = action === "set" || action === "unset";
    const small = action === "list" ? await import("../ui/small-table.js") : undefined;
    await withSession(ctx, globals, writes ? "write" : "read", (session) => {
      const stored = session.store.settings.all();
      if (action === "list") {
        const rows = agent === undefined ? listRows(stored) : agentListRows(stored, agent);
        ctx.stdout(
          small!.renderSmallTable(["setting", "value", "what it is"], rows, {
            width: ctx.columns,
            styleHead: (t) => session.color.bold(t),
          }),
        );
        return;
      }
      const spec = settingSpec(key!);
      if (agent !== undefined && !spec.perAgent) {
        throw new UsageError(`${spec.key} is one setting for every agent; --agent applies to ${PER_AGENT.join(", ")}`);
      }
      // A per-agent key matches the agent's name whatever its case, as cases do (list --agent).
      const own = agent === undefined ? undefined : agentKeys(stored, spec.key, agent);
      const global = stored.get(settingRow(spec)) ?? spec.default;
      if (action === "get") {
        const mine = own?.map((k) => stored.get(k)!)[0];
        ctx.stdout(`${sanitize(mine ?? global)}\n`);
        return;
      }
      const name = agent === undefined ? spec.key : agentSettingKey(spec.key, agent);
      const row = agent === undefined ? settingRow(spec) : name;
      const changes: Record<string, string | null> = {};
      for (const k of own ?? []) changes[k] = null;
      if (action === "unset") {
        changes[row] = null;
        session.store.settings.setMany(changes, `unset of ${name}`, recordedAt(ctx));
        const shown =
          agent === undefined
            ? `${spec.key} = ${sanitize(spec.default)} (default)`
            : `${sanitize(name)} removed: ${sanitize(agent)} uses ${spec.key} = ${sanitize(global)}`;
        ctx.stdout(`${shown}\n`);
        return;
      }
      const canonical = spec.parse(value!);
      changes[row] = canonical;
      // A token stays off the screen, undo's message included.
      session.store.settings.setMany(
        changes,
        spec.secret ? `setting of ${name}` : `setting of ${name} to ${canonical}`,
        recordedAt(ctx),
      );
      ctx.stdout(`${sanitize(name)} = ${spec.secret ? HIDDEN : sanitize(canonical)}\n`);
      if (agent !== undefined) hintAgent(session, agent, (known) => `${hint.undo()}, then --agent ${known}`);
    });
  },
});

/** The stored keys of one setting for one agent (any spelling of the name). */
function agentKeys(stored: ReadonlyMap<string, string>, key: string, agent: string): string[] {
  const wanted = agentKey(agent);
  return [...stored.keys()].filter((k) => {
    const split = splitSettingKey(k);
    return split.key === key && split.agent !== undefined && agentKey(split.agent) === wanted;
  });
}

/** Every global setting, then each per-agent value as its stored key (`return-window@Mulebuy = 96`). */
/** Every setting with its value and what it is, then the per-agent values: rows for one small table. */
function listRows(stored: ReadonlyMap<string, string>): string[][] {
  const rows = SETTING_SPECS.map((spec) => {
    const v = stored.get(settingRow(spec));
    const value =
      v === undefined ? `${sanitize(spec.default) || "none"} (default)` : spec.secret ? HIDDEN : sanitize(v);
    return [spec.key, value, `${spec.description}${spec.perAgent ? "; per agent with --agent" : ""}`];
  });
  const perAgent = [...stored]
    .filter(([k]) => splitSettingKey(k).agent !== undefined)
    .sort(([a], [b]) => a.localeCompare(b));
  for (const [k, v] of perAgent)
    rows.push([sanitize(k), sanitize(v), `for ${sanitize(splitSettingKey(k).agent!)}'s cases`]);
  return rows;
}

/** The per-agent settings as one agent's cases get them, saying where each value comes from. */
/** The settings that can differ by agent, as one agent's cases see them, and where each value comes from. */
function agentListRows(stored: ReadonlyMap<string, string>, agent: string): string[][] {
  return SETTING_SPECS.filter((s) => s.perAgent).map((spec) => {
    const own = agentKeys(stored, spec.key, agent)[0];
    const global = stored.get(spec.key);
    const [v, from] =
      own !== undefined
        ? [stored.get(own)!, sanitize(agent)]
        : global !== undefined
          ? [global, "global"]
          : [spec.default, "default"];
    return [spec.key, `${sanitize(v) || "none"} (${from})`, spec.description];
  });
}

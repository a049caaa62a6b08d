import { agentKey, canonicalAgent } from "../domain/case/agents.js";
import { STAGES } from "../domain/case/model.js";
import { parseChoice } from "../domain/case/parse.js";
import { sellerKey } from "../domain/case/records.js";
import { returnWindowText } from "../domain/deadlines/return-window.js";
import { caseJson } from "../ui/case-view.js";
import { renderList } from "../ui/list-table.js";
import { sanitize, toJsonText } from "../ui/sanitize.js";
import { caseReturnWindow, casesAsOf, withSession } from "./shared/session.js";
import { asOf, defineCommand, flag, text } from "./shared/spec.js";

export const list = defineCommand({
  options: {
    open: flag("--open", "open cases (default)"),
    closed: flag("--closed", "closed cases"),
    all: flag("--all", "every case"),
    agent: text("--agent <name>", "only this agent"),
    seller: text("--seller <name>", "only this seller (case and spaces ignored)"),
    stage: text("--stage <stage>", "only cases at this stage", STAGES),
    asOf: { ...asOf(), help: "the cases as they stood on this date (opened by then, at their stage then)" },
    json: flag("--json", "machine-readable output"),
    ids: flag("--ids", "only the ids, one a line (for scripts and shell completion)"),
  },
  examples: ['kakotrack list --all --seller "lucky store"', "kakotrack list --as-of 2026-11-01"],
  async run(ctx, { globals, options }) {
    const state: "open" | "closed" | "all" = options.all ? "all" : options.closed ? "closed" : "open";
    const stage = options.stage === undefined ? undefined : parseChoice(options.stage, STAGES, "--stage");
    await withSession(ctx, globals, "read", (session) => {
      const filter = {
        state,
        agent: options.agent === undefined ? undefined : canonicalAgent(options.agent),
        sellerKey: options.seller === undefined ? undefined : (sellerKey(options.seller) ?? ""),
        stage,
      };
      const rows =
        options.asOf >= ctx.today
          ? session.store.cases.list(filter)
          : casesAsOf(session, state, options.asOf).filter(
              (c) =>
                (filter.agent === undefined || agentKey(c.agent) === agentKey(filter.agent)) &&
                (filter.sellerKey === undefined || sellerKey(c.seller) === filter.sellerKey) &&
                (stage === undefined || c.stage === stage),
            );
      if (options.json) {
        ctx.stdout(
          toJsonText(rows.map((r) => caseJson(r, null, returnWindowText(caseReturnWindow(session.settings, r))))),
        );
        return;
      }
      if (options.ids) {
        ctx.stdout(rows.map((r) => `${r.id}\n`).join(""));
        return;
      }
      if (rows.length === 0) {
        ctx.stdout(`No ${state === "all" ? "" : `${state} `}cases match.\n`);
        return;
      }
      const table = renderList(
        rows.map((r) => ({
          ...r,
          agent: sanitize(r.agent),
          orderNo: sanitize(r.orderNo),
          item: sanitize(r.item),
          seller: sanitize(r.seller ?? ""),
          openedOn: r.stage === "spotted" ? "-" : r.openedOn, // no day 0 before the request
        })),
        ctx.columns,
        (t) => session.color.bold(t),
      );
      ctx.stdout(`${table}${rows.length} case${rows.length === 1 ? "" : "s"}.\n`);
    });
  },
});

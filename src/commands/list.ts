import type { Context } from "../context.js";
import { STAGES } from "../domain/model.js";
import { parseChoice } from "../domain/parse.js";
import { sellerKey } from "../store/store.js";
import { caseJson } from "../ui/case-view.js";
import { sanitize, toJsonText } from "../ui/sanitize.js";
import { renderTable } from "../ui/table.js";
import { type GlobalOptions, withSession } from "./session.js";

export interface ListOptions {
  open?: boolean;
  closed?: boolean;
  all?: boolean;
  agent?: string;
  seller?: string;
  stage?: string;
  json?: boolean;
}

export async function list(ctx: Context, globals: GlobalOptions, options: ListOptions): Promise<void> {
  await withSession(ctx, globals, "read", (session) => {
    const state = options.all ? "all" : options.closed ? "closed" : "open";
    const stage = options.stage === undefined ? undefined : parseChoice(options.stage, STAGES, "--stage");
    const rows = session.store.listCases({
      state,
      agent: options.agent,
      sellerKey: options.seller === undefined ? undefined : (sellerKey(options.seller) ?? ""),
      stage,
    });
    if (options.json) {
      ctx.stdout(toJsonText(rows.map((r) => caseJson(r, null))));
      return;
    }
    if (rows.length === 0) {
      ctx.stdout(`No ${state === "all" ? "" : `${state} `}cases match.\n`);
      return;
    }
    const table = renderTable(
      ["id", "agent", "order", "item", "seller", "resolution", "stage", "opened", "outcome"],
      rows.map((r) => [
        `#${r.id}`,
        sanitize(r.agent),
        sanitize(r.orderNo),
        sanitize(r.item),
        sanitize(r.seller ?? ""),
        r.resolution,
        r.stage,
        r.openedOn,
        r.outcome ?? "",
      ]),
      { maxWidths: [undefined, 14, 16, 28, 18], styleHead: (t) => session.color.bold(t) },
    );
    ctx.stdout(`${table}${rows.length} case${rows.length === 1 ? "" : "s"}.\n`);
  });
}

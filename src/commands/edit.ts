import type { Context } from "../context.js";
import { UsageError } from "../errors.js";
import type { NewCase, CaseRow } from "../store/store.js";
import { amountText } from "../ui/case-view.js";
import { sanitize } from "../ui/sanitize.js";
import { type AddOptions, buildCase, FIELDS, type Field, promptFields } from "./add.js";
import { type GlobalOptions, recordedAt, requireCase, withSession } from "./session.js";

export type EditOptions = Omit<AddOptions, "yes" | "evidence" | "note">;

/** Fields edit can change: all of add's but the first note (notes have their own command). */
const EDITABLE = FIELDS.filter((f) => f.field !== "note");

/** The case's current values as add's fields take them. */
function currentValues(row: CaseRow): Partial<Record<Field, string>> {
  return {
    agent: row.agent,
    order: row.orderNo,
    item: row.item,
    url: row.itemUrl ?? "",
    seller: row.seller ?? "",
    currency: row.currency,
    price: amountText(row.priceMinor, row.currency) ?? "",
    defect: row.defect,
    description: row.description,
    phase: row.phase,
    resolution: row.resolution,
    payment: row.payment,
    date: row.openedOn,
  };
}

/** Stored column -> the flag name the buyer knows it by. */
const COLUMNS: Partial<Record<keyof NewCase, string>> = {
  agent: "agent", orderNo: "order", item: "item", itemUrl: "url", seller: "seller", priceMinor: "price", currency: "currency",
  defect: "defect", description: "description", phase: "phase", resolution: "resolution", payment: "payment", openedOn: "date",
};

export async function edit(ctx: Context, globals: GlobalOptions, idText: string, options: EditOptions): Promise<void> {
  await withSession(ctx, globals, "write", async (session) => {
    const row = requireCase(session.store, idText);
    const current = currentValues(row);
    const given: Partial<Record<Field, string>> = {};
    for (const spec of EDITABLE) if (options[spec.field as keyof EditOptions] !== undefined) given[spec.field] = options[spec.field as keyof EditOptions];
    if (Object.keys(given).length === 0) {
      if (!ctx.interactive) {
        throw new UsageError(`nothing to change: give the fields as flags (e.g. \`kakotrack edit ${row.id} --item "black hoodie"\`)`);
      }
      await promptFields(given, session, EDITABLE, current);
    }
    const { input } = buildCase({ ...current, ...given }, session);
    const steps = session.store.getSteps(row.id);
    if (input.resolution !== row.resolution && steps.length > 1) {
      throw new UsageError(
        `case #${row.id} has moved past "requested" on the ${row.resolution} path; close it and add a new case to change what you ask for`,
      );
    }
    const firstMove = steps[1];
    if (firstMove && input.openedOn > firstMove.on) {
      throw new UsageError(`day 0 (${input.openedOn}) cannot be after the case reached ${firstMove.stage} on ${firstMove.on}`);
    }
    const updates: Partial<Record<keyof CaseRow, string | number | null>> = {};
    const diff: Record<string, [unknown, unknown]> = {};
    for (const [column, name] of Object.entries(COLUMNS) as Array<[keyof NewCase, string]>) {
      if (input[column] !== row[column]) {
        updates[column] = input[column];
        diff[name] =
          column === "priceMinor"
            ? [amountText(row.priceMinor, row.currency), amountText(input.priceMinor, input.currency)]
            : [row[column], input[column]];
      }
    }
    if (Object.keys(diff).length === 0) {
      ctx.stdout(`Nothing changed on case #${row.id}.\n`);
      return;
    }
    session.store.changeCase(
      row.id,
      {
        kind: "edit",
        summary: `edit of case #${row.id} (${Object.keys(diff).join(", ")})`,
        updates,
        events: [{ kind: "edit", stage: null, onDate: ctx.today, note: `corrected ${Object.keys(diff).join(", ")}`, amountMinor: null, data: JSON.stringify(diff) }],
      },
      recordedAt(ctx),
    );
    const shown = Object.entries(diff).map(([k, [a, b]]) => `${k}: ${sanitize(String(a ?? "-"))} → ${sanitize(String(b ?? "-"))}`);
    ctx.stdout(`Edited case #${row.id}: ${shown.join("; ")}.\n`);
  });
}

import { parseEventDate } from "../domain/parse.js";
import { sanitize } from "../ui/sanitize.js";
import { collectEvidence, evidenceEvents } from "./shared/evidence-intake.js";
import { recordedAt, requireCase, withSession } from "./shared/session.js";
import { date, defineCommand } from "./shared/spec.js";

export const evidence = defineCommand({
  name: "evidence",
  args: "<id> <file-or-url...>",
  description: "attach QC photos, screenshots, videos (copied into the evidence store) or links",
  options: { date: date("--date <date>", "when it was taken or received (default today; also yesterday, mon, 5 Nov)") },
  examples: ["kakotrack evidence 3 ~/Downloads/qc-1.jpg https://imgur.com/a/xyz"],
  async run(ctx, { globals, args: [idText, ...items], options }) {
    await withSession(ctx, globals, "write", (session) => {
      const row = requireCase(session.store, idText!);
      const on = parseEventDate(options.date ?? ctx.today, "--date", ctx.today, { date: row.openedOn, why: "the case opened" });
      const records = collectEvidence(session, items, on);
      session.store.cases.change(
        row.id,
        () => ({
          kind: "evidence",
          summary: `evidence on case #${row.id} (${records.length} item${records.length === 1 ? "" : "s"})`,
          evidence: records,
          events: evidenceEvents(records),
        }),
        recordedAt(ctx),
      );
      for (const r of records) {
        ctx.stdout(
          r.kind === "url"
            ? `Linked ${sanitize(r.name)} to case #${row.id}.\n`
            : `Stored ${sanitize(r.name)} (${r.size} bytes, sha256 ${r.sha256!.slice(0, 12)}…) for case #${row.id}.\n`,
        );
      }
    });
  },
});

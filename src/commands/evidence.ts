import { existsSync } from "node:fs";
import { type EvidenceIntake, sortOutEvidence } from "../domain/case/evidence.js";
import { parseEventDate } from "../domain/case/parse.js";
import { UsageError } from "../errors.js";
import { hint } from "../hints.js";
import { evidenceDir, storedFilePath } from "../store/evidence-files.js";
import { renderEvidenceList, storedCopyFix } from "../ui/evidence-view.js";
import { exportCaseFiles } from "./shared/case-files.js";
import {
  type CollectedEvidence,
  collectEvidence,
  evidenceEvents,
  keepStoredCopies,
  renderIntake,
} from "./shared/evidence-intake.js";
import { recordedAt, requireCase, withSession } from "./shared/session.js";
import { date, defineCommand, defineSubcommand, flag } from "./shared/spec.js";

/** `evidence export <id> <dir>`: the case's files under their original names. */
const evidenceExport = defineSubcommand({
  name: "export",
  args: "<id> <dir>",
  description: "copy a case's evidence files out under their original names (the folder is created if needed)",
  options: { force: flag("--force", "replace files of the same name that differ") },
  examples: ["kakotrack evidence export 3 ~/Desktop/case-3"],
  notes: "A file already there with the same content is left as it is; links are not files (see --list).",
  async run(ctx, { globals, args: [idText, dir], options }) {
    if (dir === "") throw new UsageError("evidence export needs a folder (e.g. ~/Desktop/case-3)");
    await withSession(ctx, globals, "read", (session) => {
      const row = requireCase(session.store, idText!);
      const result = exportCaseFiles(session, row.id, session.store.cases.evidence(row.id), dir!, options.force);
      ctx.stdout(result.report);
      for (const warning of result.warnings) ctx.stderr(warning);
    });
  },
});

export const evidence = defineCommand({
  options: {
    date: date("--date <date>", "when it was taken or received (default today; also yesterday, mon, 5 Nov)"),
    list: flag("--list", "list the case's evidence: original name, size and where the stored copy is"),
  },
  subcommands: [evidenceExport],
  examples: [
    "kakotrack evidence 3 ~/Downloads/qc-1.jpg https://imgur.com/a/xyz",
    "kakotrack evidence 3 --list",
    "kakotrack evidence export 3 ~/Desktop/case-3",
  ],
  notes: "A file the case already has (the same sha256) or a link it already has is not added again.",
  async run(ctx, { globals, args: [idText, ...items], options }) {
    if (items.length === 0 && !options.list) {
      throw new UsageError(
        `give the files or links to attach, or --list to see the case's evidence (${hint.usage("evidence")})`,
      );
    }
    await withSession(ctx, globals, items.length > 0 ? "write" : "read", (session) => {
      const { store } = session;
      const row = requireCase(store, idText!);
      if (items.length > 0) {
        const on = parseEventDate(options.date ?? ctx.today, "--date", ctx.today, {
          date: row.openedOn,
          why: "the case opened",
        });
        const collected = collectEvidence(session, items, on);
        let intake: EvidenceIntake<CollectedEvidence> = { added: [], already: [] };
        store.cases.change(
          row.id,
          (current) => {
            intake = sortOutEvidence(current.evidence, collected);
            const n = intake.added.length;
            if (n === 0) return null;
            keepStoredCopies(session, intake.added);
            return {
              kind: "evidence",
              summary: `evidence on case #${row.id} (${n} item${n === 1 ? "" : "s"})`,
              evidence: intake.added,
              events: evidenceEvents(intake.added),
            };
          },
          recordedAt(ctx),
        );
        ctx.stdout(renderIntake(intake, row.id));
        if (intake.added.length === 0) ctx.stdout("Nothing added.\n");
      }
      if (options.list) {
        const dir = evidenceDir(store.path);
        const lines = store.cases.evidence(row.id).map((e) => {
          const path = e.sha256 === null ? null : storedFilePath(store.path, e.sha256);
          const missingFix = path === null || existsSync(path) ? null : storedCopyFix(row.id, e.sha256!, dir);
          return { kind: e.kind, name: e.url ?? e.name, size: e.size, addedOn: e.addedOn, path, missingFix };
        });
        ctx.stdout(renderEvidenceList(row.id, lines));
      }
    });
  },
});

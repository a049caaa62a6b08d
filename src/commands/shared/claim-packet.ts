import pkg from "../../../package.json" with { type: "json" };
import type { CaseRecord } from "../../domain/case/records.js";
import { deadlines, evaluate } from "../../domain/deadlines/evaluate.js";
import { pausesOf } from "../../domain/deadlines/pauses.js";
import {
  caseFacts,
  type Dossier,
  type DossierEvidence,
  describeEvent,
  imageType,
  judgeDeadlines,
  packetName,
} from "../../domain/documents/dossier.js";
import type { MessageEvidence } from "../../domain/messages/messages.js";
import { withRefundsOf } from "../../domain/money/refunds.js";
import { hint } from "../../hints.js";
import { type PacketFile, writePacketFolder, writePacketZip } from "../../store/packet-files.js";
import { humanSize } from "../../ui/evidence-view.js";
import { renderDossierHtml } from "../../ui/packet/dossier-html.js";
import { renderDossierMarkdown } from "../../ui/packet/dossier-markdown.js";
import { sanitize } from "../../ui/sanitize.js";
import { caseFiles, readCaseFile } from "./case-files.js";
import { draftedMessages } from "./drafted-messages.js";
import { caseAsOf, recordedAt, type Session } from "./session.js";

/**
 * The claim packet of one case (issue 17 item 7): everything a support agent or a payment
 * provider's dispute form asks for, in one folder or zip:
 *   dossier.html   the dossier as one self-contained page
 *   dossier.md     the same in Markdown
 *   evidence/      the files under their original names
 *   SHA256SUMS     their sha256, as `sha256sum -c` reads them
 * Loaded only by `kakotrack packet` (it brings zlib and the renderers).
 */

export interface PacketOptions {
  asOf: string;
  out: string | undefined;
  zip: boolean;
  force: boolean;
}

/** The dossier and the packet's files: the case as it stood on `asOf`, read from the store. */
function assemble(
  session: Session,
  idText: string,
  asOf: string,
  warnings: string[],
): { row: CaseRecord; dossier: Dossier; files: PacketFile[]; sums: string[] } {
  const { settings } = session;
  const view = caseAsOf(session, idText, asOf);
  const { timeline, events: stored, evidence: records } = view;
  const { row, refunds } = withRefundsOf(view.row, stored); // the refunds paid by the as-of day
  const calendar = session.calendarFor(row.agent);
  const all = deadlines(timeline, calendar, settings);
  const pauses = pausesOf(timeline, calendar);
  const evaluation = evaluate(timeline, asOf, calendar, settings);
  const named = new Map(caseFiles(records).map((f) => [f.record.id, f]));
  // One name for a file throughout the packet (issue 26 item 8): the history's evidence entries
  // say the name the file has in evidence/, as the evidence list and the drafted messages do.
  const packetName = new Map([...named.values()].map((f) => [f.record.sha256, f.fileName]));
  const events = stored.map((e) => {
    const sha256 =
      e.kind === "evidence" && e.data !== null ? (JSON.parse(e.data) as { sha256?: string }).sha256 : undefined;
    const name = sha256 === undefined ? undefined : packetName.get(sha256);
    return name === undefined ? e : { ...e, note: name };
  });
  const files: PacketFile[] = [];
  const sums: string[] = [];
  const evidence: DossierEvidence[] = [];
  for (const rec of records) {
    const base = { originalName: rec.name, size: rec.size, sha256: rec.sha256, addedOn: rec.addedOn };
    if (rec.kind === "url") {
      evidence.push({ ...base, kind: "url", name: rec.url!, state: "link", path: null, image: null });
      continue;
    }
    const file = named.get(rec.id);
    if (file === undefined) continue; // the same content attached again (older databases): in the packet once
    const bytes = readCaseFile(session, row.id, file, warnings);
    if (typeof bytes === "string") {
      evidence.push({ ...base, kind: "file", name: file.fileName, state: bytes, path: null, image: null });
      continue;
    }
    const path = `evidence/${file.fileName}`;
    files.push({ path, data: bytes });
    sums.push(`${rec.sha256}  ${path}\n`);
    const type = imageType(bytes);
    evidence.push({
      ...base,
      kind: "file",
      name: file.fileName,
      state: "included",
      path,
      image: type === null ? null : { type, bytes },
    });
  }
  const attachable = evidence.flatMap((e): MessageEvidence[] =>
    e.state === "included"
      ? [{ kind: "file", name: e.name }]
      : e.state === "link"
        ? [{ kind: "link", url: e.name }]
        : [],
  );
  const dossier: Dossier = {
    record: row,
    asOf,
    day: evaluation.day,
    flag: row.outcome !== null ? "closed" : evaluation.flag,
    version: pkg.version,
    calendar: settings.calendar,
    provisional: evaluation.provisional,
    facts: caseFacts(row, refunds),
    timeline,
    deadlines: all,
    verdicts: judgeDeadlines(timeline, all, asOf, calendar, row.closedOn, pauses),
    pauses,
    history: events.map((e) => ({ on: e.onDate, recordedAt: e.recordedAt, ...describeEvent(e, row.currency) })),
    notes: events.flatMap((e) =>
      e.note !== null && (e.kind === "note" || e.kind === "opened") ? [{ on: e.onDate, text: e.note }] : [],
    ),
    evidence,
    messages: draftedMessages(session, row, evaluation, asOf, events, attachable),
  };
  return { row, dossier, files, sums };
}

/** Writes the packet of case `idText`; returns what to print on stdout and the warnings for stderr. */
export function writeClaimPacket(
  session: Session,
  idText: string,
  options: PacketOptions,
): { report: string; warnings: string[] } {
  const warnings: string[] = [];
  const { row, dossier, files, sums } = assemble(session, idText, options.asOf, warnings);
  const all: PacketFile[] = [
    { path: "dossier.html", data: renderDossierHtml(dossier) },
    { path: "dossier.md", data: renderDossierMarkdown(dossier) },
    ...files,
    { path: "SHA256SUMS", data: sums.join("") },
  ];
  const name = packetName(row.id, row.orderNo);
  const target = options.out ?? (options.zip ? `${name}.zip` : name);
  if (options.zip) writePacketZip(target, name, all, options.force, recordedAt(session.ctx));
  else writePacketFolder(target, all, options.force);

  const count = `${files.length} file${files.length === 1 ? "" : "s"}`;
  const size = humanSize(files.reduce((total, f) => total + f.data.length, 0));
  const where = options.zip ? `${sanitize(target)} (in its folder ${name}/)` : `${sanitize(target)}/`;
  const lines = [
    `Wrote the claim packet of case #${row.id} to ${where}:`,
    "  dossier.html  the dossier as one page: open it in a browser, print it to PDF for a dispute form",
    "  dossier.md    the same as Markdown",
    files.length === 0
      ? `  (no evidence files: attach QC photos with ${hint.evidence(row.id)} and the files)`
      : `  evidence/     ${count} under their original names (${size})`,
    `  SHA256SUMS    their sha256 (check them: sha256sum -c SHA256SUMS, inside the folder)`,
  ];
  return { report: `${lines.join("\n")}\n`, warnings };
}

import { pauseText } from "../../domain/deadlines/pauses.js";
import { type Dossier, VERDICT_WORDS } from "../../domain/documents/dossier.js";
import { humanSize } from "../evidence-view.js";
import { sanitizeMultiline } from "../sanitize.js";
import { renderTimeline } from "../timeline.js";
import { PROVISIONAL } from "./dossier-html.js";

/**
 * User text as Markdown that shows as typed: the characters Markdown (and the HTML it lets
 * through) would act on are backslash-escaped, controls shown escaped, and a line break
 * inside a table cell or list item kept as <br>.
 */
function md(text: string): string {
  return sanitizeMultiline(text)
    .replace(/[\\`*_{}[\]<>#|!~]/g, "\\$&")
    .replace(/\r?\n/g, "<br>");
}

/** A link's address as Markdown takes it inside (…): what would end or break it percent-encoded. */
function mdHref(url: string): string {
  return url.replace(/[\s()<>\\]/g, (c) => (c === "(" ? "%28" : c === ")" ? "%29" : encodeURIComponent(c)));
}

/** A fence longer than any run of backticks in the text, so the text cannot close it. */
function fenced(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  return `${fence}text\n${sanitizeMultiline(text)}\n${fence}`;
}

/** The dossier as Markdown: the same content as the page, readable as plain text too. */
export function renderDossierMarkdown(d: Dossier): string {
  const r = d.record;
  const out: string[] = [];
  out.push(`# Claim dossier: order ${md(r.orderNo)}, ${md(r.item)}`, "");
  out.push(
    `Case #${r.id} · ${r.resolution} · ${md(r.agent)} · judged as of ${d.asOf} (day ${d.day}) · ${d.flag} · ` +
      `written by kakotrack ${d.version}`,
    "",
  );

  out.push("## Case", "", "| | |", "|---|---|");
  for (const f of d.facts)
    out.push(`| ${f.label} | ${f.link ? `[${md(f.value)}](${mdHref(f.value)})` : md(f.value)} |`);

  out.push("", "## Timeline", "", "```text", renderTimeline(d.timeline, d.deadlines, d.asOf).trimEnd(), "```");
  if (d.provisional) out.push("", PROVISIONAL);

  out.push("", "## Deadlines", "");
  for (const p of d.pauses) out.push(`Deadlines paused ${pauseText(p)}.`, "");
  if (d.verdicts.length === 0) out.push("No deadline applies.");
  else
    out.push(
      "| Deadline | Due | Verdict |",
      "|---|---|---|",
      ...d.verdicts.map((v) => `| ${v.label} | ${v.due} | **${VERDICT_WORDS[v.verdict]}**: ${v.text} |`),
    );

  out.push("", "## History", "", "| Date | What happened | Note | Recorded |", "|---|---|---|---|");
  for (const e of d.history)
    out.push(`| ${e.on} | ${md(e.what)} | ${e.note === null ? "" : md(e.note)} | ${e.recordedAt.replace("T", " ")} |`);

  out.push("", "## Notes", "");
  if (d.notes.length === 0) out.push("No notes.");
  for (const n of d.notes) out.push(`- ${n.on}: ${md(n.text)}`);

  out.push("", "## Evidence", "");
  const files = d.evidence.filter((e) => e.kind === "file");
  const links = d.evidence.filter((e) => e.kind === "url");
  if (d.evidence.length === 0) out.push("No evidence attached.");
  if (files.length > 0) {
    out.push(
      "Files are in the `evidence` folder of this packet under their original names; `SHA256SUMS` lists their " +
        "sha256 (`sha256sum -c SHA256SUMS`).",
      "",
    );
    out.push("| File | Size | Added | sha256 |", "|---|---|---|---|");
    for (const e of files) {
      const name =
        e.path === null
          ? `${md(e.name)} (not in this packet: the stored copy is ${e.state})`
          : `[${md(e.name)}](${mdHref(e.path)})`;
      out.push(`| ${name} | ${humanSize(e.size!)} | ${e.addedOn} | \`${e.sha256}\` |`);
    }
    for (const e of files) if (e.image !== null) out.push("", `![${md(e.name)}](${mdHref(e.path!)})`);
  }
  if (links.length > 0)
    out.push("", "Links:", ...links.map((e) => `- ${e.addedOn}: [${md(e.name)}](${mdHref(e.name)})`));

  out.push("", "## Drafted messages", "");
  for (const m of d.messages) out.push(`### ${m.kind}: ${md(m.subject)}`, "", fenced(m.text), "");
  return `${out.join("\n").trimEnd()}\n`;
}

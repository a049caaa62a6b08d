import { pauseText } from "../../domain/deadlines/pauses.js";
import { type Dossier, type DossierEvidence, VERDICT_WORDS } from "../../domain/documents/dossier.js";
import { humanSize } from "../evidence-view.js";
import { sanitizeMultiline } from "../sanitize.js";
import { renderTimelineHtml, TIMELINE_CSS } from "./timeline-html.js";

/**
 * The dossier as one self-contained page: inline CSS, no script, and photos embedded as
 * data: URIs, so the file alone shows everything (sent by itself, opened from inside a zip,
 * printed to PDF for a dispute form). The Content-Security-Policy lets the page load nothing
 * but those images; links (the item, evidence links, the files beside the page) are only
 * followed when clicked. All user text is escaped.
 */

/** Said under both dossiers when a count went through a year the official schedule does not cover yet. */
export const PROVISIONAL =
  "Some business-day counts fall in a year whose official holiday schedule is not published yet: they use " +
  "kakotrack's provisional calendar and may move by a day.";

/** The page may load nothing but its embedded images, run no script and send no form. */
const POLICY = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/** Images above this size are linked to their file in the packet instead of embedded. */
export const MAX_EMBEDDED_BYTES = 8 * 1024 * 1024;

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text for HTML content and attribute values; controls and bidi overrides shown escaped. */
export function escapeHtml(text: string): string {
  return sanitizeMultiline(text).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** An http(s) link as a link; anything else stays text. */
function link(url: string, text = url): string {
  return /^https?:\/\//i.test(url)
    ? `<a href="${escapeHtml(url)}" rel="noreferrer noopener">${escapeHtml(text)}</a>`
    : escapeHtml(text);
}

/** A file beside the page, by its path in the packet. */
function fileHref(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

const CSS = `
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;background:#f4f5f7;color:#1f2937;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",
  "Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif}
main{max-width:1040px;margin:0 auto;padding:32px 40px 48px;background:#fff;min-height:100vh}
header{border-bottom:3px solid #1f2937;padding-bottom:16px;margin-bottom:8px}
.eyebrow{margin:0;text-transform:uppercase;letter-spacing:.08em;font-size:12px;color:#5b6470;font-weight:600}
h1{margin:4px 0 6px;font-size:28px;line-height:1.2}
.sub{margin:0;color:#374151}
.badges{margin-top:10px;display:flex;gap:8px;flex-wrap:wrap}
.badge{display:inline-block;padding:3px 10px;border-radius:999px;font-size:12.5px;font-weight:600;background:#eceef1;
  color:#1f2937}
.badge.bad{background:#fbe0e0;color:#9b1c1c}
.badge.good{background:#dcf3e3;color:#14532d}
.badge.warn{background:#fdebd3;color:#7c3d00}
h2{font-size:19px;margin:30px 0 10px;padding-bottom:4px;border-bottom:1px solid #d6dae0}
dl.facts{display:grid;grid-template-columns:190px 1fr;gap:6px 16px;margin:0}
dl.facts dt{color:#5b6470;font-weight:600}dl.facts dd{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
table{width:100%;border-collapse:collapse;font-size:14px}
th,td{text-align:left;vertical-align:top;padding:6px 10px 6px 0;border-bottom:1px solid #eceef1}
th{font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:#5b6470}
td.date{white-space:nowrap;font-variant-numeric:tabular-nums}
td.note{white-space:pre-wrap;overflow-wrap:anywhere;color:#374151}
.verdict{font-weight:700}
.v-met .verdict{color:#1a7f37}
.v-met-late .verdict{color:#b35900}
.v-missed .verdict{color:#c62828}
.v-refused .verdict{color:#b35900}
.v-paused .verdict,.v-not-reached .verdict{color:#6b7280}.v-pending .verdict{color:#0b5cad}
.muted{color:#5b6470}
code,.hash{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;overflow-wrap:anywhere}
.gallery{display:grid;grid-template-columns:repeat(auto-fill,minmax(300px,1fr));gap:16px;margin:10px 0 16px;
  align-items:start}
figure{margin:0;border:1px solid #d6dae0;border-radius:8px;overflow:hidden;background:#fafbfc;break-inside:avoid}
figure img{display:block;width:100%;max-height:360px;object-fit:contain;background:#fff}
figcaption{padding:8px 10px;font-size:13px}
.missing{color:#9b1c1c;font-weight:600}
article.message{border:1px solid #d6dae0;border-radius:8px;margin:12px 0;break-inside:avoid}
article.message h3{margin:0;padding:8px 12px;font-size:14px;background:#f4f5f7;border-bottom:1px solid #d6dae0}
article.message pre{margin:0;padding:12px;white-space:pre-wrap;overflow-wrap:anywhere;font:13px/1.5 ui-monospace,
  SFMono-Regular,Menlo,Consolas,monospace}
footer{margin-top:36px;padding-top:10px;border-top:1px solid #d6dae0;font-size:12.5px;color:#5b6470}
@media print{body{background:#fff}main{padding:0;max-width:none}h2{break-after:avoid}}
${TIMELINE_CSS}`;

/** A table with a heading row. */
function table(headings: readonly string[], rows: string): string {
  const head = headings.map((h) => `<th>${h}</th>`).join("");
  return `<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
}

function evidenceFigure(e: DossierEvidence): string {
  const meta = `${humanSize(e.size!)} · added ${e.addedOn}<br><span class="hash">sha256 ${e.sha256}</span>`;
  if (e.path === null) {
    return (
      `<figure><figcaption><b>${escapeHtml(e.name)}</b> <span class="missing">not in this packet: the stored ` +
      `copy is ${e.state}</span><br>${meta}</figcaption></figure>`
    );
  }
  const name = `<a href="${fileHref(e.path)}">${escapeHtml(e.name)}</a>`;
  const embedded = e.image !== null && e.image.bytes.length <= MAX_EMBEDDED_BYTES;
  const picture = embedded
    ? `<img src="data:${e.image!.type};base64,${Buffer.from(e.image!.bytes).toString("base64")}" ` +
      `alt="${escapeHtml(e.name)}">`
    : "";
  const where = embedded ? "" : `<br><span class="muted">open it from the evidence folder of this packet</span>`;
  return `<figure>${picture}<figcaption><b>${name}</b><br>${meta}${where}</figcaption></figure>`;
}

/** The page. */
export function renderDossierHtml(d: Dossier): string {
  const r = d.record;
  const e = escapeHtml;
  const missed = d.verdicts.filter((v) => v.verdict === "missed" || v.verdict === "met-late").length;
  const badges = [
    `<span class="badge">${e(r.stage)}</span>`,
    `<span class="badge ${d.flag === "overdue" ? "bad" : d.flag === "closed" ? "good" : ""}">${e(d.flag)}</span>`,
    `<span class="badge">day ${d.day}</span>`,
    `<span class="badge ${missed > 0 ? "bad" : "good"}">${missed} of ${d.verdicts.length} deadlines missed or met ` +
      `late</span>`,
  ];
  const facts = d.facts.map((f) => `<dt>${e(f.label)}</dt><dd>${f.link ? link(f.value) : e(f.value)}</dd>`).join("");
  const paused = d.pauses.map((p) => `<p class="muted">Deadlines paused ${e(pauseText(p))}.</p>`).join("");
  const deadlines =
    paused +
    (d.verdicts.length === 0
      ? `<p class="muted">No deadline applies.</p>`
      : table(
          ["Deadline", "Due", "Verdict"],
          d.verdicts
            .map(
              (v) =>
                `<tr class="v-${v.verdict}"><td>${e(v.label)}</td><td class="date">${v.due}</td>` +
                `<td><span class="verdict">${VERDICT_WORDS[v.verdict]}</span> · ${e(v.text)}</td></tr>`,
            )
            .join(""),
        ));
  const historyRows = d.history
    .map(
      (h) =>
        `<tr><td class="date">${h.on}</td><td>${e(h.what)}</td><td ` +
        `class="note">${h.note === null ? "" : e(h.note)}</td><td class="date ` +
        `muted">${e(h.recordedAt.replace("T", " "))}</td></tr>`,
    )
    .join("");
  const noteRows = d.notes.map((n) => `<tr><td class="date">${n.on}</td><td class="note">${e(n.text)}</td></tr>`);
  const notes =
    d.notes.length === 0 ? `<p class="muted">No notes.</p>` : `<table><tbody>${noteRows.join("")}</tbody></table>`;
  const files = d.evidence.filter((x) => x.kind === "file");
  const links = d.evidence.filter((x) => x.kind === "url");
  const evidence = [
    d.evidence.length === 0 ? `<p class="muted">No evidence attached.</p>` : "",
    files.length > 0
      ? `<p>The files are in the <code>evidence</code> folder beside this page, under their original names; ` +
        `<code>SHA256SUMS</code> lists their sha256.</p>` +
        `<div class="gallery">${files.map(evidenceFigure).join("")}</div>`
      : "",
    links.length > 0
      ? `<h3>Links</h3><ul>${links.map((x) => `<li>${x.addedOn}: ${link(x.name)}</li>`).join("")}</ul>`
      : "",
  ].join("");
  const messages = d.messages
    .map((m) => `<article class="message"><h3>${e(m.kind)}: ${e(m.subject)}</h3><pre>${e(m.text)}</pre></article>`)
    .join("");
  const history = table(["Date", "What happened", "Note", "Recorded"], historyRows);
  const counted =
    d.calendar === "cn"
      ? "on China's official calendar (public holidays off, make-up working days on)"
      : "Monday to Friday";
  const footer =
    `Written by kakotrack ${e(d.version)} from the buyer's own record. Dates are the buyer's local dates; business ` +
    `days are counted ${counted}.${d.provisional ? ` ${PROVISIONAL}` : ""}`;
  const title = `Order ${r.orderNo}: ${r.item}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${POLICY}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(`Claim dossier · ${title}`)}</title>
<style>${CSS}</style>
</head>
<body>
<main>
<header>
<p class="eyebrow">Claim dossier · case #${r.id}</p>
<h1>${e(title)}</h1>
<p class="sub">${e(r.resolution)} requested from ${e(r.agent)} on ${r.openedOn} · judged as of ${d.asOf}</p>
<div class="badges">${badges.join("")}</div>
</header>
<section id="case"><h2>Case</h2><dl class="facts">${facts}</dl></section>
<section id="timeline"><h2>Timeline</h2>${renderTimelineHtml(d, e)}</section>
<section id="deadlines"><h2>Deadlines met and missed</h2>${deadlines}</section>
<section id="history"><h2>History</h2>${history}</section>
<section id="notes"><h2>Notes</h2>${notes}</section>
<section id="evidence"><h2>Evidence</h2>${evidence}</section>
<section id="messages"><h2>Drafted messages</h2>${messages}</section>
<footer>${footer}</footer>
</main>
</body>
</html>
`;
}

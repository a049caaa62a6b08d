import { unitText } from "../../domain/deadlines/reasons.js";
import { type DeadlineVerdict, type Dossier, VERDICT_WORDS } from "../../domain/documents/dossier.js";
import { daysBetween } from "../../domain/time/dates.js";
import { timelineSpan } from "../timeline.js";

/**
 * The timeline picture of `show` (src/ui/timeline.ts) drawn in HTML and CSS, on the same
 * scale: one row a deadline, its expected window as a bar from day 0 (or the escalation) to
 * the due date, where it was met (●), how long it ran overdue (hatched), what happened
 * (numbered dots, listed below) and the as-of date (a line across every row).
 */

/** Tick steps a reader counts in: days, weeks, months. */
const STEPS = [1, 2, 7, 14, 28, 56, 91, 182, 364];

export const TIMELINE_CSS = `
.tl{margin:12px 0 4px;font-size:13px}
.tl-row{display:grid;grid-template-columns:230px 1fr;align-items:center;min-height:34px;border-top:1px solid #eceef1}
.tl-row:first-child{border-top:0}
.tl-label{padding:4px 12px 4px 0;line-height:1.25}
.tl-label small{display:block;color:#5b6470;font-size:11.5px}
.tl-track{position:relative;height:100%;min-height:34px}
.tl-axis .tl-track{height:42px;border-bottom:2px solid #9aa3ad}
.tick{position:absolute;bottom:4px;transform:translateX(-50%);font-size:11px;color:#5b6470;white-space:nowrap}
.tick::after{content:"";position:absolute;left:50%;bottom:-6px;height:6px;border-left:1px solid #9aa3ad}
.bar{position:absolute;top:12px;height:10px;border-radius:5px;background:var(--tint);border:1px solid var(--c)}
.over{position:absolute;top:12px;height:10px;background:repeating-linear-gradient(135deg,var(--c) 0 3px,
  transparent 3px 6px);opacity:.55}
.due{position:absolute;top:7px;width:2px;height:20px;background:var(--c);transform:translateX(-1px)}
.met{position:absolute;top:10px;width:14px;height:14px;border-radius:50%;background:var(--c);border:2px solid #fff;
  transform:translateX(-7px);box-shadow:0 0 0 1px var(--c)}
.asof{position:absolute;top:0;bottom:0;border-left:2px dashed #7c3aed}
.asof-label{position:absolute;top:0;font-size:11px;font-weight:600;color:#7c3aed;white-space:nowrap;background:#fff;
  padding:0 3px}
.step{position:absolute;width:20px;height:20px;border-radius:50%;background:#1f2937;color:#fff;font-size:11px;
  font-weight:700;line-height:20px;text-align:center;transform:translateX(-10px)}
.tl-legend{columns:2;margin:8px 0 0 230px;padding:0;list-style:none;font-size:12.5px}
.tl-legend li{margin:0 0 3px}
.tl-legend b{display:inline-block;width:18px;height:18px;border-radius:50%;background:#1f2937;color:#fff;
  text-align:center;font-size:11px;line-height:18px;margin-right:6px}
.v-met{--c:#1a7f37;--tint:#dcf3e3}.v-met-late{--c:#b35900;--tint:#fdebd3}.v-missed{--c:#c62828;--tint:#fbe0e0}
.v-not-reached,.v-paused{--c:#6b7280;--tint:#eceef1}.v-pending{--c:#0b5cad;--tint:#dde9f7}
@media (max-width:700px){.tl-row{grid-template-columns:140px 1fr}.tl-legend{margin-left:0;columns:1}}
`;

/** A verdict in a few words, for the row's label (the deadlines table has the sentence). */
function shortVerdict(v: DeadlineVerdict): string {
  const late = unitText(v.late, v.unit);
  switch (v.verdict) {
    case "met":
      return `met ${v.metOn} · due ${v.due}`;
    case "met-late":
      return `met ${v.metOn}, ${late} late`;
    case "missed":
      return `missed · due ${v.due}, ${late} over`;
    default:
      return `${VERDICT_WORDS[v.verdict]} · due ${v.due}`;
  }
}

/** The picture; `esc` escapes text for HTML. */
export function renderTimelineHtml(d: Dossier, esc: (text: string) => string): string {
  const t = d.timeline;
  const asOfDay = daysBetween(t.openedOn, d.asOf);
  // The picture reaches the as-of date, so that how long a deadline has run over shows,
  // unless that would squeeze the expected windows to under half of it.
  const expected = timelineSpan(t, d.deadlines);
  const span = asOfDay <= 2 * expected ? Math.max(expected, asOfDay) : expected;
  const pct = (day: number) => `${((Math.min(Math.max(day, 0), span) * 100) / span).toFixed(2)}%`;
  const asOf = `<div class="asof" style="left:${pct(asOfDay)}"></div>`;

  const every = STEPS.find((s) => span / s <= 9) ?? STEPS[STEPS.length - 1]!;
  const ticks: string[] = [];
  for (let day = 0; day <= span; day += every)
    ticks.push(`<span class="tick" style="left:${pct(day)}">day ${day}</span>`);
  const beyond = asOfDay > span ? ` (day ${asOfDay} →)` : "";
  // Near an edge the label is set against the line rather than centred on it, to stay inside.
  const place =
    asOfDay > 0.8 * span
      ? "translateX(calc(-100% + 1px))"
      : asOfDay < 0.2 * span
        ? "translateX(-1px)"
        : "translateX(-50%)";
  const axis =
    `<div class="tl-row tl-axis"><div class="tl-label"><small>day 0 = ${t.openedOn}</small></div><div ` +
    `class="tl-track">${ticks.join("")}<span class="asof-label" style="left:${pct(asOfDay)};transform:${place}">` +
    `as of ${d.asOf}${beyond}</span></div></div>`;

  const rows = d.verdicts.map((v) => {
    const width = (from: number, to: number) => `left:${pct(from)};width:calc(${pct(to)} - ${pct(from)})`;
    // The stretch past the due date: until it was met late, or until now (or the closing) when missed.
    const end =
      v.verdict === "missed"
        ? daysBetween(t.openedOn, d.record.closedOn ?? d.asOf)
        : v.verdict === "met-late"
          ? daysBetween(t.openedOn, v.metOn!)
          : v.dueDay;
    const parts = [
      `<div class="bar" style="${width(v.fromDay, v.dueDay)}"></div>`,
      end > v.dueDay ? `<div class="over" style="${width(v.dueDay, end)}"></div>` : "",
      `<div class="due" style="left:${pct(v.dueDay)}" title="due ${v.due}"></div>`,
      v.metOn === null
        ? ""
        : `<div class="met" style="left:${pct(daysBetween(t.openedOn, v.metOn))}" title="met ${v.metOn}"></div>`,
      asOf,
    ];
    return (
      `<div class="tl-row v-${v.verdict}"><div ` +
      `class="tl-label">${esc(v.label)}<small>${shortVerdict(v)}</small></div><div ` +
      `class="tl-track">${parts.join("")}</div></div>`
    );
  });

  // Steps on one day stack upwards instead of hiding each other.
  const perDay = new Map<number, number>();
  const dots = t.steps.map((s, i) => {
    const day = daysBetween(t.openedOn, s.on);
    const level = perDay.get(day) ?? 0;
    perDay.set(day, level + 1);
    return (
      `<span class="step" style="left:${pct(day)};top:${7 + level * 22}px" ` +
      `title="${esc(`${s.on} ${s.stage}`)}">${i + 1}</span>`
    );
  });
  const height = 34 + 22 * (Math.max(1, ...perDay.values()) - 1);
  const steps =
    `<div class="tl-row"><div class="tl-label">what happened<small>numbered below</small></div><div ` +
    `class="tl-track" style="height:${height}px">${dots.join("")}${asOf}</div></div>`;
  const legend = t.steps.map((s, i) => `<li><b>${i + 1}</b>${s.on} ${esc(s.stage)}</li>`).join("");
  return (
    `<div class="tl" role="img" aria-label="timeline of the case from day 0 to day ` +
    `${span}">${axis}${rows.join("")}${steps}</div><ol class="tl-legend">${legend}</ol>`
  );
}

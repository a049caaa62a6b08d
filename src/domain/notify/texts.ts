import { hint, unquoted } from "../../hints.js";
import { ALERT_FLAGS, type Alert, type AlertFlag, type JudgedCase, mostPressing } from "./alerts.js";

/** One message to send: what every channel shows, and the JSON a webhook posts. */
export interface Notification {
  /** The alerts it carries: marked sent when its channel accepts it. */
  alerts: Alert[];
  title: string;
  message: string;
  /** ntfy's priority: high for what is late or about to be. */
  priority: "high" | "default";
  /** ntfy's tags (emoji short codes). */
  tags: string[];
  json: Record<string, unknown>;
}

/** A flag in a title's words, ntfy's tag for it, and whether it is high priority: one row a flag. */
const FLAG_WORDS: Record<AlertFlag, { words: string; tag: string; high: boolean }> = {
  overdue: { words: "overdue", tag: "warning", high: true },
  "window-closed": { words: "return window closed", tag: "hourglass", high: true },
  "window-closing": { words: "return window closing", tag: "hourglass", high: true },
  action: { words: "your move", tag: "point_right", high: false },
  "due-soon": { words: "due soon", tag: "calendar", high: false },
};

const alertJson = (a: Alert) => ({
  flag: a.flag,
  deadline: a.deadline,
  due: a.due,
  late: a.late,
  lateUnit: a.lateUnit,
  reason: a.reason,
});

/** One case's new alerts as one notification: the order and item, what is late, the next step. */
export function caseNotification(c: JudgedCase, alerts: readonly Alert[]): Notification {
  const top = mostPressing(alerts);
  const title = `#${c.id} ${c.orderNo} ${c.item}: ${FLAG_WORDS[top.flag].words}`;
  const message = [...alerts.map((a) => a.reason), `Next: ${c.nextStep}`].join("\n");
  return {
    alerts: [...alerts],
    title,
    message,
    priority: alerts.some((a) => FLAG_WORDS[a.flag].high) ? "high" : "default",
    tags: [...new Set(alerts.map((a) => FLAG_WORDS[a.flag].tag))],
    json: {
      kind: "case",
      caseId: c.id,
      agent: c.agent,
      orderNo: c.orderNo,
      item: c.item,
      stage: c.stage,
      ...alertJson(top),
      nextStep: c.nextStep,
      alerts: alerts.map(alertJson),
      title,
      message,
    },
  };
}

/** More than `notify-max` notifications in one run: one summary instead, carrying all their alerts. */
export function summaryNotification(notes: readonly Notification[], shown: number): Notification {
  const counts = new Map<AlertFlag, number>();
  // Cases by their most pressing alert, so the counts add up to the cases.
  for (const n of notes) {
    const flag = mostPressing(n.alerts).flag;
    counts.set(flag, (counts.get(flag) ?? 0) + 1);
  }
  const tally = ALERT_FLAGS.filter((f) => counts.has(f))
    .map((f) => `${counts.get(f)} ${FLAG_WORDS[f].words}`)
    .join(", ");
  const lines = notes.slice(0, shown).map((n) => n.title);
  if (notes.length > shown) lines.push(`… and ${notes.length - shown} more`);
  const title = `kakotrack: ${notes.length} cases need attention`;
  const message = [tally, ...lines, `See them all: ${unquoted(hint.status())}`].join("\n");
  return {
    alerts: notes.flatMap((n) => n.alerts),
    title,
    message,
    priority: notes.some((n) => n.priority === "high") ? "high" : "default",
    tags: ["bell"],
    json: { kind: "summary", title, message, cases: notes.map((n) => n.json) },
  };
}

/** `notify --test`: one harmless message, to see that a channel reaches you. */
export function testNotification(now: string): Notification {
  const title = "kakotrack: test notification";
  const message = `If you can read this, kakotrack's reminders reach you here (sent ${now.replace("T", " ")}).`;
  return { alerts: [], title, message, priority: "default", tags: ["bell"], json: { kind: "test", title, message } };
}

/**
 * What one channel sends this run: one notification per case with new alerts, most pressing
 * first; over `max`, one summary (its first `max` titles listed).
 */
export function planNotifications(
  cases: ReadonlyMap<number, JudgedCase>,
  alerts: readonly Alert[],
  max: number,
): Notification[] {
  const byCase = new Map<number, Alert[]>();
  for (const a of alerts) byCase.set(a.caseId, [...(byCase.get(a.caseId) ?? []), a]);
  const rank = (n: Notification): number => ALERT_FLAGS.indexOf(mostPressing(n.alerts).flag);
  const notes = [...byCase].map(([id, own]) => caseNotification(cases.get(id)!, own));
  notes.sort((a, b) => rank(a) - rank(b) || a.alerts[0]!.caseId - b.alerts[0]!.caseId);
  return notes.length > max ? [summaryNotification(notes, max)] : notes;
}

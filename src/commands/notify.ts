import { randomUUID } from "node:crypto";
import { resolve } from "node:path";
import { type Channel, ChannelError, reasonOf } from "../channels/channel.js";
import { configuredChannels } from "../channels/configured.js";
import { resolveDbPath } from "../context.js";
import type { Stage } from "../domain/case/model.js";
import { toTimeline } from "../domain/case/records.js";
import { evaluate } from "../domain/deadlines/evaluate.js";
import { type Alert, caseAlerts, type JudgedCase } from "../domain/notify/alerts.js";
import { notifyConfig } from "../domain/notify/config.js";
import { renderSchedule } from "../domain/notify/schedule.js";
import { type Notification, planNotifications, testNotification } from "../domain/notify/texts.js";
import { UsageError } from "../errors.js";
import { hint } from "../hints.js";
import { type ChannelAlert, NotificationState } from "../store/notifications.js";
import { nextStep } from "../ui/next-step.js";
import { sanitize, sanitizeMultiline } from "../ui/sanitize.js";
import { asOfMoment, caseReturnWindow, casesAsOf, type Session, withSession } from "./shared/session.js";
import { asOf, defineCommand, flag } from "./shared/spec.js";

/** A run's claim on what it sends outlives the slowest run: every channel timing out on every notification. */
const LEASE_MS = 30 * 60_000;

export const notify = defineCommand({
  options: {
    dryRun: flag("--dry-run", "print what would be sent; send nothing and record nothing"),
    test: flag("--test", "send one test notification to every channel"),
    schedule: flag(
      "--schedule",
      "print a crontab line, a systemd timer and a launchd plist that run notify hourly (not installed)",
    ),
    asOf: asOf(),
  },
  examples: [
    "kakotrack notify --test   # after: kakotrack config set notify.ntfy https://ntfy.sh/TOPIC",
    "kakotrack notify --dry-run",
    "kakotrack notify          # from cron: what changed since the last run",
    "kakotrack notify --schedule",
  ],
  notes:
    "Channels: config set notify.desktop on | notify.ntfy URL (notify.ntfy-token TOKEN) | notify.apprise URL... | " +
    "notify.webhook URL.\n" +
    "Each alert (a deadline overdue or due soon, your move, a return window closing or closed) is sent once per " +
    "channel;\n" +
    "a channel that fails keeps its alerts for the next run (exit 3).",
  async run(ctx, { globals, options }) {
    if (options.schedule) {
      const db = resolve(resolveDbPath(globals.db, ctx.env));
      ctx.stdout(
        sanitizeMultiline(
          renderSchedule({
            node: process.execPath,
            bin: resolve(process.argv[1] ?? "kakotrack"),
            db,
            home: ctx.env.HOME ?? "~",
          }),
        ),
      );
      return;
    }
    await withSession(ctx, globals, options.dryRun ? "read" : "write", async (session) => {
      const config = notifyConfig(session.store.settings.all());
      const channels = configuredChannels(config, process.platform, ctx.env);
      if (channels.length === 0 && !options.dryRun) {
        throw new UsageError(
          `no channel to notify through; set one, e.g. ${hint.config("set notify.ntfy https://ntfy.sh/YOUR-TOPIC")} ` +
            `(${hint.help("notify")} lists them)`,
        );
      }
      if (options.test) return sendTest(session, channels, options.dryRun);
      const cases = judgeCases(session, options.asOf);
      const alerts = [...cases.values()].flatMap((c) => caseAlerts(c, config.windowHours));
      const state = session.store.repository(NotificationState);
      const plan = (channel: string, mine: readonly ChannelAlert[]): Notification[] =>
        planNotifications(
          cases,
          alerts.filter((a) => mine.some((m) => m.channel === channel && sameAlert(a, m))),
          config.max,
        );
      if (options.dryRun) {
        const names = channels.map((c) => c.name);
        const unsent = state.unsent(alerts, names.length > 0 ? names : ["none"]);
        return printDryRun(session, names, (name) => plan(name, unsent), options.asOf);
      }
      const owner = `${process.pid}-${randomUUID()}`;
      const now = Date.parse(ctx.utcNow());
      const claimed = state.claim(
        alerts,
        channels.map((c) => c.name),
        owner,
        ctx.utcNow(),
        new Date(now + LEASE_MS).toISOString(),
      );
      const failed: string[] = [];
      let sent = 0;
      for (const channel of channels) {
        const notes = plan(channel.name, claimed);
        for (let i = 0; i < notes.length; i++) {
          const note = notes[i]!;
          try {
            await channel.send(note);
          } catch (error) {
            // The receiver is down or the program missing: the rest would fail alike. All stay unsent.
            const left = notes.slice(i);
            state.settle(
              left.flatMap((n) => channelAlerts(n, channel.name)),
              owner,
              null,
            );
            ctx.stderr(
              `kakotrack: ${channel.name}: ${sanitize(reasonOf(error))}; ${left.length} ` +
                `notification${left.length === 1 ? "" : "s"} left unsent for the next run\n`,
            );
            failed.push(channel.name);
            break;
          }
          state.settle(channelAlerts(note, channel.name), owner, ctx.utcNow());
          ctx.stdout(`Sent to ${channel.name}: ${sanitize(note.title)}\n`);
          sent++;
        }
      }
      if (sent === 0 && failed.length === 0) ctx.stdout(`Nothing new to send (as of ${options.asOf}).\n`);
      if (failed.length > 0) throw channelFailure(failed);
    });
  },
});

const sameAlert = (a: Alert, b: ChannelAlert): boolean =>
  a.caseId === b.caseId && a.deadline === b.deadline && a.flag === b.flag;

const channelAlerts = (n: Notification, channel: string): ChannelAlert[] =>
  n.alerts.map((a) => ({ caseId: a.caseId, deadline: a.deadline, flag: a.flag, channel }));

function channelFailure(failed: readonly string[]): ChannelError {
  return new ChannelError(
    `could not send through ${failed.join(", ")}; fix it (${hint.notify("--test")} checks), and the next run ` +
      `sends what is unsent`,
  );
}

/** Every open case as of the date, judged as status judges it, with its next step. */
function judgeCases(session: Session, asOf: string): Map<number, JudgedCase> {
  const moment = asOfMoment(session.ctx, asOf);
  const judged = new Map<number, JudgedCase>();
  for (const row of casesAsOf(session, "open", asOf)) {
    const timeline = toTimeline(row, row.steps, caseReturnWindow(session.settings, row));
    const evaluation = evaluate(timeline, asOf, session.calendarFor(row.agent), session.settings, moment);
    judged.set(row.id, {
      id: row.id,
      agent: row.agent,
      orderNo: row.orderNo,
      item: row.item,
      stage: row.stage,
      evaluation,
      nextStep: nextStep({ ...row, stage: row.stage as Stage }, evaluation),
    });
  }
  return judged;
}

/** What each channel would get, channels with the same notifications together. */
function printDryRun(
  session: Session,
  names: readonly string[],
  plan: (channel: string) => Notification[],
  asOf: string,
): void {
  const out = session.ctx.stdout;
  const groups = new Map<string, { channels: string[]; notes: Notification[] }>();
  for (const name of names.length > 0 ? names : ["none"]) {
    const notes = plan(name);
    const key = notes.map((n) => `${n.title}\n${n.message}`).join("\n\n");
    const group = groups.get(key) ?? { channels: [], notes };
    group.channels.push(name);
    groups.set(key, group);
  }
  for (const { channels, notes } of groups.values()) {
    const to = names.length === 0 ? "" : ` to ${channels.join(", ")}`;
    if (names.length === 0) out(`No channel is set (${hint.help("notify")} lists them).\n`);
    if (notes.length === 0) {
      out(`Nothing new to send${to} (as of ${asOf}).\n`);
      continue;
    }
    out(
      `Would send ${notes.length} notification${notes.length === 1 ? "" : "s"}${to} (dry run: nothing sent or ` +
        `recorded):\n`,
    );
    for (const n of notes)
      out(
        `\n${sanitize(n.title)}${n.priority === "high" ? " [high]" : ""}\n` +
          `${sanitizeMultiline(n.message).replace(/^/gm, "  ")}\n`,
      );
  }
}

/** `--test`: one notification to every channel, each named with its result. */
async function sendTest(session: Session, channels: readonly Channel[], dryRun: boolean): Promise<void> {
  const { ctx } = session;
  const note = testNotification(ctx.now);
  if (dryRun) {
    ctx.stdout(
      `Would send a test notification to ${channels.map((c) => c.name).join(", ") || "no channel (none is set)"}.\n`,
    );
    return;
  }
  const failed: string[] = [];
  for (const channel of channels) {
    try {
      await channel.send(note);
      ctx.stdout(`Sent a test notification to ${channel.name}.\n`);
    } catch (error) {
      ctx.stderr(`kakotrack: ${channel.name}: ${sanitize(reasonOf(error))}\n`);
      failed.push(channel.name);
    }
  }
  if (failed.length > 0) throw channelFailure(failed);
}

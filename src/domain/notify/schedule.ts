/**
 * `notify --schedule` (issue 27): ready-to-paste snippets that run `kakotrack notify` hourly
 * with this database, by absolute paths (cron, systemd and launchd start with a bare PATH and
 * no shell profile). Printed, never installed.
 */
export interface ScheduleInput {
  /** The node that runs kakotrack now. */
  node: string;
  /** bin/kakotrack.js. */
  bin: string;
  /** The database, absolute. */
  db: string;
  /** The home folder, for launchd's log file (plists expand no ~). */
  home: string;
}

/** A word for sh: single-quoted; cron also reads % as a newline, so it is escaped there. */
const shWord = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`.replace(/%/g, "\\%");
/** A word for systemd's ExecStart and Environment: double-quoted, with its % specifiers and $ expansion escaped. */
const unitWord = (text: string): string =>
  `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/%/g, "%%").replace(/\$/g, "$$$$")}"`;
const xml = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function renderSchedule(i: ScheduleInput): string {
  const crontab = [
    "# 1. cron (`crontab -e`): every hour at :17; stdout dropped, errors mailed by cron.",
    "#    For desktop notifications from cron, add DBUS_SESSION_BUS_ADDRESS=unix:path=/run/user/$(id -u)/bus " +
      "before the command.",
    `17 * * * * KAKOTRACK_DB=${shWord(i.db)} ${shWord(i.node)} ${shWord(i.bin)} notify >/dev/null`,
  ];
  const systemd = [
    "# 2. systemd (a user timer): save the two files, then",
    "#    systemctl --user daemon-reload && systemctl --user enable --now kakotrack-notify.timer",
    "# ~/.config/systemd/user/kakotrack-notify.service",
    "[Unit]",
    "Description=kakotrack: send reminders of late QC disputes",
    "",
    "[Service]",
    "Type=oneshot",
    `Environment=${unitWord(`KAKOTRACK_DB=${i.db}`)}`,
    `ExecStart=${unitWord(i.node)} ${unitWord(i.bin)} notify`,
    "",
    "# ~/.config/systemd/user/kakotrack-notify.timer",
    "[Unit]",
    "Description=Run kakotrack notify hourly",
    "",
    "[Timer]",
    "OnCalendar=hourly",
    "Persistent=true",
    "RandomizedDelaySec=300",
    "",
    "[Install]",
    "WantedBy=timers.target",
  ];
  const launchd = [
    "# 3. launchd (macOS): save as ~/Library/LaunchAgents/dev.kakotrack.notify.plist, then",
    "#    launchctl bootstrap gui/$(id -u) ~/Library/LaunchAgents/dev.kakotrack.notify.plist",
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    "<dict>",
    "  <key>Label</key><string>dev.kakotrack.notify</string>",
    "  <key>ProgramArguments</key>",
    `  <array><string>${xml(i.node)}</string><string>${xml(i.bin)}</string><string>notify</string></array>`,
    "  <key>EnvironmentVariables</key>",
    `  <dict><key>KAKOTRACK_DB</key><string>${xml(i.db)}</string></dict>`,
    "  <key>StartInterval</key><integer>3600</integer>",
    "  <key>RunAtLoad</key><true/>",
    `  <key>StandardErrorPath</key><string>${xml(`${i.home}/Library/Logs/kakotrack-notify.log`)}</string>`,
    "</dict>",
    "</plist>",
  ];
  return [...crontab, "", ...systemd, "", ...launchd, ""].join("\n");
}

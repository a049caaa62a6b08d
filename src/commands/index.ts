import type { CommandEntry } from "./shared/spec.js";

/**
 * Every command, in the order help lists them: the one list that the program, help and
 * completion read. An entry says what the command is for; its module (options, examples,
 * run) loads only when that command runs or its own help is asked for, so a start pays
 * for one command's code (docs/performance.md). The build runs this list to learn each
 * command's module and makes it a bundle (scripts/build.mjs).
 */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: "add",
    description: "record a new case (asks for missing fields on a terminal)",
    load: () => import("./add.js").then((m) => m.add),
  },
  {
    name: "status",
    description: "open cases, most urgent first, with what is late",
    load: () => import("./status.js").then((m) => m.status),
  },
  {
    name: "show",
    args: "<id>",
    description: "everything about one case",
    load: () => import("./show.js").then((m) => m.show),
  },
  {
    name: "advance",
    args: "<id> [stage]",
    description: "record that a case reached a stage (default: the next one)",
    load: () => import("./advance.js").then((m) => m.advance),
  },
  {
    name: "refuse",
    args: "<id>",
    description: "the seller refused",
    load: () => import("./advance.js").then((m) => m.refuse),
  },
  {
    name: "escalate",
    args: "<id>",
    description: "you took the case to the agent's support",
    load: () => import("./advance.js").then((m) => m.escalate),
  },
  {
    name: "reject",
    args: "<id>",
    description: "the replacement failed QC too: ask for another (a new round of the exchange from its own day 0)",
    load: () => import("./reject.js").then((m) => m.reject),
  },
  {
    name: "switch",
    args: "<id> <resolution>",
    description: "change what you ask for (exchange, refund, partial-refund): a new round on that path",
    load: () => import("./switch.js").then((m) => m.switchPath),
  },
  {
    name: "counter",
    args: "<id> <amount>",
    description: "your counter-offer to the seller's partial refund offer; the case waits on the seller",
    load: () => import("./counter.js").then((m) => m.counter),
  },
  {
    name: "close",
    args: "<id>",
    description: "close a case with its outcome",
    load: () => import("./close.js").then((m) => m.close),
  },
  {
    name: "reopen",
    args: "<id>",
    description: "put a closed case back at the stage it had before closing (undo reverts it)",
    load: () => import("./reopen.js").then((m) => m.reopen),
  },
  {
    name: "note",
    args: "<id> <text>",
    description: "add a note to a case's history",
    load: () => import("./note.js").then((m) => m.note),
  },
  {
    name: "evidence",
    args: "<id> [file-or-url...]",
    description: "attach QC photos, screenshots, videos (copied into the evidence store) or links; --list shows them",
    load: () => import("./evidence.js").then((m) => m.evidence),
  },
  {
    name: "fee",
    args: "<id> <amount>",
    description: "record a cost of the dispute (return shipping, service fee, re-ship), in the case's currency",
    load: () => import("./fee.js").then((m) => m.fee),
  },
  {
    name: "refund",
    args: "<id> <amount>",
    description:
      "record money that came back outside the path (compensation, a second refund), on an open or closed case; " +
      "undo removes it",
    load: () => import("./refund.js").then((m) => m.refund),
  },
  {
    name: "undo",
    description: "revert the last recorded change; repeatable",
    load: () => import("./undo.js").then((m) => m.undo),
  },
  {
    name: "rm",
    args: "<id>",
    description: "delete a case (asks first; --yes when not on a terminal); undo brings it back",
    load: () => import("./rm.js").then((m) => m.rm),
  },
  {
    name: "message",
    args: "<id>",
    description:
      "a ready-to-paste message for the agent (request, follow-up, escalation or support follow-up), order number " +
      "first",
    load: () => import("./message.js").then((m) => m.message),
  },
  {
    name: "packet",
    args: "<id>",
    description:
      "the claim packet for an escalation or a dispute form: a dossier (Markdown and one HTML page) and the " +
      "evidence files",
    load: () => import("./packet.js").then((m) => m.packet),
  },
  {
    name: "edit",
    args: "<id>",
    description: "correct a case's fields (flags, or prompts with the current values on a terminal)",
    load: () => import("./edit.js").then((m) => m.edit),
  },
  { name: "list", description: "cases with filters", load: () => import("./list.js").then((m) => m.list) },
  {
    name: "export",
    description: "write every case out: json (full, for import), csv (spreadsheets) or ics (calendar of deadlines)",
    load: () => import("./export.js").then((m) => m.exportData),
  },
  {
    name: "notify",
    description:
      "send what changed since the last run (newly overdue, due soon, your move, a return window closing) to your " +
      "phone or desktop: ntfy, Apprise, a webhook or desktop notifications; for cron",
    load: () => import("./notify.js").then((m) => m.notify),
  },
  {
    name: "import",
    args: "<file>",
    description: "add cases from a kakotrack json export (ids kept when free) or a spreadsheet (.csv, or --format csv)",
    load: () => import("./import.js").then((m) => m.importData),
  },
  {
    name: "stats",
    description: "refunds, outcomes, days to resolution, and how often each seller and agent ran late or refused",
    load: () => import("./stats.js").then((m) => m.stats),
  },
  {
    name: "withdraw",
    args: "<agent> <amount>",
    description: "record a withdrawal from an agent balance (to a card, PayPal, ...); undo removes it",
    load: () => import("./withdraw.js").then((m) => m.withdraw),
  },
  {
    name: "balance",
    description: "money in agent balances, per agent and currency: refunded into the balance, withdrawn, still held",
    load: () => import("./balance.js").then((m) => m.balance),
  },
  {
    name: "backup",
    args: "[file]",
    description: "a consistent copy of the database (safe while kakotrack runs elsewhere)",
    load: () => import("./backup.js").then((m) => m.backup),
  },
  {
    name: "config",
    args: "<action> [key] [value]",
    description:
      "get, set, unset or list settings (calendar, due-soon, closures, message-lang, return-window, refund-to, …; " +
      "some per agent); undo reverts a set or unset",
    load: () => import("./config.js").then((m) => m.config),
  },
  {
    name: "calendar",
    args: "[action] [what] [state]",
    description:
      "China's working calendar: each year's source (list), a month or year (show), an official schedule (import), " +
      "one day (set)",
    load: () => import("./calendar.js").then((m) => m.calendar),
  },
  {
    name: "doctor",
    description: "check the database: integrity, schema, evidence files, permissions, calendar data",
    load: () => import("./doctor.js").then((m) => m.doctor),
  },
  {
    name: "completion",
    args: "<shell>",
    description: "print a shell completion script: bash, zsh or fish",
    load: () => import("./completion.js").then((m) => m.completion),
  },
];

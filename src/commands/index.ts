import type { CommandDetails, CommandEntry } from "./shared/spec.js";

/**
 * Every command, in the order help lists them: its usage as help shows it (the name, then commander's
 * argument syntax: "advance <id> [stage]") and what it is for. A new command is a row here and one in
 * MODULES (the compiler asks for it).
 */
const USAGES = {
  add: "record a new case (asks for missing fields on a terminal)",
  status: "open cases, most urgent first, with what is late",
  "show <id>": "everything about one case",
  "advance <id> [stage]": "record that a case reached a stage (default: the next one)",
  "refuse <id>": "the seller refused",
  "escalate <id>": "you took the case to the agent's support",
  "reject <id>": "the replacement failed QC too: ask for another (a new round of the exchange from its own day 0)",
  "switch <id> <resolution>": "change what you ask for (exchange, refund, partial-refund): a new round on that path",
  "counter <id> <amount>": "your counter-offer to the seller's partial refund offer; the case waits on the seller",
  "close <id>": "close a case with its outcome",
  "reopen <id>": "put a closed case back at the stage it had before closing (undo reverts it)",
  "note <id> <text>": "add a note to a case's history",
  "evidence <id> [file-or-url...]":
    "attach QC photos, screenshots, videos (copied into the evidence store) or links; --list shows them",
  "fee <id> <amount>": "record a cost of the dispute (return shipping, service fee, re-ship), in the case's currency",
  "refund <id> <amount>":
    "record money that came back outside the path (compensation, a second refund), on an open or closed case; " +
    "undo removes it",
  undo: "revert the last recorded change; repeatable",
  "rm <id>": "delete a case (asks first; --yes when not on a terminal); undo brings it back",
  "message <id>":
    "a ready-to-paste message for the agent (request, follow-up, escalation or support follow-up), order number " +
    "first",
  "packet <id>":
    "the claim packet for an escalation or a dispute form: a dossier (Markdown and one HTML page) and the " +
    "evidence files",
  "edit <id>": "correct a case's fields (flags, or prompts with the current values on a terminal)",
  list: "cases with filters",
  export: "write every case out: json (full, for import), csv (spreadsheets) or ics (calendar of deadlines)",
  notify:
    "send what changed since the last run (newly overdue, due soon, your move, a return window closing) to your " +
    "phone or desktop: ntfy, Apprise, a webhook or desktop notifications; for cron",
  "import <file>":
    "add cases from a kakotrack json export (ids kept when free) or a spreadsheet (.csv, or --format csv)",
  stats: "refunds, outcomes, days to resolution, and how often each seller and agent ran late or refused",
  "withdraw <agent> <amount>": "record a withdrawal from an agent balance (to a card, PayPal, ...); undo removes it",
  balance: "money in agent balances, per agent and currency: refunded into the balance, withdrawn, still held",
  "backup [file]": "a consistent copy of the database (safe while kakotrack runs elsewhere)",
  "config <action> [key] [value]":
    "get, set, unset or list settings (calendar, due-soon, closures, message-lang, return-window, refund-to, …; " +
    "some per agent); undo reverts a set or unset",
  "calendar [action] [what] [state]":
    "China's working calendar: each year's source (list), a month or year (show), an official schedule (import), " +
    "one day (set)",
  doctor: "check the database: integrity, schema, evidence files, permissions, calendar data",
  "completion <shell>": "print a shell completion script: bash, zsh or fish",
};

/** A command's name: its usage's first word. */
type CommandName = NameOf<keyof typeof USAGES>;
type NameOf<Usage> = Usage extends `${infer Name} ${string}` ? Name : Usage;

/**
 * Each command's module (options, examples, run), loaded only when that command runs or its own help is asked for,
 * so a start pays for one command's code (docs/performance.md). The build runs this list to learn each command's
 * module and makes it a bundle (scripts/build.mjs).
 */
const MODULES: Record<CommandName, () => Promise<CommandDetails>> = {
  add: () => import("./add.js").then((m) => m.add),
  status: () => import("./status.js").then((m) => m.status),
  show: () => import("./show.js").then((m) => m.show),
  advance: () => import("./advance.js").then((m) => m.advance),
  refuse: () => import("./advance.js").then((m) => m.refuse),
  escalate: () => import("./advance.js").then((m) => m.escalate),
  reject: () => import("./reject.js").then((m) => m.reject),
  switch: () => import("./switch.js").then((m) => m.switchPath),
  counter: () => import("./counter.js").then((m) => m.counter),
  close: () => import("./close.js").then((m) => m.close),
  reopen: () => import("./reopen.js").then((m) => m.reopen),
  note: () => import("./note.js").then((m) => m.note),
  evidence: () => import("./evidence.js").then((m) => m.evidence),
  fee: () => import("./fee.js").then((m) => m.fee),
  refund: () => import("./refund.js").then((m) => m.refund),
  undo: () => import("./undo.js").then((m) => m.undo),
  rm: () => import("./rm.js").then((m) => m.rm),
  message: () => import("./message.js").then((m) => m.message),
  packet: () => import("./packet.js").then((m) => m.packet),
  edit: () => import("./edit.js").then((m) => m.edit),
  list: () => import("./list.js").then((m) => m.list),
  export: () => import("./export.js").then((m) => m.exportData),
  notify: () => import("./notify.js").then((m) => m.notify),
  import: () => import("./import.js").then((m) => m.importData),
  stats: () => import("./stats.js").then((m) => m.stats),
  withdraw: () => import("./withdraw.js").then((m) => m.withdraw),
  balance: () => import("./balance.js").then((m) => m.balance),
  backup: () => import("./backup.js").then((m) => m.backup),
  config: () => import("./config.js").then((m) => m.config),
  calendar: () => import("./calendar.js").then((m) => m.calendar),
  doctor: () => import("./doctor.js").then((m) => m.doctor),
  completion: () => import("./completion.js").then((m) => m.completion),
};

/** The two tables as one list, in help's order: what the program, help, completion and the build read. */
export const COMMANDS: readonly CommandEntry[] = Object.entries(USAGES).map(([usage, description]) => {
  const space = usage.indexOf(" ");
  const name = (space < 0 ? usage : usage.slice(0, space)) as CommandName;
  return space < 0
    ? { name, description, load: MODULES[name] }
    : { name, args: usage.slice(space + 1), description, load: MODULES[name] };
});

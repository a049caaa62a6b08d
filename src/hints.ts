/**
 * The command lines kakotrack points the buyer to, written once: errors (from any layer, as
 * errors.ts is), the next step and the screens name a command through these, so a renamed
 * command or flag changes here only. Each is quoted as the buyer would type it.
 */
const run = (...words: Array<string | number | undefined>): string =>
  `\`kakotrack ${words.filter((word) => word !== undefined).join(" ")}\``;

export const hint = {
  add: () => run("add"),
  advance: (id?: number, stage?: string) => run("advance", id, stage),
  request: (id: number) => run("advance", id, "requested --date D"),
  balance: () => run("balance"),
  calendar: (args?: string) => run("calendar", args),
  config: (args?: string) => run("config", args),
  backup: () => run("backup"),
  counter: (id: number, amount: string) => run("counter", id, amount),
  doctor: (flags?: string) => run("doctor", flags),
  close: (id?: number, outcome?: string) =>
    run("close", id, outcome === undefined ? undefined : `--outcome ${outcome}`),
  edit: (id?: number, flags?: string) => run("edit", id, flags),
  escalate: (id?: number) => run("escalate", id),
  evidence: (id: number, what?: string) => run("evidence", id, what),
  export: (flags: string) => run("export", flags),
  /** A command's help page. */
  help: (command: string) => run("help", command),
  list: (all = false) => run("list", all ? "--all" : undefined),
  message: (id?: number, kind?: string) => run("message", id, kind === undefined ? undefined : `--kind ${kind}`),
  note: (id: number, text?: string) => run("note", id, text),
  notify: (flags: string) => run("notify", flags),
  refund: (id: number, amount: string) => run("refund", id, amount),
  reject: (id: number) => run("reject", id),
  reopen: (id: number) => run("reopen", id),
  rm: (id: number) => run("rm", id),
  show: (id: number) => run("show", id),
  status: () => run("status"),
  switch: (id?: number, to?: string) => run("switch", id, to),
  undo: () => run("undo"),
  /** The program's usage, or a command's (`kakotrack status --help`). */
  usage: (command?: string) => run(command, "--help"),
  withdraw: (args?: string) => run("withdraw", args),
};

/** A hint without its quotes, where the line stands on its own: a notification, a calendar event, a list of options. */
export const unquoted = (quoted: string): string => quoted.slice(1, -1);

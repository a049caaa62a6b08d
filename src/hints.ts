/**
 * The command lines kakotrack points the buyer to, written once: errors (from any layer, as
 * errors.ts is), the next step and the screens name a command through these, so a renamed
 * command or flag changes here only. Each is quoted as the buyer would type it.
 */
const run = (line: string): string => `\`kakotrack ${line}\``;

export const hint = {
  add: () => run("add"),
  advance: (id: number, stage?: string) => run(stage === undefined ? `advance ${id}` : `advance ${id} ${stage}`),
  request: (id: number) => run(`advance ${id} requested --date D`),
  balance: () => run("balance"),
  counter: (id: number, amount: string) => run(`counter ${id} ${amount}`),
  close: (id?: number, outcome?: string) =>
    run(id === undefined ? "close" : `close ${id}${outcome === undefined ? "" : ` --outcome ${outcome}`}`),
  edit: (id: number, flags: string) => run(`edit ${id} ${flags}`),
  escalate: (id?: number) => run(id === undefined ? "escalate" : `escalate ${id}`),
  evidence: (id: number, what?: string) => run(what === undefined ? `evidence ${id}` : `evidence ${id} ${what}`),
  list: (all = false) => run(all ? "list --all" : "list"),
  message: (id: number, kind?: string) => run(kind === undefined ? `message ${id}` : `message ${id} --kind ${kind}`),
  note: (id: number, text?: string) => run(text === undefined ? `note ${id}` : `note ${id} ${text}`),
  reject: (id: number) => run(`reject ${id}`),
  reopen: (id: number) => run(`reopen ${id}`),
  rm: (id: number) => run(`rm ${id}`),
  switch: (id: number, to: string) => run(`switch ${id} ${to}`),
  undo: () => run("undo"),
  withdraw: (args?: string) => run(args === undefined ? "withdraw" : `withdraw ${args}`),
};

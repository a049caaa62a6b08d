import { Command } from "commander";
import type { Context } from "./context.js";
import { parseDate } from "./domain/dates.js";
import { parseInteger } from "./domain/parse.js";
import type { GlobalOptions } from "./commands/session.js";
import pkg from "../package.json" with { type: "json" };

// Flags map to options here and each command loads only when it runs, so `status` never
// pays for the prompt library and `--help` pays for no command at all.

function globalsOf(command: Command): GlobalOptions {
  const { db, color } = command.optsWithGlobals<GlobalOptions>();
  return { db, color };
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function asOfOption(ctx: Context, text: string | undefined): string {
  return text === undefined ? ctx.today : parseDate(text, "--as-of");
}

const EXAMPLES = `
Examples:
  $ kakotrack add                                  # asks for each field
  $ kakotrack add --yes --order KB-1001 --item "grey hoodie" --defect flaw \\
      --description "stain on the left sleeve" --resolution exchange --payment paypal
  $ kakotrack status                               # what is late, most urgent first
  $ kakotrack status --check || notify-send "a kakotrack case is overdue"
  $ kakotrack advance 3 seller-confirmed --date 2026-11-20
  $ kakotrack show 3

Data: --db, else $KAKOTRACK_DB, else the platform data folder (see README).
Exit codes: 0 done, 1 status --check found an overdue case (doctor: a problem), 2 bad input, 3 storage problem, 130 interrupted.`;

/** Every command, as registered below (a unit test keeps the two in step). */
export const COMMAND_NAMES: readonly string[] = [
  "add", "status", "show", "advance", "refuse", "escalate", "close", "note", "evidence", "undo", "rm", "message", "edit",
  "list", "export", "import", "stats", "backup", "config", "doctor",
];

/** The command a command line asks for, skipping the global options before it. */
function requestedCommand(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--db") i++;
    else if (!arg.startsWith("-")) return arg;
  }
  return undefined;
}

/**
 * The program for a command line (without node and the script). Only the command it asks
 * for is set up (all of them for help, an unknown command or none): building twenty
 * commands costs every start a millisecond.
 */
export function buildProgram(ctx: Context, args: readonly string[]): Command {
  const requested = requestedCommand(args);
  const only = requested !== undefined && COMMAND_NAMES.includes(requested) ? requested : undefined;
  const wanted = (name: string): boolean => only === undefined || only === name;
  const program = new Command();
  program
    .name("kakotrack")
    .description("Track shopping-agent QC disputes (exchanges, refunds) against their expected timeline.")
    .version(pkg.version, "-V, --version")
    .option("--db <path>", "database file (default: $KAKOTRACK_DB or the platform data folder)")
    .option("--no-color", "plain output without colours (also NO_COLOR)")
    .addHelpText("after", EXAMPLES)
    .exitOverride()
    .configureOutput(output(ctx));

  if (wanted("add"))
    program
      .command("add")
      .description("record a new case (asks for missing fields on a terminal)")
      .option("--agent <name>", "shopping agent (default: KakoBuy or `config set default-agent`)")
      .option("--order <number>", "the agent's order number")
      .option("--item <text>", "what the item is")
      .option("--url <url>", "item link (Taobao, Weidian, 1688)")
      .option("--seller <name>", "seller / store name")
      .option("--price <amount>", "price paid, e.g. 129.00")
      .option("--currency <code>", "ISO 4217 currency (default CNY)")
      .option("--defect <kind>", "flaw, wrong-colour, wrong-size, damage, wrong-item, missing-part, other")
      .option("--description <text>", "what is wrong, in your words")
      .option("--resolution <kind>", "exchange, refund or partial-refund")
      .option("--payment <method>", "paypal, card, balance or other")
      .option("--phase <phase>", "qc (still in the warehouse, default) or shipped")
      .option("--date <date>", "day the request was submitted (default today)")
      .option("--note <text>", "a first note")
      .option("--evidence <file-or-url>", "QC photo, screenshot or link (repeatable)", collect, [])
      .option("-y, --yes", "never prompt; fail naming missing flags")
      .addHelpText("after", `
Example:
  $ kakotrack add --yes --order KB-1001 --item "grey hoodie" --seller "Lucky Store" --price 129 \\
      --defect flaw --description "stain on the left sleeve" --resolution exchange --payment paypal`)
      .action(async (options, command: Command) => {
        const { add } = await import("./commands/add.js");
        await add(ctx, globalsOf(command), options);
      });

  if (wanted("status"))
    program
      .command("status")
      .description("open cases, most urgent first, with what is late")
      .option("--as-of <date>", "judge deadlines on this date instead of today")
      .option("--json", "machine-readable output (the documented contract)")
      .option("--all", "include closed cases")
      .option("--check", "exit 1 when any case is overdue (for cron)")
      .option("--limit <n>", "rows to show (default 50 in the table, all in --json; 0 for all)")
      .addHelpText("after", `
Examples:
  $ kakotrack status
  $ kakotrack status --as-of 2026-12-01 --json
  $ kakotrack status --check >/dev/null || echo "something is overdue"`)
      .action(async (options, command: Command) => {
        const { status } = await import("./commands/status.js");
        await status(ctx, globalsOf(command), {
          asOf: asOfOption(ctx, options.asOf),
          json: Boolean(options.json),
          all: Boolean(options.all),
          check: Boolean(options.check),
          limit: options.limit === undefined ? undefined : parseInteger(options.limit, "--limit", 0, 1_000_000),
        });
      });

  if (wanted("show"))
    program
      .command("show <id>")
      .description("everything about one case")
      .option("--as-of <date>", "judge deadlines on this date instead of today")
      .option("--json", "machine-readable output")
      .addHelpText("after", "\nExample:\n  $ kakotrack show 3 --json")
      .action(async (id: string, options, command: Command) => {
        const { show } = await import("./commands/show.js");
        await show(ctx, globalsOf(command), id, { asOf: asOfOption(ctx, options.asOf), json: Boolean(options.json) });
      });

  const stageCommand = (name: string, stage: string | undefined, description: string, example: string): void => {
    const cmd = program.command(stage === undefined ? `${name} <id> [stage]` : `${name} <id>`).description(description);
    cmd
      .option("--date <date>", "when it happened (default today)")
      .option("--note <text>", "what was said")
      .addHelpText("after", `\nExample:\n  $ ${example}`);
    if (stage === undefined) {
      cmd
        .option("--amount <amount>", "offer or refund amount, for seller-offered, agreed, refunded")
        .option("--force", "allow going back (a correction)")
        .option("-y, --yes", "never prompt for the stage");
    }
    cmd.action(async (id: string, ...rest: unknown[]) => {
      const command = rest[rest.length - 1] as Command;
      const options = command.opts();
      const given = stage ?? (rest.length === 3 ? (rest[0] as string | undefined) : undefined);
      const { advance } = await import("./commands/advance.js");
      await advance(ctx, globalsOf(command), id, given, options);
    });
  };
  if (wanted("advance")) stageCommand("advance", undefined, "record that a case reached a stage (default: the next one)", "kakotrack advance 3 seller-confirmed --date 2026-11-20");
  if (wanted("refuse")) stageCommand("refuse", "refused", "the seller refused", "kakotrack refuse 3 --note \"seller says the stain is normal\"");
  if (wanted("escalate")) stageCommand("escalate", "escalated", "you took the case to the agent's support", "kakotrack escalate 3 --note \"ticket #5521\"");

  if (wanted("close"))
    program
      .command("close <id>")
      .description("close a case with its outcome")
      .option("--outcome <outcome>", "exchanged, refunded, partially-refunded, accepted-as-is, cancelled, lost")
      .option("--amount <amount>", "amount refunded (refunded, partially-refunded)")
      .option("--date <date>", "when (default today)")
      .option("--note <text>", "a closing note")
      .addHelpText("after", "\nExample:\n  $ kakotrack close 3 --outcome partially-refunded --amount 30")
      .action(async (id: string, options, command: Command) => {
        const { close } = await import("./commands/close.js");
        await close(ctx, globalsOf(command), id, options);
      });

  if (wanted("note"))
    program
      .command("note <id> <text>")
      .description("add a note to a case's history")
      .option("--date <date>", "when it happened (default today)")
      .addHelpText("after", '\nExample:\n  $ kakotrack note 3 "agent says the seller is on holiday until Monday"')
      .action(async (id: string, text: string, options, command: Command) => {
        const { note } = await import("./commands/note.js");
        await note(ctx, globalsOf(command), id, text, options);
      });

  if (wanted("evidence"))
    program
      .command("evidence <id> <file-or-url...>")
      .description("attach QC photos, screenshots, videos (copied into the evidence store) or links")
      .option("--date <date>", "when it was taken or received (default today)")
      .addHelpText("after", "\nExample:\n  $ kakotrack evidence 3 ~/Downloads/qc-1.jpg https://imgur.com/a/xyz")
      .action(async (id: string, items: string[], options, command: Command) => {
        const { evidence } = await import("./commands/evidence.js");
        await evidence(ctx, globalsOf(command), id, items, options);
      });

  if (wanted("undo"))
    program
      .command("undo")
      .description("revert the last recorded change (add, advance, close, note, evidence, edit, rm); repeatable")
      .addHelpText("after", "\nExample:\n  $ kakotrack undo")
      .action(async (_options, command: Command) => {
        const { undo } = await import("./commands/undo.js");
        await undo(ctx, globalsOf(command));
      });

  if (wanted("rm"))
    program
      .command("rm <id>")
      .description("delete a case (asks first; --yes when not on a terminal); undo brings it back")
      .option("-y, --yes", "do not ask")
      .addHelpText("after", "\nExample:\n  $ kakotrack rm 3 --yes")
      .action(async (id: string, options, command: Command) => {
        const { rm } = await import("./commands/rm.js");
        await rm(ctx, globalsOf(command), id, options);
      });

  if (wanted("message"))
    program
      .command("message <id>")
      .description("a ready-to-paste message for the agent (request, follow-up or escalation), order number first")
      .option("--kind <kind>", "request, follow-up or escalation (default: from the case's state)")
      .option("--as-of <date>", "judge deadlines on this date instead of today")
      .option("--json", "machine-readable output")
      .addHelpText("after", "\nExamples:\n  $ kakotrack message 3 | xclip -selection clipboard\n  $ kakotrack message 3 --kind escalation")
      .action(async (id: string, options, command: Command) => {
        const { message } = await import("./commands/message.js");
        await message(ctx, globalsOf(command), id, { kind: options.kind, json: Boolean(options.json), asOf: asOfOption(ctx, options.asOf) });
      });

  if (wanted("edit"))
    program
      .command("edit <id>")
      .description("correct a case's fields (flags, or prompts with the current values on a terminal)")
      .option("--agent <name>", "shopping agent")
      .option("--order <number>", "the agent's order number")
      .option("--item <text>", "what the item is")
      .option("--url <url>", "item link (empty to clear)")
      .option("--seller <name>", "seller / store name (empty to clear)")
      .option("--price <amount>", "price paid (empty to clear)")
      .option("--currency <code>", "ISO 4217 currency")
      .option("--defect <kind>", "flaw, wrong-colour, wrong-size, damage, wrong-item, missing-part, other")
      .option("--description <text>", "what is wrong")
      .option("--resolution <kind>", "exchange, refund or partial-refund (only while still requested)")
      .option("--payment <method>", "paypal, card, balance or other")
      .option("--phase <phase>", "qc or shipped")
      .option("--date <date>", "day 0: when the request was submitted")
      .addHelpText("after", '\nExample:\n  $ kakotrack edit 3 --item "black hoodie" --price 139')
      .action(async (id: string, options, command: Command) => {
        const { edit } = await import("./commands/edit.js");
        await edit(ctx, globalsOf(command), id, options);
      });

  if (wanted("list"))
    program
      .command("list")
      .description("cases with filters")
      .option("--open", "open cases (default)")
      .option("--closed", "closed cases")
      .option("--all", "every case")
      .option("--agent <name>", "only this agent")
      .option("--seller <name>", "only this seller (case and spaces ignored)")
      .option("--stage <stage>", "only cases at this stage")
      .option("--json", "machine-readable output")
      .addHelpText("after", '\nExample:\n  $ kakotrack list --all --seller "lucky store"')
      .action(async (options, command: Command) => {
        const { list } = await import("./commands/list.js");
        await list(ctx, globalsOf(command), options);
      });

  if (wanted("export"))
    program
      .command("export")
      .description("write every case out: json (full, for import), csv (spreadsheets) or ics (calendar of deadlines)")
      .option("--format <format>", "json (default), csv or ics")
      .option("--out <file>", "write to this file (replaced whole) instead of stdout")
      .option("--as-of <date>", "judge flags and deadlines on this date (csv, ics)")
      .addHelpText("after", `
Examples:
  $ kakotrack export --out kakotrack-2026-11-22.json
  $ kakotrack export --format csv --out cases.csv
  $ kakotrack export --format ics --out ~/calendars/kakotrack.ics`)
      .action(async (options, command: Command) => {
        const { exportData } = await import("./commands/export.js");
        await exportData(ctx, globalsOf(command), { format: options.format, out: options.out, asOf: asOfOption(ctx, options.asOf) });
      });

  if (wanted("import"))
    program
      .command("import <file>")
      .description("add cases from a kakotrack json export (ids kept when free) or a spreadsheet (--format csv)")
      .option("--format <format>", "json (default) or csv")
      .option("--skip-invalid", "csv: import the good rows even when some are bad")
      .addHelpText("after", `
Examples:
  $ kakotrack import kakotrack-2026-11-22.json
  $ kakotrack import --format csv haul.csv
CSV columns (header row, any order): order, item, defect, description, resolution, payment (required);
agent, url, seller, price, currency, phase, opened_on, note (optional).`)
      .action(async (file: string, options, command: Command) => {
        const { importData } = await import("./commands/import.js");
        await importData(ctx, globalsOf(command), file, options);
      });

  if (wanted("stats"))
    program
      .command("stats")
      .description("refunds, outcomes, days to resolution, and how often each seller and agent ran late or refused")
      .option("--as-of <date>", "judge deadlines of open cases on this date")
      .option("--json", "machine-readable output")
      .addHelpText("after", "\nExample:\n  $ kakotrack stats --json")
      .action(async (options, command: Command) => {
        const { stats } = await import("./commands/stats.js");
        await stats(ctx, globalsOf(command), { asOf: asOfOption(ctx, options.asOf), json: Boolean(options.json) });
      });

  if (wanted("backup"))
    program
      .command("backup [file]")
      .description("a consistent copy of the database (safe while kakotrack runs elsewhere)")
      .option("--force", "replace the file if it exists")
      .addHelpText("after", "\nExamples:\n  $ kakotrack backup                      # beside the database, dated\n  $ kakotrack backup ~/Dropbox/kakotrack.db --force")
      .action(async (file: string | undefined, options, command: Command) => {
        const { backup } = await import("./commands/backup.js");
        await backup(ctx, globalsOf(command), file, options);
      });

  if (wanted("config"))
    program
      .command("config <action> [key] [value]")
      .description("get, set or list settings: calendar, due-soon, escalation-followup, default-agent, default-currency, closures")
      .addHelpText("after", `
Examples:
  $ kakotrack config list
  $ kakotrack config set calendar weekdays
  $ kakotrack config set due-soon 3
  $ kakotrack config set closures 2026-12-24,2026-12-28..2026-12-31`)
      .action(async (action: string, key: string | undefined, value: string | undefined, _options, command: Command) => {
        const { config } = await import("./commands/config.js");
        await config(ctx, globalsOf(command), action, key, value);
      });

  if (wanted("doctor"))
    program
      .command("doctor")
      .description("check the database: integrity, schema, evidence files, permissions, calendar data")
      .addHelpText("after", "\nExample:\n  $ kakotrack doctor    # exit 0 when healthy, 1 when something needs fixing")
      .action(async (_options, command: Command) => {
        const { doctor } = await import("./commands/doctor.js");
        await doctor(ctx, globalsOf(command));
      });

  for (const command of program.commands) {
    command.configureOutput({
      ...output(ctx),
      outputError: (text, write) => write(oneLineError(text, `kakotrack ${command.name()} --help`)),
    });
  }
  program.configureOutput({ ...output(ctx), outputError: (text, write) => write(oneLineError(text, "kakotrack --help")) });
  return program;
}

/** Commander writes through the context, which knows whether stdout is a terminal; help is plain text. */
function output(ctx: Context) {
  return {
    writeOut: ctx.stdout,
    writeErr: ctx.stderr,
    getOutHelpWidth: () => ctx.columns ?? 80,
    getErrHelpWidth: () => 80,
    getOutHasColors: () => false,
    getErrHasColors: () => false,
  };
}

function oneLineError(text: string, help: string): string {
  const message = text.replace(/^error: /, "").replace(/\s+/g, " ").trim();
  return `kakotrack: ${message} (see \`${help}\`)\n`;
}

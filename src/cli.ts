import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Command, Option } from "commander";
import pkg from "../package.json" with { type: "json" };
import { COMMANDS } from "./commands/index.js";
import { type CommandSpec, type GlobalOptions, loadSpec } from "./commands/shared/spec.js";
import type { Context } from "./context.js";
import { hint } from "./hints.js";

// Builds commander from the list of commands (src/commands/index.ts) and the module of the
// command a command line names (src/commands/<verb>.ts, in the build a bundle of its own).

const EXAMPLES =
  `
Examples:
  $ kakotrack add                                  # asks for each field
  $ kakotrack add --yes --order KB-1001 --item "grey hoodie" --defect flaw \\
      --description "stain on the left sleeve" --resolution exchange --payment paypal
  $ kakotrack status                               # what is late, most urgent first
  $ kakotrack status --check || notify-send "a kakotrack case is overdue"
  $ kakotrack advance 3 seller-confirmed --date 2026-11-20
  $ kakotrack show 3
  $ kakotrack help advance                         # a command's options and examples

Data: --db, else $KAKOTRACK_DB, else the platform data folder (see README).
Exit codes: 0 done, 1 status --check found an overdue case (doctor: a problem), 2 bad input, 3 storage problem, ` +
  "130 interrupted.";

/** The command a command line asks for, skipping the global options before it. */
export function requestedCommand(args: readonly string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--db") i++;
    else if (!arg.startsWith("-")) return arg;
  }
  return undefined;
}

/**
 * The program's help page for a command line that asks for it and nothing else (`--help`, `-h`, `help`, or no
 * command at all: then on stderr, exit 2, as commander does) where no width applies (no terminal, no COLUMNS):
 * the page the build wrote beside the bundle (scripts/build.mjs), which is the same every time. Setting up every
 * command in commander to draw it again cost each `--help` 8.6 M instructions, 1.4-3.4 ms (docs/performance.md).
 * Undefined otherwise, and without the file (src/ run by the tests, the build's own first run): the program draws
 * the page.
 */
export function builtHelp(ctx: Context, args: readonly string[]): { text: string; asked: boolean } | undefined {
  if (ctx.columns !== undefined || args.length > 1) return undefined;
  const asked = args.length === 1;
  if (asked && args[0] !== "--help" && args[0] !== "-h" && args[0] !== "help") return undefined;
  try {
    return { text: readFileSync(join(import.meta.dirname, "program-help.txt"), "utf8"), asked };
  } catch {
    return undefined;
  }
}

/**
 * The program for a command line (without node and the script). Only the command it asks
 * for (or asks help for: `help status`) is loaded and set up; otherwise, for the program's
 * help, an unknown command or none, every command is listed by its entry alone: loading
 * every command's module would cost each start several milliseconds (docs/performance.md).
 */
export async function buildProgram(ctx: Context, args: readonly string[]): Promise<Command> {
  const requested = requestedCommand(args);
  const wanted = requested === "help" ? requestedCommand(args.slice(args.indexOf("help") + 1)) : requested;
  const only = COMMANDS.find((entry) => entry.name === wanted);
  const program = new Command();
  program
    .name("kakotrack")
    .description("Track shopping-agent QC disputes (exchanges, refunds) against their expected timeline.")
    .version(pkg.version, "-V, --version")
    .option("--db <path>", "database file (default: $KAKOTRACK_DB or the platform data folder)")
    .option("--no-color", "plain output without colours (also NO_COLOR)")
    .addHelpText("after", EXAMPLES)
    .exitOverride()
    .configureOutput({ ...output(ctx), outputError: (text, write) => write(oneLineError(text, hint.usage())) });
  if (only) register(program, await loadSpec(only), ctx);
  else for (const entry of COMMANDS) program.command(usage(entry)).description(entry.description);
  return program;
}

const usage = (spec: { name: string; args?: string }): string => (spec.args ? `${spec.name} ${spec.args}` : spec.name);

function register(parent: Command, spec: CommandSpec, ctx: Context, prefix = ""): void {
  const command = parent.command(usage(spec)).description(spec.description);
  const fullName = `${prefix}${spec.name}`;
  const readers: Array<[key: string, attribute: string, read: (raw: unknown, ctx: Context) => unknown]> = [];
  for (const [key, o] of Object.entries(spec.options)) {
    const option = new Option(o.flags, o.help);
    if (o.repeatable) option.argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]);
    command.addOption(option);
    readers.push([key, option.attributeName(), o.read]);
  }
  const examples = spec.examples.map((line) => `  $ ${line}`).join("\n");
  const heading = spec.examples.length === 1 ? "Example" : "Examples";
  const help = `\n${heading}:\n${examples}${spec.notes ? `\n${spec.notes}` : ""}`;
  command
    .addHelpText("after", help)
    .configureOutput({
      ...output(ctx),
      outputError: (text, write) => write(oneLineError(text, hint.usage(fullName))),
    })
    .action(async (...actionArgs: unknown[]) => {
      const self = actionArgs[actionArgs.length - 1] as Command;
      const raw = self.opts();
      const options: Record<string, unknown> = {};
      for (const [key, attribute, read] of readers) options[key] = read(raw[attribute], ctx);
      const { db, color } = self.optsWithGlobals<GlobalOptions>();
      await spec.run(ctx, { globals: { db, color }, args: self.args, options, commands: COMMANDS });
    });
  // The command's --help lists its subcommands; a `help` word beside them would only clutter it.
  if (spec.subcommands) command.helpCommand(false);
  for (const sub of spec.subcommands ?? []) register(command, sub, ctx, `${fullName} `);
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
  const message = text
    .replace(/^error: /, "")
    .replace(/\s+/g, " ")
    .trim();
  return `kakotrack: ${message} (see ${help})\n`;
}

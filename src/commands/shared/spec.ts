import type { Context } from "../../context.js";
import { parseDateInput } from "../../domain/time/date-input.js";

/**
 * How a command is declared: its name, arguments and description in the list of commands
 * (src/commands/index.ts), its options (with their help and how each value is read),
 * examples and run in its own file. src/cli.ts builds commander from these, and help and
 * completion read the same list.
 */

/** Options every command gets from the program. */
export interface GlobalOptions {
  db?: string;
  color?: boolean;
}

export interface OptionSpec<T> {
  /** Commander's flags: "--as-of <date>", "-y, --yes", "--no-color". */
  flags: string;
  help: string;
  /** The value run gets, from what commander parsed (undefined when the option is absent). */
  read(raw: unknown, ctx: Context): T;
  /** Values the completion offers for it. */
  choices?: readonly string[];
  repeatable?: boolean;
}

// Each option kind reads its value the same way every time, so these are shared, not per option.
const readFlag = (raw: unknown): boolean => raw === true;
const readText = (raw: unknown): string | undefined => raw as string | undefined;
const readList = (raw: unknown): string[] => (raw as string[] | undefined) ?? [];

/** A switch: true when given. */
export function flag(flags: string, help: string): OptionSpec<boolean> {
  return { flags, help, read: readFlag };
}

/** A value, as typed: the command validates it (inside its transaction where it checks the case). */
export function text(flags: string, help: string, choices?: readonly string[]): OptionSpec<string | undefined> {
  return { flags, help, read: readText, choices };
}

/** A value that may be given several times. */
export function list(flags: string, help: string): OptionSpec<string[]> {
  return { flags, help, read: readList, repeatable: true };
}

/**
 * A date option: run gets it as YYYY-MM-DD, from any form a person types (today, 3 days ago,
 * mon, 5 Nov…: src/domain/date-input.ts); run checks whether the date fits the case.
 */
export function date(flags: string, help: string): OptionSpec<string | undefined> {
  const what = flags.split(" ")[0]!;
  return {
    flags,
    help,
    read: (raw, ctx) => (raw === undefined ? undefined : parseDateInput(raw as string, ctx.today, what)),
  };
}

/** `--as-of DATE`: the day deadlines are judged on, today by default. */
export function asOf(): OptionSpec<string> {
  return {
    flags: "--as-of <date>",
    help: "judge deadlines on this date instead of today",
    read: (raw, ctx) => (raw === undefined ? ctx.today : parseDateInput(raw as string, ctx.today, "--as-of")),
  };
}

export type OptionSpecs = Record<string, OptionSpec<unknown>>;

export type OptionValues<O extends OptionSpecs> = { [K in keyof O]: O[K] extends OptionSpec<infer T> ? T : never };

export interface RunInput<O extends OptionSpecs> {
  globals: GlobalOptions;
  /** The command's arguments in order (a variadic one spread out), as typed. */
  args: string[];
  options: OptionValues<O>;
  /**
   * The list of commands (src/commands/index.ts), handed in so a command that reads it (completion) needs no import of
   * it.
   */
  commands: readonly CommandEntry[];
}

/**
 * A command as the list of commands (src/commands/index.ts) gives it: enough for the program's help; the rest loads
 * with `load`.
 */
export interface CommandEntry {
  name: string;
  /** Commander's argument syntax: "<id> [stage]", "<id> <file-or-url...>". */
  args?: string;
  description: string;
  load(): Promise<CommandDetails>;
}

/** What a command's own module declares (src/commands/<verb>.ts): how it is used, and its run. */
export interface CommandDetails<O extends OptionSpecs = OptionSpecs> {
  /** Values the completion offers for an argument, by its name in `args` (id, stage and files it knows). */
  argChoices?: Record<string, readonly string[]>;
  options: O;
  /** Command lines for the help, without the "$ " (a comment after # is fine). */
  examples: readonly string[];
  /** More help after the examples. */
  notes?: string;
  /**
   * Commands under this one (`evidence export`): a first argument that names one runs it,
   * anything else runs this command.
   */
  subcommands?: readonly CommandSpec[];
  /** A method, so a spec of any options fits the list of all commands. */
  run(ctx: Context, input: RunInput<O>): Promise<void>;
}

/** A command whole: its entry's words and its module's details (a subcommand is declared so). */
export interface CommandSpec<O extends OptionSpecs = OptionSpecs>
  extends CommandDetails<O>,
    Omit<CommandEntry, "load"> {}

/** Declares a command's details; the identity function gives run its option types. */
export function defineCommand<O extends OptionSpecs>(details: CommandDetails<O>): CommandDetails<O> {
  return details;
}

/** Declares a subcommand, whole (it loads with its parent). */
export function defineSubcommand<O extends OptionSpecs>(spec: CommandSpec<O>): CommandSpec<O> {
  return spec;
}

/** A command's entry and details as one spec, for the program and the completion. */
export async function loadSpec(entry: CommandEntry): Promise<CommandSpec> {
  return { name: entry.name, args: entry.args, description: entry.description, ...(await entry.load()) };
}

import { CommanderError } from "commander";
import { buildProgram, builtHelp } from "./cli.js";
import { createContext, type Streams } from "./context.js";
import { KakoError } from "./errors.js";
import { sanitize } from "./ui/sanitize.js";

/**
 * Runs one command line (the arguments after node and the script) and returns its exit code:
 * the only place that turns errors into exit codes. It never exits, so src/main.ts, the process
 * boundary, runs it once a process, and tests run many in one process.
 */
export async function runCli(args: readonly string[], streams: Streams, env: NodeJS.ProcessEnv): Promise<number> {
  const writeStderr = (text: string): void => void streams.stderr().write(text);
  try {
    const ctx = createContext(streams, env);
    const help = builtHelp(ctx, args);
    if (help !== undefined) {
      (help.asked ? ctx.stdout : ctx.stderr)(help.text);
      return help.asked ? 0 : 2;
    }
    const program = await buildProgram(ctx, args);
    await program.parseAsync(args, { from: "user" });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed help, the version or a one-line error.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof KakoError) {
      if (error.message) writeStderr(`kakotrack: ${sanitize(error.message)}\n`);
      if (env.KAKOTRACK_DEBUG && error.stack) writeStderr(`${error.stack}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    writeStderr(
      `kakotrack: unexpected error: ${sanitize(message)} (a bug: run again with KAKOTRACK_DEBUG=1 and report what ` +
        `it prints)\n`,
    );
    if (env.KAKOTRACK_DEBUG && error instanceof Error) writeStderr(`${error.stack}\n`);
    return 70;
  }
}

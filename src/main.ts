import { CommanderError } from "commander";
import { buildProgram } from "./cli.js";
import { createContext } from "./context.js";
import { KakoError } from "./errors.js";
import { sanitize } from "./ui/sanitize.js";

/** The process boundary: the only place that turns errors into exit codes. */
async function main(argv: string[]): Promise<number> {
  // `kakotrack status | head` closes the pipe early: not an error.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
  try {
    const ctx = createContext();
    await buildProgram(ctx).parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed help, the version or a one-line error.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof KakoError) {
      if (error.message) process.stderr.write(`kakotrack: ${sanitize(error.message)}\n`);
      if (process.env.KAKOTRACK_DEBUG && error.stack) process.stderr.write(`${error.stack}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `kakotrack: unexpected error: ${sanitize(message)} (a bug: run again with KAKOTRACK_DEBUG=1 and report what it prints)\n`,
    );
    if (process.env.KAKOTRACK_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
    return 70;
  }
}

void main(process.argv).then((code) => {
  // Exit once the output is flushed instead of waiting for a last garbage collection
  // and teardown that nothing needs (several ms at 10,000 cases, docs/performance.md).
  process.exitCode = code;
  process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
});

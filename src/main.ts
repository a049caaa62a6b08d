import { CommanderError } from "commander";
import { buildProgram } from "./cli.js";
import { createContext, type Streams } from "./context.js";
import { isKakoError } from "./errors.js";
import { sanitize } from "./ui/sanitize.js";

/** The streams a run has created, so the exit waits for exactly those to drain. */
const usedStreams = new Set<NodeJS.WriteStream>();

/** Node creates its stdout and stderr streams on first use; a file or /dev/null never needs one. */
const streams: Streams = {
  stdout() {
    const s = process.stdout;
    if (!usedStreams.has(s)) {
      // `kakotrack status | head` closes the pipe early: not an error.
      s.on("error", (error: NodeJS.ErrnoException) => {
        if (error.code === "EPIPE") process.exit(0);
        throw error;
      });
      usedStreams.add(s);
    }
    return s;
  },
  stderr() {
    usedStreams.add(process.stderr);
    return process.stderr;
  },
};

const writeStderr = (text: string): void => void streams.stderr().write(text);

/** The process boundary: the only place that turns errors into exit codes. */
async function main(argv: string[]): Promise<number> {
  try {
    const ctx = createContext(streams);
    await (await buildProgram(ctx, argv.slice(2))).parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has already printed help, the version or a one-line error.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (isKakoError(error)) {
      if (error.message) writeStderr(`kakotrack: ${sanitize(error.message)}\n`);
      if (process.env.KAKOTRACK_DEBUG && error.stack) writeStderr(`${error.stack}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    writeStderr(`kakotrack: unexpected error: ${sanitize(message)} (a bug: run again with KAKOTRACK_DEBUG=1 and report what it prints)\n`);
    if (process.env.KAKOTRACK_DEBUG && error instanceof Error) writeStderr(`${error.stack}\n`);
    return 70;
  }
}

void main(process.argv).then((code) => {
  // Exit once the output is flushed instead of waiting for a last garbage collection
  // and teardown that nothing needs (several ms at 10,000 cases, docs/performance.md).
  process.exitCode = code;
  let pending = usedStreams.size;
  if (pending === 0) process.exit(code);
  for (const s of usedStreams) s.write("", () => --pending === 0 && process.exit(code));
});

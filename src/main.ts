import { type Streams, stdoutIsPlainFile } from "./context.js";
import { runCli } from "./run.js";

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
  stdoutIsPlainFile,
  // Asked only by prompting commands: creating the stdin stream costs start-up time.
  stdinIsTTY: () => Boolean(process.stdin.isTTY),
};

/**
 * The process boundary, the only place that exits: bin/kakotrack.js calls it once a process,
 * in whichever bundle it loaded (each command's holds the program too).
 */
export function main(): void {
  void runCli(process.argv.slice(2), streams, process.env).then((code) => {
    // Exit once the output is flushed instead of waiting for a last garbage collection
    // and teardown that nothing needs (several ms at 10,000 cases, docs/performance.md).
    process.exitCode = code;
    let pending = usedStreams.size;
    if (pending === 0) process.exit(code);
    for (const s of usedStreams) s.write("", () => --pending === 0 && process.exit(code));
  });
}

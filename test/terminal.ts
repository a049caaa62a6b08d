import { spawn } from "node:child_process";
import { BIN, type Sandbox } from "./helpers.js";

/**
 * Runs the built bin on a terminal (util-linux `script`), answering each prompt once its
 * text has appeared; resolves with the exit code and the output without escape sequences.
 */
export function runOnTerminal(
  s: Sandbox,
  args: readonly string[],
  answers: Array<[prompt: string, keys: string]>,
): Promise<{ code: number | null; output: string }> {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(" ");
  return new Promise((done, fail) => {
    const child = spawn("/usr/bin/script", ["-qec", command, "/dev/null"], {
      env: {
        PATH: process.env.PATH,
        HOME: s.dir,
        TZ: "UTC",
        TERM: "xterm",
        KAKOTRACK_DB: s.db,
        KAKOTRACK_NOW: "2026-11-20",
      },
      cwd: s.dir,
    });
    let output = "";
    let seen = 0; // where the next prompt is looked for
    const timer = setTimeout(() => {
      child.kill();
      fail(new Error(`no prompt "${answers[0]?.[0]}" after:\n${output}`));
    }, 15_000);
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const next = answers[0];
      const at = next ? output.indexOf(next[0], seen) : -1;
      if (next && at >= 0) {
        seen = at + next[0].length;
        answers.shift();
        child.stdin.write(next[1]);
      }
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      done({ code, output: output.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, "") });
    });
  });
}

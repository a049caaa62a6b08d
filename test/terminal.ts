import { spawn } from "node:child_process";
import { BIN, type Sandbox } from "./helpers.js";

/**
 * Runs the built bin on a terminal (util-linux `script`), answering each prompt once its
 * text has appeared; resolves with the exit code, the output without escape sequences and,
 * as `raw`, with them. The environment is the sandbox's (`KAKOTRACK_NOW` 2026-11-20) without
 * NO_COLOR, then `env` over it.
 */
export function runOnTerminal(
  s: Sandbox,
  args: readonly string[],
  answers: Array<[prompt: string, keys: string]>,
  env: Record<string, string | undefined> = {},
): Promise<{ code: number | null; output: string; raw: string }> {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a}'`).join(" ");
  return new Promise((done, fail) => {
    const child = spawn("/usr/bin/script", ["-qec", command, "/dev/null"], {
      env: s.env({ now: "2026-11-20", env: { NO_COLOR: undefined, TERM: "xterm", ...env } }),
      cwd: s.dir,
    });
    let output = "";
    let seen = 0; // where the next prompt is looked for
    const timer = setTimeout(() => {
      child.kill();
      fail(new Error(`no prompt "${answers[0]?.[0]}" after:\n${output}`));
    }, 15_000);
    // Decoded as a stream, so a character split between two chunks arrives whole.
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
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
      done({ code, output: output.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, ""), raw: output });
    });
  });
}

import { spawn } from "node:child_process";
import { SEND_TIMEOUT_MS } from "./channel.js";

/**
 * Runs a program without a shell (the texts are arguments or environment, never code) and
 * resolves when it exits 0; rejects saying it is missing (with `installHint`), failed or hung.
 */
export function runProgram(
  program: string,
  args: readonly string[],
  installHint: string,
  env?: NodeJS.ProcessEnv,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      stdio: ["ignore", "ignore", "pipe"],
      env: env ?? process.env,
      timeout: SEND_TIMEOUT_MS,
      windowsHide: true,
    });
    let stderr = "";
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr = (stderr + d).slice(-2000)));
    child.on("error", (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          error.code === "ENOENT"
            ? `${program} is not installed (${installHint})`
            : `${program} could not start: ${error.message}`,
        ),
      ),
    );
    child.on("close", (code, signal) => {
      if (code === 0) return resolve();
      const said = stderr.trim().split("\n").at(-1)?.slice(0, 200);
      if (signal) return reject(new Error(`${program} gave no answer within ${SEND_TIMEOUT_MS / 1000} s`));
      reject(new Error(`${program} exited with ${code}${said ? `: ${said}` : ""}`));
    });
  });
}

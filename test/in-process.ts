import { runCli } from "../src/run.js";

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * One command line run inside this process through src/run.ts (`runCli`, the boundary
 * src/main.ts runs once a process), with `env`, no terminal and no stdin: what `sandbox.runHere`
 * and the fuzz (test/fuzz/world.ts, which runs outside vitest too) run.
 */
export async function runInProcess(args: readonly string[], env: NodeJS.ProcessEnv): Promise<RunResult> {
  let [stdout, stderr] = ["", ""];
  const streams = {
    stdout: () => ({ write: (text: string) => (stdout += text) }),
    stderr: () => ({ write: (text: string) => (stderr += text) }),
    stdoutIsPlainFile: () => false,
    stdinIsTTY: () => false,
  };
  const code = await runCli(args, streams, env);
  return { code, stdout, stderr };
}

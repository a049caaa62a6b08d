/**
 * Marks kakotrack's errors: a command's bundle loaded by the program's (`help status`,
 * `--db x status`; scripts/build.mjs) throws its own copy of these classes, which `instanceof`
 * in the program's bundle misses.
 */
const KAKO_ERROR = Symbol.for("kakotrack.error");

/** An error the user can fix; carries the exit code documented in docs/design.md section 4. */
export class KakoError extends Error {
  readonly [KAKO_ERROR] = true;

  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Whether an error is a KakoError, of whichever bundle's copy: for the error-to-exit-code boundary (src/run.ts). */
export function isKakoError(error: unknown): error is KakoError {
  return typeof error === "object" && error !== null && (error as { [KAKO_ERROR]?: unknown })[KAKO_ERROR] === true;
}

/** Bad input or usage: exit 2. */
export class UsageError extends KakoError {
  constructor(message: string) {
    super(message, 2);
  }
}

/** The database cannot be opened, is not ours, is corrupt or is newer: exit 3. */
export class StorageError extends KakoError {
  constructor(message: string) {
    super(message, 3);
  }
}

/** Ctrl-C at a prompt: exit 130. */
export class Interrupted extends KakoError {
  constructor(message = "interrupted") {
    super(message, 130);
  }
}

/** `status --check` found an overdue case: exit 1 after printing normally. */
export class AttentionNeeded extends KakoError {
  constructor(message: string) {
    super(message, 1);
  }
}

/** An error the user can fix; carries the exit code documented in docs/design.md section 4. */
export class KakoError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = new.target.name;
  }
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

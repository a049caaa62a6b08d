// The only importer of @inquirer/prompts: it costs several times Node's own start-up, so
// commands load this module only when they are about to ask something.
import { confirm, input, select } from "@inquirer/prompts";
import { Interrupted } from "../errors.js";

export interface Choice<T extends string> {
  value: T;
  name?: string;
  description?: string;
}

/** Ctrl-C rejects with ExitPromptError; it becomes exit 130. */
async function interruptible<T>(ask: () => Promise<T>): Promise<T> {
  try {
    return await ask();
  } catch (error) {
    if ((error as Error).name === "ExitPromptError") throw new Interrupted("interrupted: nothing was saved");
    throw error;
  }
}

/** Asks for text; `validate` returns an error message or true. */
export function askText(options: {
  message: string;
  default?: string;
  required?: boolean;
  validate?: (value: string) => string | true;
}): Promise<string> {
  return interruptible(() =>
    input({
      message: options.message,
      default: options.default,
      required: options.required,
      validate: options.validate,
    }),
  );
}

export function askChoice<T extends string>(options: { message: string; choices: readonly Choice<T>[]; default?: T }): Promise<T> {
  return interruptible(() =>
    select<T>({ message: options.message, choices: options.choices.map((c) => ({ ...c, name: c.name ?? c.value })), default: options.default }),
  );
}

export function askConfirm(options: { message: string; default?: boolean }): Promise<boolean> {
  return interruptible(() => confirm({ message: options.message, default: options.default }));
}

import { Interrupted } from "../errors.js";

// The only importer of @inquirer/prompts. It costs several times Node's own start-up, so it
// is loaded on the first question (the build ships it as a separate file, docs/performance.md).
const inquirer = () => import("@inquirer/prompts");

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
  /** The default is put in as typed text, to be edited (a half-typed answer given back). */
  editable?: boolean;
  required?: boolean;
  validate?: (value: string) => string | true | Promise<string | true>;
  /** Told the text on every keystroke, so an interruption can keep a half-typed answer. */
  onType?: (value: string) => void;
  /** How the answer is shown once given (a date typed as "mon" shows which day it is). */
  shown?: (value: string) => string;
}): Promise<string> {
  return interruptible(async () =>
    (await inquirer()).input({
      message: options.message,
      default: options.default,
      prefill: options.editable ? "editable" : "tab",
      required: options.required,
      validate: options.validate,
      transformer:
        options.onType || options.shown
          ? (value, { isFinal }) => {
              options.onType?.(value);
              return isFinal && options.shown ? options.shown(value) : value;
            }
          : undefined,
    }),
  );
}

export function askChoice<T extends string>(options: {
  message: string;
  choices: readonly Choice<T>[];
  default?: T;
}): Promise<T> {
  return interruptible(async () =>
    (await inquirer()).select<T>({
      message: options.message,
      choices: options.choices.map((c) => ({ ...c, name: c.name ?? c.value })),
      default: options.default,
    }),
  );
}

export function askConfirm(options: { message: string; default?: boolean }): Promise<boolean> {
  return interruptible(async () => (await inquirer()).confirm({ message: options.message, default: options.default }));
}

import { join } from "node:path";
import type { Context } from "../src/context.js";
import { tempDir } from "./helpers.js";

// What the prompt tests share: @inquirer/prompts with each prompt handed to a test's driver
// (which renders it with @inquirer/testing and types), and a terminal context on a temporary
// database.

type Prompts = typeof import("@inquirer/prompts");
type Drive = (prompt: any, props: any) => Promise<unknown>;

/** The prompt library with input, select and confirm driven by `drive` (for vi.mock's factory). */
export function drivenPrompts(real: Prompts, drive: Drive): Prompts {
  return {
    ...real,
    input: ((props: unknown) => drive(real.input, props)) as Prompts["input"],
    select: ((props: unknown) => drive(real.select, props)) as Prompts["select"],
    confirm: ((props: unknown) => drive(real.confirm, props)) as Prompts["confirm"],
  };
}

/** The entry of `script` for a prompt's message: the longest key it starts with ("Item URL" must not take "Item"'s). */
export function stepFor<T extends object>(script: Map<string, T>, message: unknown): Partial<T> {
  const key = [...script.keys()].filter((k) => String(message).startsWith(k)).sort((a, b) => b.length - a.length)[0];
  return key === undefined ? {} : script.get(key)!;
}

type Rendered = Awaited<ReturnType<typeof import("@inquirer/testing").render>>;

/** After an answer the prompt refuses: its redrawn screen into `screens`, then `typed` erased, `again` typed, Enter. */
export async function retype(
  { events, getScreen }: Pick<Rendered, "events" | "getScreen">,
  screens: string[],
  typed: string,
  again: string,
): Promise<void> {
  await new Promise((r) => setTimeout(r, 10));
  screens.push(getScreen());
  for (let i = 0; i < typed.length; i++) events.keypress("backspace");
  events.type(again);
  events.keypress("enter");
}

/**
 * A context as on a terminal (prompts allowed), on its own temporary database (removed after the
 * test, `tempDir`); what it prints goes to `out`.
 */
export function promptContext(today = "2026-11-02"): { ctx: Context; out: string[]; dir: string } {
  const out: string[] = [];
  const dir = tempDir("kakotrack-prompt-");
  const ctx: Context = {
    today,
    now: `${today}T12:00`,
    env: { KAKOTRACK_DB: join(dir, "k.db"), HOME: dir },
    stdout: (t) => out.push(t),
    stderr: (t) => out.push(t),
    interactive: true,
    stdoutIsTTY: false,
    columns: undefined,
    clock: () => "12:00:00",
    utcNow: () => "2026-11-20T12:00:00.000Z",
  };
  return { ctx, out, dir };
}

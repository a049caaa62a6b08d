import { describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli.js";
import { COMMANDS } from "../../src/commands/index.js";
import type { Context } from "../../src/context.js";

const ctx: Context = {
  today: "2026-11-20",
  now: "2026-11-20T12:00",
  env: {},
  stdout: () => {},
  stderr: () => {},
  interactive: false,
  stdoutIsTTY: false,
  columns: undefined,
  clock: () => "12:00:00",
  utcNow: () => "2026-11-20T12:00:00.000Z",
};

const names = async (args: string[]) => (await buildProgram(ctx, args)).commands.map((c) => c.name());

describe("the program", () => {
  it("lists every command of the list, by its entry, when no one command is asked for", async () => {
    expect(await names([])).toEqual(COMMANDS.map((c) => c.name));
    expect(await names(["frobnicate"])).toEqual(COMMANDS.map((c) => c.name));
    // Listed by entry: no command's module (its options) was loaded.
    expect((await buildProgram(ctx, ["--help"])).commands.every((c) => c.options.length === 0)).toBe(true);
  });

  it("sets up only the command a command line asks for, after global options, with its options", async () => {
    const program = await buildProgram(ctx, ["status", "--json"]);
    expect(program.commands.map((c) => c.name())).toEqual(["status"]);
    expect(program.commands[0]!.options.map((o) => o.long)).toContain("--json");
    expect(await names(["--db", "x.db", "--no-color", "advance", "3"])).toEqual(["advance"]);
    expect(await names(["help", "status"])).toEqual(["status"]);
  });

  it("loads every entry's module, whose details complete the entry", async () => {
    for (const entry of COMMANDS) {
      const details = await entry.load();
      expect(typeof details.run, entry.name).toBe("function");
      expect(details.examples.length, entry.name).toBeGreaterThan(0);
      expect(
        details.examples.every((line) => line.startsWith(`kakotrack ${entry.name}`)),
        entry.name,
      ).toBe(true);
    }
  });
});

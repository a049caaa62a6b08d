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

describe("the program", () => {
  it("registers every command of the list when all are wanted", () => {
    expect(buildProgram(ctx, []).commands.map((c) => c.name())).toEqual(COMMANDS.map((c) => c.name));
    expect(buildProgram(ctx, ["help", "status"]).commands).toHaveLength(COMMANDS.length);
    expect(buildProgram(ctx, ["frobnicate"]).commands).toHaveLength(COMMANDS.length);
  });

  it("sets up only the command a command line asks for, after global options", () => {
    expect(buildProgram(ctx, ["status", "--json"]).commands.map((c) => c.name())).toEqual(["status"]);
    expect(buildProgram(ctx, ["--db", "x.db", "--no-color", "advance", "3"]).commands.map((c) => c.name())).toEqual(["advance"]);
  });
});

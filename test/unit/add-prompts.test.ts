import { render } from "@inquirer/testing";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ADD_MISSING_FLAGS } from "../helpers.js";
import { promptContext } from "../prompt-context.js";
import { runCommand } from "../run-command.js";

// Each prompt add shows is rendered with @inquirer/testing and answered by a script: the
// real prompt code runs (defaults, choices, validation), only the terminal is simulated.
type Step = { type?: string; down?: number; expectError?: RegExp; retype?: string; ctrlC?: boolean };
const script = new Map<string, Step>();
const screens: string[] = [];

async function drive(prompt: any, props: any): Promise<unknown> {
  const { answer, events, getScreen } = await render(prompt, props);
  // The longest matching prefix: "Item URL" must not take the answer meant for "Item".
  const key = [...script.keys()]
    .filter((k) => String(props.message).startsWith(k))
    .sort((a, b) => b.length - a.length)[0];
  const step = key === undefined ? {} : script.get(key)!;
  screens.push(getScreen());
  if (step.ctrlC) {
    events.keypress({ name: "c", ctrl: true });
    return answer;
  }
  for (let i = 0; i < (step.down ?? 0); i++) events.keypress("down");
  if (step.type) events.type(step.type);
  events.keypress("enter");
  if (step.expectError) {
    // The prompt validates the answer and redraws with the error: wait for that, not for a while.
    await vi.waitFor(() => expect(getScreen()).toMatch(step.expectError!), { timeout: 10_000 });
    screens.push(getScreen());
    for (let i = 0; i < (step.type?.length ?? 0); i++) events.keypress("backspace");
    events.type(step.retype ?? "");
    events.keypress("enter");
  }
  return answer;
}

vi.mock("@inquirer/prompts", async (importOriginal) => {
  const real = await importOriginal<typeof import("@inquirer/prompts")>();
  return {
    ...real,
    input: (props: unknown) => drive(real.input, props),
    select: (props: unknown) => drive(real.select, props),
    confirm: (props: unknown) => drive(real.confirm, props),
  };
});

afterEach(() => {
  script.clear();
  screens.length = 0;
});

describe("interactive add", () => {
  it("asks for every field the flags did not give, with defaults, choices and validation", async () => {
    const { add } = await import("../../src/commands/add.js");
    const { status } = await import("../../src/commands/status.js");
    script.set("Agent order number", { type: "KB-2001" });
    script.set("Item", { type: "linen shirt" });
    script.set("Item URL", {});
    script.set("Seller", { type: "Good Store" });
    script.set("Price paid", { type: "12,50", expectError: /not an amount/, retype: "88.50" });
    script.set("Defect", { down: 2 }); // flaw, wrong-colour, wrong-size
    script.set("What is wrong", { type: "size M instead of L" });
    script.set("What do you want", { down: 1 }); // refund
    script.set("Paid with", { down: 1 }); // card
    script.set("Request submitted on", { type: "2026-02-30", expectError: /not a valid date/, retype: "2026-11-01" });
    const { ctx, out } = promptContext();
    await runCommand(add, ctx, { options: { agent: "CSSBuy" } });
    const errors = screens.filter((screen) => screen.includes(">"));
    expect(errors[0]).toMatch(/not an amount in CNY/);
    expect(errors[1]).toMatch(/"2026-02-30" is not a valid date/);
    expect(out.join("")).toMatch(/^Recorded case #1: KB-2001 linen shirt \(refund, 88\.50 CNY\), opened 2026-11-01\./);

    out.length = 0;
    await runCommand(status, ctx, { options: { asOf: "2026-11-02", json: true } });
    const json = JSON.parse(out.join(""));
    expect(json.cases[0]).toMatchObject({
      agent: "CSSBuy",
      orderNo: "KB-2001",
      item: "linen shirt",
      seller: "Good Store",
      resolution: "refund",
      openedOn: "2026-11-01",
    });
  });

  it("asks whether the request was sent where it would ask its date: not yet makes the case spotted, without a day 0", async () => {
    const { add } = await import("../../src/commands/add.js");
    const { show } = await import("../../src/commands/show.js");
    script.set("Agent order number", { type: "KB-2002" });
    script.set("Item", { type: "cap" });
    script.set("Item URL", {});
    script.set("Stored in the agent's warehouse", { type: "2026-11-01 09:30" });
    script.set("What is wrong", { type: "torn" });
    script.set("Have you already sent the request", { type: "n" });
    const { ctx, out } = promptContext();
    await runCommand(add, ctx, { options: {} });
    const asked = screens.map((screen) => screen.split("\n")[0]!);
    expect(asked.findIndex((q) => q.includes("already sent"))).toBe(asked.findIndex((q) => q.includes("Paid with")) + 1);
    expect(asked.some((q) => q.includes("Request submitted on"))).toBe(false);
    expect(out.join("")).toMatch(/^Recorded case #1: KB-2002 cap \(exchange\), spotted 2026-11-02; the request is not sent yet\.\nReturn window: 120 h after stock-in \(2026-11-01 09:30\), closes 2026-11-06 09:30\./);
    out.length = 0;
    await runCommand(show, ctx, { args: ["1"], options: { json: true } });
    expect(JSON.parse(out.join(""))).toMatchObject({ stage: "spotted", openedOn: null, storedAt: "2026-11-01T09:30", returnWindowClosesAt: "2026-11-06T09:30" });
  });

  // Without a terminal it never asks either: test/e2e/core.test.ts, with the same message.
  it("never prompts on a terminal with --yes, and names the missing flags", async () => {
    const { add } = await import("../../src/commands/add.js");
    const { ctx } = promptContext();
    await expect(runCommand(add, ctx, { options: { yes: true, order: "KB-1" } })).rejects.toThrow(ADD_MISSING_FLAGS);
    expect(screens).toEqual([]);
  });

  it("keeps what was typed when Ctrl-C interrupts, stores no case, and offers it back next time", async () => {
    const { add } = await import("../../src/commands/add.js");
    const { list } = await import("../../src/commands/list.js");
    const { ctx, out } = promptContext();
    script.set("Agent order number", { type: "KB-3001" });
    script.set("Item", { type: "wool coat" });
    script.set("Item URL", {});
    script.set("Seller", { type: "Warm Store" });
    script.set("Price paid", { ctrlC: true });
    await expect(runCommand(add, ctx, { options: { agent: "CSSBuy" } })).rejects.toMatchObject({ exitCode: 130, message: expect.stringMatching(/kept/) });
    out.length = 0;
    await runCommand(list, ctx, { options: { all: true, json: true } });
    expect(JSON.parse(out.join(""))).toEqual([]);

    // The next add offers the draft; accepting fills the typed answers in as defaults.
    script.clear();
    screens.length = 0;
    script.set("Resume", {});
    script.set("Price paid", { type: "300" });
    script.set("Defect", {});
    script.set("What is wrong", { type: "moth holes" });
    script.set("What do you want", {});
    script.set("Paid with", {});
    out.length = 0;
    await runCommand(add, ctx, { options: {} });
    expect(screens.find((s) => s.includes("Resume"))).toMatch(/Resume KB-3001 wool coat, interrupted at 2026-11-02T12:00:00\?/);
    expect(screens.find((s) => s.includes("Agent order number"))).toContain("KB-3001");
    expect(out.join("")).toMatch(/Recorded case #1: KB-3001 wool coat \(exchange, 300\.00 CNY\)/);
    out.length = 0;
    await runCommand(list, ctx, { options: { all: true, json: true } });
    expect(JSON.parse(out.join(""))[0]).toMatchObject({ agent: "CSSBuy", seller: "Warm Store", description: "moth holes" });

    // Finished, so the draft is gone: the next add asks nothing about it.
    script.clear();
    screens.length = 0;
    script.set("Agent", { ctrlC: true });
    await expect(runCommand(add, ctx, { options: {} })).rejects.toMatchObject({ exitCode: 130 });
    expect(screens.some((s) => s.includes("Resume"))).toBe(false);
  });

  it("discards the draft when the buyer declines it", async () => {
    const { add } = await import("../../src/commands/add.js");
    const { ctx } = promptContext();
    script.set("Agent order number", { type: "KB-1" });
    script.set("Item", { ctrlC: true });
    await expect(runCommand(add, ctx, { options: { agent: "CSSBuy" } })).rejects.toMatchObject({ exitCode: 130 });
    script.clear();
    script.set("Resume", { type: "n" });
    script.set("Agent", { ctrlC: true });
    await expect(runCommand(add, ctx, { options: {} })).rejects.toMatchObject({ exitCode: 130 });
    script.clear();
    screens.length = 0;
    script.set("Agent", { ctrlC: true });
    await expect(runCommand(add, ctx, { options: {} })).rejects.toMatchObject({ exitCode: 130 });
    expect(screens.some((s) => s.includes("Resume"))).toBe(false);
  });
});

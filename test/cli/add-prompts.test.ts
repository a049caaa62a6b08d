import { render } from "@inquirer/testing";
import { afterEach, describe, expect, it, vi } from "vitest";
import { promptContext, retype, stepFor } from "../prompt-harness.js";
import { runCommand } from "../run-command.js";

// Each prompt add shows is rendered with @inquirer/testing and answered by a script: the
// real prompt code runs (defaults, choices, validation), only the terminal is simulated.
type Step = { type?: string; down?: number; expectError?: RegExp; retype?: string; ctrlC?: boolean };
const script = new Map<string, Step>();
const screens: string[] = [];

async function drive(prompt: any, props: any): Promise<unknown> {
  const { answer, events, getScreen } = await render(prompt, props);
  const step = stepFor(script, props.message);
  screens.push(getScreen());
  if (step.ctrlC) {
    events.keypress({ name: "c", ctrl: true });
    return answer;
  }
  for (let i = 0; i < (step.down ?? 0); i++) events.keypress("down");
  if (step.type) events.type(step.type);
  events.keypress("enter");
  if (step.expectError) await retype({ events, getScreen }, screens, step.type ?? "", step.retype ?? "");
  return answer;
}

vi.mock("@inquirer/prompts", async (importOriginal) => {
  const { drivenPrompts } = await import("../prompt-harness.js");
  return drivenPrompts(await importOriginal(), drive);
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
    script.set("Request submitted on", {
      type: "2026-02-30",
      expectError: /February 2026 has 28 days/,
      retype: "2026-11-01",
    });
    const { ctx, out } = promptContext("2026-11-02");
    await runCommand(add, ctx, { options: { agent: "CSSBuy" } });
    const errors = screens.filter((screen) => screen.includes(">"));
    expect(errors[0]).toMatch(/not an amount in CNY/);
    expect(errors[1]).toMatch(/2026-02-30: February 2026 has 28 days/);
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

  it("never prompts with --yes and names the missing flags", async () => {
    const { add } = await import("../../src/commands/add.js");
    const { ctx } = promptContext("2026-11-02");
    await expect(runCommand(add, ctx, { options: { yes: true, order: "KB-1" } })).rejects.toThrow(
      /missing --item, --defect, --description, --resolution, --payment/,
    );
  });

  it("keeps what was typed when Ctrl-C interrupts, stores no case, and offers it back next time", async () => {
    const { add } = await import("../../src/commands/add.js");
    const { list } = await import("../../src/commands/list.js");
    const { ctx, out } = promptContext("2026-11-02");
    script.set("Agent order number", { type: "KB-3001" });
    script.set("Item", { type: "wool coat" });
    script.set("Item URL", {});
    script.set("Seller", { type: "Warm Store" });
    script.set("Price paid", { ctrlC: true });
    await expect(runCommand(add, ctx, { options: { agent: "CSSBuy" } })).rejects.toMatchObject({
      exitCode: 130,
      message: expect.stringMatching(/kept/),
    });
    out.length = 0;
    await runCommand(list, ctx, { options: { all: true, json: true } });
    expect(JSON.parse(out.join(""))).toEqual([]);

    // The next add offers the draft; accepting keeps the typed answers and asks the rest.
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
    expect(screens.find((s) => s.includes("Resume"))).toMatch(
      /Resume KB-3001 wool coat, interrupted at 2026-11-02T12:00:00\?/,
    );
    // Resumed, the answered fields are not asked again (issue 18).
    expect(screens.some((s) => s.includes("Agent order number"))).toBe(false);
    expect(out.join("")).toMatch(/Recorded case #1: KB-3001 wool coat \(exchange, 300\.00 CNY\)/);
    out.length = 0;
    await runCommand(list, ctx, { options: { all: true, json: true } });
    expect(JSON.parse(out.join(""))[0]).toMatchObject({
      agent: "CSSBuy",
      seller: "Warm Store",
      description: "moth holes",
    });

    // Finished, so the draft is gone: the next add asks nothing about it.
    script.clear();
    screens.length = 0;
    script.set("Agent", { ctrlC: true });
    await expect(runCommand(add, ctx, { options: {} })).rejects.toMatchObject({ exitCode: 130 });
    expect(screens.some((s) => s.includes("Resume"))).toBe(false);
  });

  it("discards the draft when the buyer declines it", async () => {
    const { add } = await import("../../src/commands/add.js");
    const { ctx } = promptContext("2026-11-02");
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

  it("takes the stock-in time in the words --date takes, with a time (issue 26 item 5)", async () => {
    const { add } = await import("../../src/commands/add.js");
    script.set("Stored in the agent's warehouse", {
      type: "someday",
      expectError: /not a date and time/,
      retype: "yesterday 14:00",
    });
    const { ctx, out } = promptContext("2026-11-02");
    await runCommand(add, ctx, {
      options: {
        stage: "spotted",
        order: "KB-9",
        item: "cap",
        defect: "flaw",
        description: "x",
        resolution: "refund",
        payment: "card",
      },
    });
    expect(out.join("")).toContain("Return window: 120 h after stock-in (2026-11-01 14:00)");
  });
});

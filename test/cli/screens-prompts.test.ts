import { render } from "@inquirer/testing";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Context } from "../../src/context.js";
import { promptContext, retype, stepFor } from "../prompt-harness.js";
import { runCommand } from "../run-command.js";

// Issue 18's prompts, rendered with @inquirer/testing and answered by a script of keystrokes:
// dates typed as a person says them, a resumed draft that skips what was answered and gives
// back a half-typed answer, and an edit that does not ask what can no longer change.
type Answer = { keys?: string; enter?: boolean; ctrlC?: boolean; retype?: string };
const answers = new Map<string, Answer>();
const asked: string[] = [];
const screens: string[] = [];

async function answer(prompt: any, props: any): Promise<unknown> {
  const { answer: done, events, getScreen } = await render(prompt, props);
  asked.push(String(props.message));
  const step = stepFor(answers, props.message);
  if (step.keys) events.type(step.keys);
  screens.push(getScreen());
  if (step.ctrlC) {
    events.keypress({ name: "c", ctrl: true });
    return done;
  }
  if (step.enter !== false) events.keypress("enter");
  if (step.retype !== undefined) await retype({ events, getScreen }, screens, step.keys ?? "", step.retype);
  await new Promise((r) => setTimeout(r, 5));
  screens.push(getScreen());
  return done;
}

vi.mock("@inquirer/prompts", async (importOriginal) => {
  const { drivenPrompts } = await import("../prompt-harness.js");
  return drivenPrompts(await importOriginal(), answer);
});

afterEach(() => {
  answers.clear();
  asked.length = 0;
  screens.length = 0;
});

async function listed(ctx: Context, out: string[]): Promise<any[]> {
  const { list } = await import("../../src/commands/list.js");
  out.length = 0;
  await runCommand(list, ctx, { options: { all: true, json: true } });
  return JSON.parse(out.join(""));
}

const minimal = (order: string) => {
  answers.set("Agent order number", { keys: order });
  answers.set("Item", { keys: "linen shirt" });
  answers.set("Item URL", {});
  answers.set("What is wrong", { keys: "torn" });
};

describe("prompts speak to a person", () => {
  it("takes a date typed in words, shows which day it is, and says what is wrong in words", async () => {
    const { add } = await import("../../src/commands/add.js");
    const { ctx, out } = promptContext("2026-11-20"); // Friday 2026-11-20
    minimal("KB-1");
    answers.set("Price paid", { keys: "¥139", retype: "139" });
    answers.set("Item URL", { keys: "weidian.com/item.html?itemID=9" });
    answers.set("Request submitted on", { keys: "someday", retype: "mon" });
    await runCommand(add, ctx, { options: { agent: "CSSBuy" } });
    // The terminal is 80 columns wide: messages wrap.
    const errors = screens.filter((s) => s.includes("> ")).map((s) => s.replace(/\s+/g, " "));
    expect(errors[0]).toMatch(/> "¥139" is not an amount in CNY: use digits/);
    expect(errors[1]).toMatch(/> "someday" is not a valid date \(use YYYY-MM-DD, today, yesterday, 3 days ago, mon/);
    for (const e of errors) expect(e).not.toMatch(/--(price|date)/);
    expect(screens.some((s) => s.includes("Request submitted on mon (Mon 16 Nov 2026)"))).toBe(true);
    const [c] = await listed(ctx, out);
    expect(c).toMatchObject({
      openedOn: "2026-11-16",
      price: "139.00",
      itemUrl: "https://weidian.com/item.html?itemID=9",
    });
  });

  it("reads yesterday, 3 days ago and 5 Nov in the date prompt", async () => {
    const { add } = await import("../../src/commands/add.js");
    for (const [typed, date] of [
      ["yesterday", "2026-11-19"],
      ["3 days ago", "2026-11-17"],
      ["5 Nov", "2026-11-05"],
    ] as const) {
      const { ctx, out } = promptContext("2026-11-20");
      minimal("KB-2");
      answers.set("Request submitted on", { keys: typed });
      await runCommand(add, ctx, { options: { agent: "CSSBuy" } });
      expect((await listed(ctx, out))[0].openedOn).toBe(date);
      answers.clear();
    }
  });
});

describe("resuming a draft", () => {
  it("skips the answered fields and gives back the half-typed answer", async () => {
    const { add } = await import("../../src/commands/add.js");
    const { ctx, out } = promptContext("2026-11-20");
    answers.set("Agent order number", { keys: "KB-3001" });
    answers.set("Item", { keys: "wool coat" });
    answers.set("Item URL", {});
    answers.set("Seller", { keys: "Warm Store" });
    answers.set("Price paid", { keys: "29", ctrlC: true }); // half-typed, then Ctrl-C
    await expect(runCommand(add, ctx, { options: { agent: "CSSBuy" } })).rejects.toMatchObject({ exitCode: 130 });
    expect(await listed(ctx, out)).toEqual([]);

    answers.clear();
    asked.length = 0;
    screens.length = 0;
    answers.set("Resume", {});
    answers.set("Price paid", { keys: "9.50" }); // the line already holds "29"
    answers.set("What is wrong", { keys: "moth holes" });
    await runCommand(add, ctx, { options: {} });
    expect(asked.filter((m) => /^(Agent|Item|Seller|Currency)/.test(m))).toEqual([]);
    expect(asked[0]).toMatch(/^Resume KB-3001 wool coat/);
    expect(asked[1]).toMatch(/^Price paid/);
    const [c] = await listed(ctx, out);
    expect(c).toMatchObject({
      agent: "CSSBuy",
      orderNo: "KB-3001",
      item: "wool coat",
      seller: "Warm Store",
      price: "299.50",
      description: "moth holes",
    });
  });

  it("keeps a half-typed answer of an interrupted resume too", async () => {
    const { add } = await import("../../src/commands/add.js");
    const { ctx, out } = promptContext("2026-11-20");
    answers.set("Agent order number", { keys: "KB-4", ctrlC: true });
    await expect(runCommand(add, ctx, { options: { agent: "CSSBuy" } })).rejects.toMatchObject({ exitCode: 130 });
    answers.clear();
    answers.set("Resume", {});
    answers.set("Agent order number", { keys: "01" });
    answers.set("Item", { keys: "belt" });
    answers.set("Item URL", {});
    answers.set("What is wrong", { keys: "scratch" });
    await runCommand(add, ctx, { options: {} });
    expect((await listed(ctx, out))[0]).toMatchObject({ orderNo: "KB-401", item: "belt" });
  });
});

/** A case opened 2026-11-10 that the agent reviewed on 2026-11-12. */
async function underWay(resolution: string) {
  const { add } = await import("../../src/commands/add.js");
  const { advance } = await import("../../src/commands/advance.js");
  const { ctx, out } = promptContext("2026-11-20");
  const fields = {
    order: "KB-5",
    item: "grey hoodie",
    defect: "flaw",
    description: "stain",
    resolution,
    payment: "card",
    date: "2026-11-10",
  };
  await runCommand(add, ctx, { options: { yes: true, ...fields } });
  await runCommand(advance, ctx, { args: ["1", "agent-reviewed"], options: { date: "2026-11-12" } });
  out.length = 0;
  return { ctx, out };
}

describe("interactive edit", () => {
  it("does not ask for the resolution once the case has moved past requested, and keeps the other edits", async () => {
    const { edit } = await import("../../src/commands/edit.js");
    const { ctx, out } = await underWay("exchange");
    answers.set("Item", { keys: "black hoodie" });
    answers.set("Item URL", {});
    answers.set("Request submitted on", { keys: "5 Nov" });
    await runCommand(edit, ctx, { args: ["1"] });
    expect(asked.some((m) => m.startsWith("What do you want"))).toBe(false);
    expect(out.join("")).toContain("The resolution stays exchange: the case has moved past requested.");
    expect(out.join("")).toMatch(/Edited case #1: item: grey hoodie → black hoodie; date: 2026-11-10 → 2026-11-05\./);
  });

  it("checks day 0 against the case's first move as it is typed", async () => {
    const { edit } = await import("../../src/commands/edit.js");
    const { ctx, out } = await underWay("refund");
    answers.set("Request submitted on", { keys: "yesterday", retype: "11-09" });
    await runCommand(edit, ctx, { args: ["1"] });
    expect(screens.find((s) => s.includes("> "))!.replace(/\s+/g, " ")).toMatch(
      /> day 0 \(2026-11-19\) cannot be after the case reached agent-reviewed on 2026-11-12/,
    );
    expect(out.join("")).toMatch(/date: 2026-11-10 → 2026-11-09/);
  });
});

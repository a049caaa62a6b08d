import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { render } from "@inquirer/testing";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Context } from "../../src/context.js";
import { promptContext } from "../prompt-harness.js";
import { runCommand } from "../run-command.js";

// Issue 17 item 8: interactive add asks for evidence, several items, skippable. The real
// prompt runs (@inquirer/testing renders it); each answer is typed from a queue per prompt.
/** An answer: typed and accepted, refused with an error (then erased), or Ctrl-C. */
type Answer = string | { refused: string; error: RegExp } | { ctrlC: true };
const answers: Array<[prefix: string, answer: Answer]> = [];
const screens: string[] = [];

/** Answers a prompt from the queue, until an answer it accepts (or Ctrl-C). */
async function drive(prompt: any, props: any): Promise<unknown> {
  const { answer, events, getScreen } = await render(prompt, props);
  screens.push(getScreen());
  for (;;) {
    const at = answers.findIndex(([prefix]) => String(props.message).startsWith(prefix));
    if (at < 0) throw new Error(`unexpected prompt: ${props.message}`);
    const [, next] = answers.splice(at, 1)[0]!;
    if (typeof next === "object" && "ctrlC" in next) {
      events.keypress({ name: "c", ctrl: true });
      return answer;
    }
    const typed = typeof next === "string" ? next : next.refused;
    events.type(typed);
    events.keypress("enter");
    if (typeof next === "string") return answer;
    // The prompt validates the answer and redraws with the error: wait for that, not for a while.
    await vi.waitFor(() => expect(getScreen().replace(/\s+/g, " ")).toMatch(next.error), { timeout: 10_000 });
    screens.push(getScreen());
    for (let i = 0; i < typed.length; i++) events.keypress("backspace");
  }
}

vi.mock("@inquirer/prompts", async (importOriginal) => {
  const real = await importOriginal<typeof import("@inquirer/prompts")>();
  return {
    ...real,
    input: (props: unknown) => drive(real.input, props),
    confirm: (props: unknown) => drive(real.confirm, props),
  };
});

afterEach(() => {
  answers.length = 0;
  screens.length = 0;
});

// Every field as a flag: the only questions left are the evidence ones.
const FIELDS = {
  agent: "KakoBuy",
  order: "KB-1",
  item: "jeans",
  url: "",
  seller: "",
  currency: "CNY",
  price: "",
  defect: "wrong-size",
  description: "28 instead of 30",
  phase: "qc",
  resolution: "refund",
  payment: "card",
  date: "2026-11-02",
  note: "",
  stored: "",
};

async function evidenceOf(ctx: Context): Promise<Array<[string, string]>> {
  const { show } = await import("../../src/commands/show.js");
  const out: string[] = [];
  await runCommand(show, { ...ctx, stdout: (t) => out.push(t) }, { args: ["1"], options: { json: true } });
  return JSON.parse(out.join("")).evidence.map((e: any) => [e.kind, e.name]);
}

describe("interactive add asks for evidence", () => {
  it("takes several files and links, a dragged file's quoted or escaped path, checking each as typed", async () => {
    const { add } = await import("../../src/commands/add.js");
    const { ctx, out, dir } = promptContext();
    writeFileSync(join(dir, "QC photo 1.jpg"), "one");
    writeFileSync(join(dir, "QC photo 2.jpg"), "two");
    answers.push(
      ["Evidence: a QC photo", `'${join(dir, "QC photo 1.jpg")}'`], // as a terminal pastes a dragged file
      ["Another file or link (1 so far", { refused: join(dir, "nope.jpg"), error: /does not exist/ }],
      ["Another file or link (1 so far", `${join(dir, "QC\\ photo\\ 2.jpg")}`],
      ["Another file or link (2 so far", { refused: `"${join(dir, "QC photo 1.jpg")}"`, error: /already on the list/ }],
      ["Another file or link (2 so far", "https://imgur.com/a/qc"],
      ["Another file or link (3 so far", ""],
    );
    await runCommand(add, ctx, { options: FIELDS });
    // The missing file and the one already on the list were refused where they were typed.
    const shown = screens.join("\n").replace(/\s+/g, " "); // the screen wraps at 80 columns
    expect(shown).toContain(`> evidence file ${join(dir, "nope.jpg")} does not exist (check the path)`);
    expect(shown).toContain(
      `> ${join(dir, "QC photo 1.jpg")} is already on the list; give another, or Enter when done`,
    );
    expect(answers).toEqual([]);
    expect(out.join("")).toMatch(
      /Recorded case #1: KB-1 jeans \(refund\)[\s\S]*Stored QC photo 1\.jpg \(3 B, sha256 [0-9a-f]{12}…\) for case #1\.\nStored QC photo 2\.jpg[\s\S]*Linked https:\/\/imgur\.com\/a\/qc to case #1\./,
    );
    expect(await evidenceOf(ctx)).toEqual([
      ["file", "QC photo 1.jpg"],
      ["file", "QC photo 2.jpg"],
      ["url", "https://imgur.com/a/qc"],
    ]);
  });

  it("is skipped with Enter, and not asked when --evidence was given", async () => {
    const { add } = await import("../../src/commands/add.js");
    const { ctx, dir } = promptContext();
    answers.push(["Evidence: a QC photo", ""]);
    await runCommand(add, ctx, { options: FIELDS });
    expect(await evidenceOf(ctx)).toEqual([]);

    writeFileSync(join(dir, "qc.jpg"), "qc");
    screens.length = 0;
    await runCommand(add, ctx, { options: { ...FIELDS, order: "KB-2", evidence: [join(dir, "qc.jpg")] } });
    expect(screens).toEqual([]);
  });

  it("keeps the evidence given so far in the draft on Ctrl-C, and the next add offers it back", async () => {
    const { add } = await import("../../src/commands/add.js");
    const { ctx, out, dir } = promptContext();
    writeFileSync(join(dir, "qc.jpg"), "qc");
    answers.push(["Evidence: a QC photo", join(dir, "qc.jpg")], ["Another file or link", { ctrlC: true }]);
    await expect(runCommand(add, ctx, { options: FIELDS })).rejects.toMatchObject({ exitCode: 130 });

    const { order: _order, item: _item, ...rest } = FIELDS;
    // Resumed, the answered fields are not asked again; the evidence goes on from the draft.
    answers.push(["Resume KB-1 jeans", ""], ["Another file or link (1 so far", ""]);
    out.length = 0;
    await runCommand(add, ctx, { options: rest });
    expect(answers).toEqual([]);
    expect(out.join("")).toMatch(/Recorded case #1: KB-1 jeans[\s\S]*Stored qc\.jpg/);
    expect(await evidenceOf(ctx)).toEqual([["file", "qc.jpg"]]);
  });
});

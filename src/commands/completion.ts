import { STAGES } from "../domain/case/model.js";
import { parseChoice } from "../domain/case/parse.js";
import {
  type CompletionCommand,
  type CompletionModel,
  type CompletionOption,
  renderCompletion,
  SHELLS,
  type Values,
} from "../ui/completion.js";
import type { CommandSpec } from "./shared/spec.js";
import { defineCommand, loadSpec } from "./shared/spec.js";

/** Values of arguments and option values by their name in the specs ("<id>", "--date <date>"). */
const BY_NAME: Record<string, Values> = {
  id: "ids",
  stage: STAGES,
  file: "files",
  "file-or-url": "files",
  path: "files",
  date: ["today", "yesterday", "mon", "tue", "wed", "thu", "fri", "sat", "sun"],
};

/** A command's spec as the completion scripts see it. */
function completionCommand(spec: CommandSpec): CompletionCommand {
  const options = Object.values(spec.options).map((o): CompletionOption => {
    const value = /<([^>]+)>/.exec(o.flags)?.[1];
    return {
      names: o.flags.split(/[ ,]+/).filter((part) => part.startsWith("-")),
      takesValue: value !== undefined,
      values: o.choices ?? (value === undefined ? undefined : BY_NAME[value]),
      help: o.help,
    };
  });
  const args = [...(spec.args ?? "").matchAll(/[<[]([^>\]]+?)(\.\.\.)?[>\]]/g)].map((m) => ({
    name: m[1]!,
    values: spec.argChoices?.[m[1]!] ?? BY_NAME[m[1]!],
  }));
  return {
    name: spec.name,
    help: spec.description,
    options,
    args,
    repeatsLast: /\.\.\.[>\]]\s*$/.test(spec.args ?? ""),
  };
}

export const completion = defineCommand({
  argChoices: { shell: SHELLS },
  options: {},
  examples: [
    "kakotrack completion bash > ~/.local/share/bash-completion/completions/kakotrack",
    "kakotrack completion zsh > ~/.zfunc/_kakotrack",
    "kakotrack completion fish > ~/.config/fish/completions/kakotrack.fish",
  ],
  notes: "Commands, options, stage and outcome names, and case ids (from `kakotrack list --all --ids`) complete.",
  async run(ctx, { args: [shell], commands }) {
    const which = parseChoice(shell!, SHELLS, "the shell");
    const model: CompletionModel = {
      program: "kakotrack",
      globalOptions: [
        { names: ["--db"], takesValue: true, values: "files", help: "database file" },
        { names: ["--no-color"], takesValue: false, values: undefined, help: "plain output without colours" },
        { names: ["-h", "--help"], takesValue: false, values: undefined, help: "help" },
        { names: ["-V", "--version"], takesValue: false, values: undefined, help: "version" },
      ],
      commands: (await Promise.all(commands.map(loadSpec))).map(completionCommand),
    };
    ctx.stdout(renderCompletion(which, model));
  },
});

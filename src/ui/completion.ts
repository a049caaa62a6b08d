/**
 * Shell completion scripts (bash, zsh, fish) written from the command list (issue 18): every
 * command, its options, the values an option or argument takes, and case ids, which the
 * scripts ask `kakotrack list --all --ids` for (one indexed read).
 */

/** What a value is completed from: these words, the case ids, or file names. */
export type Values = readonly string[] | "ids" | "files" | undefined;

export interface CompletionOption {
  /** "-y", "--yes". */
  names: readonly string[];
  /** The option takes a value, completed from these. */
  takesValue: boolean;
  values: Values;
  help: string;
}

export interface CompletionCommand {
  name: string;
  help: string;
  options: readonly CompletionOption[];
  /** The positional arguments in order; the last one may repeat. */
  args: ReadonlyArray<{ name: string; values: Values }>;
  repeatsLast: boolean;
}

export interface CompletionModel {
  program: string;
  globalOptions: readonly CompletionOption[];
  commands: readonly CompletionCommand[];
}

export const SHELLS = ["bash", "zsh", "fish"] as const;
export type Shell = (typeof SHELLS)[number];

const IDS = "@ids";
const FILES = "@files";

function words(values: Values): string {
  return values === "ids" ? IDS : values === "files" ? FILES : (values ?? []).join(" ");
}

/** sh single quotes around text. */
function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The case arms that bash and zsh share: what each command's options and arguments complete to. */
function shellHelpers(m: CompletionModel): string {
  const fn = m.program.replace(/[^a-z0-9]/gi, "_");
  const arms = (pick: (c: CompletionCommand) => string): string =>
    m.commands.map((c) => `    ${c.name}) echo ${quote(pick(c))} ;;`).join("\n");
  const valueArms = m.commands
    .flatMap((c) =>
      c.options
        .filter((o) => o.takesValue && o.values !== undefined)
        .flatMap((o) => o.names.map((n) => `    ${quote(`${c.name} ${n}`)}) echo ${quote(words(o.values))} ;;`)),
    )
    .join("\n");
  const argArms = m.commands
    .flatMap((c) =>
      c.args.map((a, i) => {
        const last = i === c.args.length - 1 && c.repeatsLast;
        return `    ${quote(`${c.name} `)}${last ? "*" : i}) echo ${quote(words(a.values))} ;;`;
      }),
    )
    .join("\n");
  return `_${fn}_options() {
  case $1 in
${arms((c) => [...c.options.flatMap((o) => o.names), "--help"].join(" "))}
  esac
}
_${fn}_value_options() {
  case $1 in
${arms((c) =>
  c.options
    .filter((o) => o.takesValue)
    .flatMap((o) => o.names)
    .join(" "),
)}
  esac
}
_${fn}_option_values() {
  case "$1 $2" in
${valueArms}
  esac
}
_${fn}_argument_values() {
  case "$1 $2" in
${argArms}
  esac
}
_${fn}_ids() {
  ${m.program} \${1:+--db "$1"} list --all --ids 2>/dev/null
}
# What the word after "$cmd ... $prev" completes from (words, ${IDS} or ${FILES}); fails when nothing does.
_${fn}_candidates() {
  local cmd=$1 prev=$2 cur=$3 nargs=$4 found
  if [[ $prev == -* && " $(_${fn}_value_options "$cmd") " == *" $prev "* ]]; then
    found=$(_${fn}_option_values "$cmd" "$prev")
    [[ -n $found ]] || return 1
  elif [[ $cur == -* ]]; then
    found=$(_${fn}_options "$cmd")
  else
    found=$(_${fn}_argument_values "$cmd" "$nargs")
  fi
  echo "$found"
}`;
}

/** Walks the words before the cursor: sets cmd (the command), db (a --db value) and nargs (its arguments so far). */
function walk(fn: string, first: number, wordsVar: string, current: string): string {
  return `  local cmd="" db="" nargs=0 w i=${first}
  while (( i < ${current} )); do
    w=\${${wordsVar}[i]}
    if [[ -z $cmd ]]; then
      case $w in
        --db) db=\${${wordsVar}[i+1]}; (( i++ )) ;;
        -*) ;;
        *) cmd=$w ;;
      esac
    else
      case $w in
        -*) [[ " $(_${fn}_value_options "$cmd") " == *" $w "* ]] && (( i++ )) ;;
        *) (( nargs++ )) ;;
      esac
    fi
    (( i++ ))
  done`;
}

function bash(m: CompletionModel): string {
  const fn = m.program.replace(/[^a-z0-9]/gi, "_");
  const globals = [...m.globalOptions.flatMap((o) => o.names)].join(" ");
  return `# ${m.program} completion for bash. Load it in ~/.bashrc with
#   source <(${m.program} completion bash)
# or save it as ~/.local/share/bash-completion/completions/${m.program}
${shellHelpers(m)}
_${fn}() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]} list
${walk(fn, 1, "COMP_WORDS", "COMP_CWORD")}
  if [[ -z $cmd ]]; then
    if [[ $prev == --db ]]; then COMPREPLY=($(compgen -f -- "$cur")); return; fi
    if [[ $cur == -* ]]; then list=${quote(globals)}; else list=${quote(m.commands.map((c) => c.name).join(" "))}; fi
  else
    list=$(_${fn}_candidates "$cmd" "$prev" "$cur" "$nargs") || return
  fi
  case $list in
    ${IDS}) COMPREPLY=($(compgen -W "$(_${fn}_ids "$db")" -- "$cur")) ;;
    ${FILES}) COMPREPLY=($(compgen -f -- "$cur")) ;;
    *) COMPREPLY=($(compgen -W "$list" -- "$cur")) ;;
  esac
}
complete -F _${fn} ${m.program}
`;
}

/** zsh's _describe takes "name:description"; a colon in the name or description is escaped. */
function described(name: string, help: string): string {
  return quote(`${name.replace(/:/g, "\\:")}:${help.replace(/:/g, "\\:")}`);
}

function zsh(m: CompletionModel): string {
  const fn = m.program.replace(/[^a-z0-9]/gi, "_");
  const commands = m.commands.map((c) => `    ${described(c.name, c.help)}`).join("\n");
  const globals = m.globalOptions.flatMap((o) => o.names.map((n) => `    ${described(n, o.help)}`)).join("\n");
  return `#compdef ${m.program}
# ${m.program} completion for zsh. Save it as _${m.program} in a folder of $fpath, e.g.
#   ${m.program} completion zsh > ~/.zfunc/_${m.program}   (with fpath=(~/.zfunc $fpath) before compinit)
# or load it in ~/.zshrc after compinit with
#   source <(${m.program} completion zsh)
${shellHelpers(m)}
_${fn}() {
  local -a commands globals list
  commands=(
${commands}
  )
  globals=(
${globals}
  )
  local cur=\${words[CURRENT]} prev=\${words[CURRENT-1]} found
${walk(fn, 2, "words", "CURRENT")}
  if [[ -z $cmd ]]; then
    if [[ $prev == --db ]]; then _files; return; fi
    if [[ $cur == -* ]]; then _describe option globals; else _describe command commands; fi
    return
  fi
  found=$(_${fn}_candidates "$cmd" "$prev" "$cur" "$nargs") || return
  case $found in
    ${IDS}) list=(\${(f)"$(_${fn}_ids "$db")"}); compadd -a list ;;
    ${FILES}) _files ;;
    *) list=(\${=found}); compadd -a list ;;
  esac
}
if [[ \${funcstack[1]} == _${fn} ]]; then _${fn} "$@"; else compdef _${fn} ${m.program}; fi
`;
}

/** fish single quotes around text. */
function fishQuote(text: string): string {
  return `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
}

function fish(m: CompletionModel): string {
  const p = m.program;
  const fn = `__${p.replace(/[^a-z0-9]/gi, "_")}`;
  const lines = [
    `# ${p} completion for fish. Save it as ~/.config/fish/completions/${p}.fish:`,
    `#   ${p} completion fish > ~/.config/fish/completions/${p}.fish`,
    `complete -c ${p} -f`,
    `# True when the word being completed is argument N of the command (options and their values skipped).`,
    `function ${fn}_argument --argument-names command n`,
    `    set -l tokens (commandline -opc)`,
    `    set -l seen 0`,
    `    set -l count 0`,
    `    set -l skip 0`,
    `    for token in $tokens[2..-1]`,
    `        if test $skip -eq 1`,
    `            set skip 0`,
    `        else if string match -q -- '-*' $token`,
    `            contains -- $token $argv[3..-1] --db; and set skip 1`,
    `        else if test $seen -eq 0`,
    `            test $token = $command; or return 1`,
    `            set seen 1`,
    `        else`,
    `            set count (math $count + 1)`,
    `        end`,
    `    end`,
    `    test $seen -eq 1; and test $count -eq $n`,
    `end`,
    `function ${fn}_ids`,
    `    set -l db (string replace -r -- '.*--db[ =](\\S+).*' '$1' (commandline -p))`,
    `    string match -q -- '*--db*' (commandline -p); and ${p} --db $db list --all --ids 2>/dev/null; or ${p} ` +
      `list --all --ids 2>/dev/null`,
    `end`,
    ...m.globalOptions.map(
      (o) =>
        `complete -c ${p} -n __fish_use_subcommand ${fishNames(o)}${o.takesValue ? " -r -F" : ""} -d ` +
        `${fishQuote(o.help)}`,
    ),
  ];
  const valuesFlag = (values: Values): string =>
    values === "ids"
      ? ` -a '(${fn}_ids)'`
      : values === "files"
        ? " -F"
        : values
          ? ` -a ${fishQuote(values.join(" "))}`
          : "";
  for (const c of m.commands) {
    lines.push(`complete -c ${p} -n __fish_use_subcommand -a ${c.name} -d ${fishQuote(c.help)}`);
    const seen = `-n '__fish_seen_subcommand_from ${c.name}'`;
    for (const o of c.options) {
      const value = !o.takesValue
        ? ""
        : o.values === "files"
          ? " -r -F"
          : o.values
            ? ` -x${valuesFlag(o.values)}`
            : " -x";
      lines.push(`complete -c ${p} ${seen} ${fishNames(o)}${value} -d ${fishQuote(o.help)}`);
    }
    const valueOptions = c.options
      .filter((o) => o.takesValue)
      .flatMap((o) => o.names)
      .join(" ");
    c.args.forEach((a, i) => {
      if (a.values === undefined) return;
      const last = i === c.args.length - 1 && c.repeatsLast;
      // The last argument repeats: any position from its own on.
      const at = last
        ? `${fn}_argument ${c.name} ${i} ${valueOptions}; or ${fn}_argument_from ${c.name} ${i} ${valueOptions}`
        : `${fn}_argument ${c.name} ${i} ${valueOptions}`;
      lines.push(`complete -c ${p} -n ${fishQuote(at)}${valuesFlag(a.values)}`);
    });
  }
  lines.push(
    `# True when the word being completed is argument N of the command or a later one.`,
    `function ${fn}_argument_from --argument-names command n`,
    `    for i in (seq $n 50)`,
    `        ${fn}_argument $command $i $argv[3..-1]; and return 0`,
    `    end`,
    `    return 1`,
    `end`,
  );
  return `${lines.join("\n")}\n`;
}

function fishNames(o: CompletionOption): string {
  return o.names.map((n) => (n.startsWith("--") ? `-l ${n.slice(2)}` : `-s ${n.slice(1)}`)).join(" ");
}

/** The completion script for a shell. */
export function renderCompletion(shell: Shell, model: CompletionModel): string {
  return shell === "bash" ? bash(model) : shell === "zsh" ? zsh(model) : fish(model);
}

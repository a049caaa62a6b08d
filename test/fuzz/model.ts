import type { CaseRecord, CaseSnapshot, WithdrawalRecord } from "../../src/domain/case/records.js";
import { PATHS } from "../../src/domain/case/stages.js";
import { addDays } from "../../src/domain/time/dates.js";
import type { ExportedFile } from "./imports.js";

// The fuzz's model (issue 29): what the harness knows between steps. It is small on purpose: the
// database's own export after the last step (what every command must leave alone or change as its
// entry in commands.ts predicts), the exports before each journalled change (what `undo` must give
// back), today, and the files earlier steps wrote. Deadlines are not predicted: invariants.ts
// checks that the commands that judge them agree with one another.

/** A case as the JSON export writes it (docs/export-format.md): its record, history and evidence. */
export type ExportedCase = CaseRecord & Pick<CaseSnapshot, "events" | "evidence">;

/** The database as its JSON export says, `exportedAt` left out. */
export interface State {
  /** The export's text without `exportedAt`: two states are the same when their texts are. */
  text: string;
  /** The export as written. */
  exported: string;
  settings: Record<string, string>;
  cases: ExportedCase[];
  withdrawals: WithdrawalRecord[];
}

export function parseState(exported: string): State {
  const parsed = JSON.parse(exported);
  delete parsed.exportedAt;
  return {
    text: JSON.stringify(parsed),
    exported,
    settings: parsed.settings,
    cases: parsed.cases,
    withdrawals: parsed.withdrawals ?? [],
  };
}

export interface Model {
  /** KAKOTRACK_NOW of the next step: YYYY-MM-DDTHH:MM. */
  now: string;
  /** The database after the last step. */
  state: State;
  /** The state before each journalled change still undoable, newest last, with the step that made it. */
  undo: Array<{ step: string; state: State }>;
  /** JSON and CSV files that export steps wrote, for import steps to read, with what each holds. */
  exports: { json: ExportedFile[]; csv: ExportedFile[] };
  /** Today and the state the invariants were last checked on: the cheaper ones, all of them. */
  checked: { views?: string; thorough?: string };
  /** Every how many steps all invariants are checked (fuzz.ts `checkAfter`). */
  thoroughEvery: number;
  /**
   * A JSON import ran: its evidence records came without their files (docs/export-format.md), so
   * doctor may rightly find stored copies missing (an undo had removed them, nothing using them).
   */
  importedEvidence?: boolean;
  /** Per command, the steps that ended with each exit code (shared by the sequences of a run). */
  exits: Record<string, Record<number, number>>;
  /** Steps run in this sequence (each invariant check names the step it followed). */
  steps: number;
}

export const today = (m: Model): string => m.now.slice(0, 10);

/** A date `offset` days from today. */
export const fromToday = (m: Model, offset: number): string => addDays(today(m), offset);

/**
 * What a case refunded, per the export: a closed case's refund (docs/design.md section 1.3), and
 * the part of it that went into the agent balance (null: none went there). The money invariants and the withdraw model
 * read refunds here only: when refunds become events of their own (issue 24's `refund`), this
 * sums them.
 */
export function refundOf(c: ExportedCase): { minor: number | null; toBalance: number | null } {
  const refunds = refundEvents(c);
  const toBalance = refunds.filter((e) => e.data !== null && JSON.parse(e.data).to === "balance");
  const sum = (list: typeof refunds) => (list.length === 0 ? null : list.reduce((t, e) => t + e.amountMinor!, 0));
  return { minor: sum(refunds), toBalance: sum(toBalance) };
}

/** Every refund is a record (issue 24): an event with a positive amount, open case or closed. */
export function refundEvents(c: ExportedCase): ExportedCase["events"] {
  return c.events.filter(
    (e) =>
      (e.amountMinor ?? 0) > 0 &&
      (e.kind === "refund" || e.kind === "closed" || (e.kind === "stage" && e.stage === "refunded")),
  );
}

export function caseById(state: State, id: number): ExportedCase | undefined {
  return state.cases.find((c) => c.id === id);
}

/**
 * A case id for a generated choice: most choices name a case that exists (the choice is an
 * index into the ids, newest first so recent cases get the moves); a command that needs its case
 * at some stage or on some path mostly names one that is (`fitting`, one of `FITS`; any case when
 * none is), since a case drawn at random seldom is; the rest name one that does not exist or a
 * malformed id.
 */
export type IdChoice = { existing: number } | { fitting: Fit; n: number } | { other: string };

export function idFor(m: Model, choice: IdChoice): string {
  if ("other" in choice) return choice.other;
  const newestFirst = [...m.state.cases].sort((a, b) => b.id - a.id);
  const fitting = "fitting" in choice ? newestFirst.filter(FITS[choice.fitting]) : [];
  const from = fitting.length > 0 ? fitting : newestFirst;
  const n = "fitting" in choice ? choice.n : choice.existing;
  return from.length === 0 ? "1" : String(from[n % from.length]!.id);
}

/**
 * What a command needs of its case (docs/design.md sections 2.2 and 2.9), as the export says: the
 * model's own reading of the rules, which the entries also use to predict a refusal.
 */
export const FITS = {
  open: (c: ExportedCase) => c.outcome === null,
  /** Open with its request sent: refuse, escalate, switch. */
  requested: (c: ExportedCase) => c.outcome === null && c.stage !== "spotted",
  closed: (c: ExportedCase) => c.outcome !== null,
  /** counter: the seller's offer is on the table. */
  offered: (c: ExportedCase) => c.outcome === null && c.stage === "seller-offered",
  /** reject: an open exchange whose current round's replacement arrived. */
  replaced: (c: ExportedCase) =>
    c.outcome === null &&
    c.resolution === "exchange" &&
    c.stage !== "spotted" &&
    furthestOnPath(c) >= PATHS.exchange.indexOf("replacement-arrived"),
} satisfies Record<string, (c: ExportedCase) => boolean>;
export type Fit = keyof typeof FITS;

/**
 * How far along its path a case's current round is: the index of its latest step on the path
 * after the round's first (a forced step back takes back what came after it; `refused` means the
 * agent reviewed it; `escalated` says nothing), 0 when none. The round starts at its last `round`
 * event.
 */
export function furthestOnPath(c: ExportedCase): number {
  const path: readonly string[] = PATHS[c.resolution];
  const steps = c.events.filter((e) => e.stage !== null);
  const start = steps.findLastIndex((e) => e.kind === "round");
  const round = steps.slice(Math.max(0, start));
  for (let i = round.length - 1; i > 0; i--) {
    const index = path.indexOf(round[i]!.stage === "refused" ? "agent-reviewed" : round[i]!.stage!);
    if (index >= 0) return index;
  }
  return 0;
}

/**
 * A date argument for a generated choice: days from today (some in the future), days after the
 * named case's latest step (its opening when it has none; today at the latest), a word, or a
 * near-valid date.
 */
export type DateChoice = { offset: number } | { sinceStep: number } | { text: string };

export function dateFor(m: Model, choice: DateChoice, c?: ExportedCase): string {
  if ("text" in choice) return choice.text;
  if ("offset" in choice) return fromToday(m, choice.offset);
  const latest = c?.events.findLast((e) => e.stage !== null)?.onDate ?? c?.openedOn ?? today(m);
  return [addDays(latest, choice.sinceStep), today(m)].sort()[0]!;
}

import fc from "fast-check";
import { DEFECTS, OUTCOMES, PAYMENTS, RESOLUTIONS, STAGES, type Stage } from "../../src/domain/case/model.js";
import { formatMinor } from "../../src/domain/case/parse.js";
import { AMOUNT_STAGES, CLOSING_OUTCOME, PATHS } from "../../src/domain/case/stages.js";
import { minorUnits } from "../../src/domain/money/currencies.js";
import { addDays } from "../../src/domain/time/dates.js";
import { fail, onlyCaseChanged, onlySettingsChanged, same } from "./checks.js";
import { checkImport, EMPTY, type ExportedFile } from "./imports.js";
import { checkHistory, readState } from "./invariants.js";
import {
  type DateChoice,
  dateFor,
  type ExportedCase,
  FITS,
  type Fit,
  fromToday,
  furthestOnPath,
  type IdChoice,
  idFor,
  type Model,
  refundOf,
  type State,
  today,
} from "./model.js";
import type { Ran, World } from "./world.js";

// Every command that changes data, as one entry each: how its arguments are drawn (valid and
// near-valid values), the command line they make on the model's day and ids, and what the model
// says the step must do. A new command is one more entry (docs/reliability.md, "Fuzz").

export interface Expectation {
  /** The exit codes the step may end with (the model's prediction; 0 and 2 where it cannot say). */
  exit: readonly number[];
  /** After an exit 0: what must hold between the state before and after (`w`: another database it wrote). */
  after?: (before: State, after: State, ran: Ran, w: World) => void | Promise<void>;
}

export interface Entry<A> {
  name: string;
  /** How often it is drawn, relative to the others. */
  weight: number;
  args: fc.Arbitrary<A>;
  /** The command line (null: the step runs no command, e.g. the clock moving on). */
  line(m: Model, a: A, w: World): string[] | null;
  expect(m: Model, a: A): Expectation;
  /** What the step changes in the model besides the database (today, the files written). */
  update?(m: Model, a: A, ran: Ran, line: readonly string[] | null): void;
}

const entry = <A>(e: Entry<A>): Entry<unknown> => e as Entry<unknown>;
/** `arb` in `percent` of the draws, else absent (which shrinking prefers). */
const opt = <T>(arb: fc.Arbitrary<T>, percent = 50): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: 100 - percent, arbitrary: fc.constant(undefined) }, { weight: percent, arbitrary: arb });
const flagIf = (on: boolean | undefined, flag: string): string[] => (on ? [flag] : []);
const valueIf = (value: string | undefined, flag: string): string[] => (value === undefined ? [] : [flag, value]);

/** A step's `--date`, when drawn: a day relative to the model's today or to its case's latest step. */
const dateFlag = (m: Model, a: { id: IdChoice; date?: DateChoice | undefined }): string[] =>
  valueIf(a.date && dateFor(m, a.date, named(m, a.id)), "--date");

const otherIdArb: fc.Arbitrary<IdChoice> = fc
  .constantFrom("0", "99999", "2147483648", "1e2", "x")
  .map((other) => ({ other }));
const idArb: fc.Arbitrary<IdChoice> = fc.oneof(
  { weight: 12, arbitrary: fc.nat(30).map((existing) => ({ existing })) },
  { weight: 1, arbitrary: otherIdArb },
);
/**
 * Ids for a command that needs its case at some stage or on some path: two times in three one
 * that is (when there is one), else any case (near-valid: mostly refused) or one that does not exist.
 */
const fittingIdArb = (fit: Fit): fc.Arbitrary<IdChoice> =>
  fc.oneof(
    { weight: 8, arbitrary: fc.nat(30).map((n) => ({ fitting: fit, n })) },
    { weight: 3, arbitrary: fc.nat(30).map((existing) => ({ existing })) },
    { weight: 1, arbitrary: otherIdArb },
  );
/** A draw of `valid` most of the time, `edge` (near-valid and invalid values) one time in `oneIn`. */
const mostly = <T>(valid: fc.Arbitrary<T>, edge: fc.Arbitrary<T>, oneIn = 8): fc.Arbitrary<T> =>
  fc.oneof({ weight: oneIn - 1, arbitrary: valid }, { weight: 1, arbitrary: edge });
/** Dates around today: mostly past days (a holiday week is within reach of the start days), words; tomorrow and impossible dates. */
const dateArb: fc.Arbitrary<DateChoice> = mostly<DateChoice>(
  fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: -25, max: 0 }).map((offset) => ({ offset })) },
    { weight: 1, arbitrary: fc.constantFrom("today", "yesterday", "3 days ago", "mon").map((text) => ({ text })) },
  ),
  fc.oneof(
    fc.constant({ offset: 1 }),
    fc.constantFrom("2026-02-30", "1899-12-31", "31/12/2026").map((text) => ({ text })),
  ),
);
/**
 * Dates of a step on a case: as `dateArb`, and as often days after the case's latest step (which
 * a date must not be before), so that steps with a date of their own are mostly accepted.
 */
const caseDateArb: fc.Arbitrary<DateChoice> = fc.oneof(
  dateArb,
  fc.integer({ min: 0, max: 3 }).map((sinceStep) => ({ sinceStep })),
);
/** Amounts at the edges: zero, one minor unit, the fixture price and one unit over it, the largest, too many decimals, signs. */
const AMOUNTS = [
  "0",
  "0.01",
  "1",
  "5",
  "12.5",
  "12.50",
  "129",
  "129.00",
  "129.01",
  "200",
  "99999999.99",
  "12.345",
  "-5",
];
const amountArb = mostly(
  fc.constantFrom("0.01", "1", "5", "12.50", "60", "129", "129.00"),
  fc.constantFrom("0", "12.5", "129.01", "200", "99999999.99", "12.345", "-5"),
  5,
);
/** Whole amounts: valid in every currency (JPY has no decimals). */
const WHOLE = ["1", "5", "60", "129", "200"];
const AGENTS = ["KakoBuy", "kakobuy", "Mulebuy", "CSSBuy"];
const CURRENCIES = ["CNY", "JPY", "KWD", "USD"];
/** true one time in five: flags that override a check (--force) or undo a setting. */
const rarely = fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) });
const noteArb = mostly(fc.constantFrom("asked again", "ticket #5521"), fc.constantFrom("", "\u001b[31mred\u001b[0m"));

/** The case a step names, as the state before it has it. */
const named = (m: Model, id: IdChoice): ExportedCase | undefined =>
  "other" in id ? undefined : m.state.cases.find((c) => String(c.id) === idFor(m, id));

/** The case after the step, which must exist and have the events it had plus `added` more. */
function grown(before: State, after: State, id: number, added: number): ExportedCase {
  onlyCaseChanged(before, after, id);
  const was = before.cases.find((c) => c.id === id)!;
  const now = after.cases.find((c) => c.id === id);
  if (now === undefined) fail("model", `case #${id} is gone after a step that changes it`);
  if (now.events.length !== was.events.length + added)
    fail("model", `case #${id} has ${now.events.length} events, expected ${was.events.length + added}`);
  same("model", now.events.slice(0, was.events.length), was.events, `case #${id}'s earlier events`);
  return now;
}

/** A step the model lets succeed or be refused on an existing case; when it succeeds, one event of `kind` is added. */
function addsOne(c: ExportedCase | undefined, kind: string): Expectation {
  return {
    exit: onCase(c, [0, 2]),
    after(before, after) {
      const last = grown(before, after, c!.id, 1).events.at(-1)!;
      if (last.kind !== kind) fail("model", `case #${c!.id}'s new event is ${last.kind}, not ${kind}`);
    },
  };
}

/** reject, switch: one `round` event starting the next round at requested on `to`'s path, naming how the last ended. */
function newRound(before: State, after: State, c: ExportedCase, ended: string, to: string): ExportedCase {
  const now = grown(before, after, c.id, 1);
  const e = now.events.at(-1)!;
  const round = c.events.filter((x) => x.kind === "round").length + 2;
  same(
    "model",
    [e.kind, e.stage, JSON.parse(e.data ?? "null"), now.stage, now.resolution, now.outcome],
    ["round", "requested", { round, ended, from: c.resolution, to }, "requested", to, null],
    `case #${c.id}'s new round (kind, stage, data; the case's stage, resolution, outcome)`,
  );
  return now;
}

/** A case's fields after a step that changes only `changed` of them (and when it was updated). */
function keptBut(was: ExportedCase, now: ExportedCase, changed: readonly string[]): void {
  const rest = (c: ExportedCase) =>
    Object.fromEntries(Object.entries(c).filter(([k]) => !["events", "updatedAt", ...changed].includes(k)));
  same("model", rest(now), rest(was), `case #${was.id}'s fields but ${["updatedAt", ...changed].join(", ")}`);
}

/** switch's resolution: `another` paths along from the case's own, or one named. */
function switchTo(c: ExportedCase | undefined, to: { another: number } | string): string {
  if (typeof to === "string") return to;
  return RESOLUTIONS[(RESOLUTIONS.indexOf(c?.resolution ?? "refund") + to.another) % RESOLUTIONS.length]!;
}

/** An amount as kakotrack reads one, in minor units of `currency` (digits, at most its decimals); null: not one. */
function minorOf(text: string, currency: string): number | null {
  const digits = minorUnits(currency);
  const m = /^([0-9]{1,12})(?:\.([0-9]+))?$/.exec(text);
  if (m === null || (m[2] ?? "").length > digits) return null;
  return Number(m[1]) * 10 ** digits + Number((m[2] ?? "").padEnd(digits, "0") || "0");
}

/** Not above the price paid, when one is recorded. */
const withinPrice = (c: ExportedCase, minor: number): boolean => c.priceMinor === null || minor <= c.priceMinor;

/** The exit codes of a step on one case: 2 when it does not exist, else `present`. */
const onCase = (c: ExportedCase | undefined, present: readonly number[]): readonly number[] =>
  c === undefined ? [2] : present;

/** A stage: the n-th of the named case's path (its end when past it), or any stage. */
type StageChoice = { onPath: number } | string;

function stageFor(m: Model, id: IdChoice, choice: StageChoice): string {
  if (typeof choice === "string") return choice;
  const path = PATHS[(named(m, id)?.resolution ?? "refund") as keyof typeof PATHS];
  return path[Math.min(choice.onPath, path.length - 1)]!;
}

interface StageArgs {
  id: IdChoice;
  stage?: StageChoice;
  date?: DateChoice;
  amount?: string;
  to?: string;
  force?: boolean;
  note?: string;
  /** --amount and --to also where the stage reached takes neither (refused). */
  stray?: boolean;
}

/** The stage `advance` without one goes to: the next of the case's current round on its path. */
function nextOnPath(c: ExportedCase): string | undefined {
  return c.stage === "spotted" ? "requested" : PATHS[c.resolution][furthestOnPath(c) + 1];
}

/** advance, refuse and escalate: a stage change of an open case, one event, closing at the path's end. */
function stageEntry(name: string, args: fc.Arbitrary<StageArgs>, weight: number): Entry<unknown> {
  return entry<StageArgs>({
    name,
    weight,
    args,
    line(m, a) {
      const c = named(m, a.id);
      const stage = a.stage === undefined || name !== "advance" ? undefined : stageFor(m, a.id, a.stage);
      // --amount and --to mostly where the stage reached takes them: drawn alike for every stage, most were refused.
      const target = stage ?? (c && nextOnPath(c));
      const amount = a.stray || AMOUNT_STAGES.includes(target as Stage) ? a.amount : undefined;
      const to = a.stray || target === "refunded" ? a.to : undefined;
      return [
        name,
        idFor(m, a.id),
        ...(stage === undefined ? [] : [stage]),
        ...valueIf(a.date && dateFor(m, a.date, c), "--date"),
        ...valueIf(amount, "--amount"),
        ...valueIf(to, "--to"),
        ...flagIf(a.force, "--force"),
        ...valueIf(a.note, "--note"),
      ];
    },
    expect(m, a) {
      const c = named(m, a.id);
      return {
        exit: c?.outcome ? [2] : onCase(c, [0, 2]),
        after(before, after) {
          const now = grown(before, after, c!.id, 1);
          const event = now.events.at(-1)!;
          const asked = a.stage === undefined ? undefined : stageFor(m, a.id, a.stage);
          const target = name === "advance" ? asked : name === "refuse" ? "refused" : "escalated";
          if (target !== undefined && now.stage !== target)
            fail("model", `case #${now.id} is at ${now.stage}, not ${target}`);
          if (event.stage !== now.stage || (event.kind !== "stage" && event.kind !== "opened"))
            fail("model", `case #${now.id}'s new event is ${event.kind} ${event.stage}, its stage ${now.stage}`);
          const path = PATHS[now.resolution as keyof typeof PATHS];
          const closes = now.stage === path.at(-1);
          const outcome = closes ? CLOSING_OUTCOME[now.resolution as keyof typeof CLOSING_OUTCOME] : null;
          if (now.outcome !== outcome) fail("model", `case #${now.id} at ${now.stage} has outcome ${now.outcome}`);
        },
      };
    },
  });
}

export interface AddArgs {
  agent?: string;
  order: string;
  item: string;
  price?: string;
  currency?: string;
  resolution: string;
  defect: string;
  payment: string;
  date?: DateChoice;
  stage?: string;
  stored?: number;
  allowDuplicate: boolean;
  note?: string;
}

/** Loaded once a worker: a holiday file for 2027 in holiday-cn's form, and one with another year's date in it. */
let holidayFile: string | undefined;

const addPrelude = (args: AddArgs) => ({ entry: "add", args });
/**
 * The steps every sequence starts from (the prelude of each replay script): a refund with its
 * price; an exchange without, whose replacement arrived (reject's first case); a partial refund
 * with its price, whose seller made an offer (counter's). Cases drawn later seldom get that far.
 */
export const PRELUDE: ReadonlyArray<{ entry: string; args: unknown }> = [
  addPrelude({
    order: "KB-100",
    item: "hoodie",
    price: "129",
    resolution: "refund",
    defect: "flaw",
    payment: "paypal",
    date: { offset: -3 },
    allowDuplicate: false,
  }),
  addPrelude({
    agent: "Mulebuy",
    order: "MB-200",
    item: "jeans",
    resolution: "exchange",
    defect: "wrong-size",
    payment: "balance",
    date: { offset: -9 },
    allowDuplicate: false,
  }),
  addPrelude({
    agent: "CSSBuy",
    order: "CS-300",
    item: "jacket",
    price: "200",
    resolution: "partial-refund",
    defect: "damage",
    payment: "card",
    date: { offset: -6 },
    allowDuplicate: false,
  }),
  // Ids newest first: 1 is MB-200, 0 CS-300.
  { entry: "advance", args: { id: { existing: 1 }, stage: "replacement-arrived", date: { offset: -4 } } },
  { entry: "advance", args: { id: { existing: 0 }, stage: "seller-offered", amount: "150", date: { offset: -2 } } },
];

/** Every entry; `ENTRIES` in fuzz.ts draws from it. */
export const ENTRIES: ReadonlyArray<Entry<unknown>> = [
  entry<AddArgs>({
    name: "add",
    weight: 6,
    args: fc.record({
      agent: opt(fc.constantFrom(...AGENTS)),
      order: fc.constantFrom("KB-1", "KB-2", "MB-7"),
      item: fc.constantFrom("hoodie", "jeans"),
      price: opt(amountArb, 60),
      currency: opt(mostly(fc.constantFrom(...CURRENCIES), fc.constant("XYZ")), 40),
      resolution: fc.constantFrom(...RESOLUTIONS),
      defect: fc.constantFrom(...DEFECTS),
      payment: fc.constantFrom(...PAYMENTS),
      date: opt(dateArb, 35),
      stage: opt(fc.constantFrom("spotted", "requested"), 30),
      stored: opt(mostly(fc.integer({ min: 0, max: 200 }), fc.integer({ min: -10, max: -1 })), 30),
      allowDuplicate: fc.boolean(),
      note: opt(noteArb, 20),
    }),
    line: (m, a) => [
      "add",
      "--yes",
      ...valueIf(a.agent, "--agent"),
      ...["--order", a.order, "--item", a.item, "--resolution", a.resolution, "--defect", a.defect],
      ...["--payment", a.payment, "--description", "stain on the sleeve"],
      ...valueIf(a.price, "--price"),
      ...valueIf(a.currency, "--currency"),
      ...valueIf(a.date && dateFor(m, a.date), "--date"),
      ...valueIf(a.stage, "--stage"),
      // Hours before now: the return window's edges (120 h by default); negative is in the future.
      ...valueIf(a.stored === undefined ? undefined : storedAt(m, a.stored), "--stored"),
      ...flagIf(a.allowDuplicate, "--allow-duplicate"),
      ...valueIf(a.note, "--note"),
    ],
    expect(_m, a) {
      const clean =
        (a.price === undefined || WHOLE.includes(a.price)) &&
        (a.currency === undefined || CURRENCIES.includes(a.currency)) &&
        (a.date === undefined || ("offset" in a.date && a.date.offset <= 0 && a.stage !== "spotted")) &&
        a.stored === undefined &&
        a.allowDuplicate &&
        (a.note === undefined || a.note.trim() !== "");
      return {
        exit: clean ? [0] : [0, 2],
        after(before, after) {
          const added = after.cases.filter((c) => !before.cases.some((b) => b.id === c.id));
          if (added.length !== 1 || after.cases.length !== before.cases.length + 1)
            fail("model", `add made ${added.length} new cases`);
          const c = added[0]!;
          onlyCaseChanged(before, after, c.id);
          const stage = a.stage === "spotted" ? "spotted" : "requested";
          if (c.orderNo !== a.order || c.item !== a.item || c.resolution !== a.resolution || c.stage !== stage)
            fail("model", `case #${c.id} is ${c.orderNo} ${c.item} ${c.resolution} at ${c.stage}, not as added`);
          if (
            c.outcome !== null ||
            c.events.length !== 1 ||
            c.events[0]!.kind !== (a.stage === "spotted" ? "spotted" : "opened")
          )
            fail("model", `new case #${c.id} is not a fresh open case with its one first event`);
        },
      };
    },
  }),
  stageEntry(
    "advance",
    fc.record({
      id: fittingIdArb("open"),
      // A named stage most of the time (the next one else): mostly one of the case's path.
      stage: opt(
        mostly<StageChoice>(
          fc.nat(6).map((onPath) => ({ onPath })),
          fc.constantFrom(...STAGES),
          4,
        ),
        60,
      ),
      date: opt(caseDateArb, 35),
      amount: opt(amountArb, 30),
      to: opt(mostly(fc.constantFrom("balance", "original"), fc.constant("bank")), 20),
      force: rarely,
      note: opt(noteArb, 20),
      stray: rarely,
    }),
    14,
  ),
  stageEntry(
    "refuse",
    fc.record({ id: fittingIdArb("requested"), date: opt(caseDateArb, 35), note: opt(noteArb, 20) }),
    2,
  ),
  stageEntry(
    "escalate",
    fc.record({ id: fittingIdArb("requested"), date: opt(caseDateArb, 35), note: opt(noteArb, 20) }),
    2,
  ),
  entry<{ id: IdChoice; outcome: string; amount?: string; to?: string; date?: DateChoice; force?: boolean }>({
    name: "close",
    weight: 5,
    // The refund outcomes with their amount and destination, the others mostly without (else exit 2).
    args: fc.oneof(
      fc.record({
        id: fittingIdArb("open"),
        outcome: fc.constantFrom("refunded", "partially-refunded"),
        amount: opt(amountArb, 60),
        to: opt(fc.constantFrom("balance", "original"), 40),
        date: opt(caseDateArb, 35),
        force: rarely,
      }),
      fc.record({
        id: fittingIdArb("open"),
        outcome: mostly(fc.constantFrom(...OUTCOMES), fc.constant("won")),
        amount: opt(amountArb, 10),
        date: opt(caseDateArb, 35),
        force: rarely,
      }),
    ),
    line: (m, a) => [
      "close",
      idFor(m, a.id),
      "--outcome",
      a.outcome,
      ...valueIf(a.amount, "--amount"),
      ...valueIf(a.to, "--to"),
      ...dateFlag(m, a),
      ...flagIf(a.force, "--force"),
    ],
    expect(m, a) {
      const c = named(m, a.id);
      const plain = ["cancelled", "lost", "accepted-as-is"].includes(a.outcome) && !a.amount && !a.to && !a.date;
      return {
        exit: c?.outcome ? [2] : onCase(c, plain ? [0] : [0, 2]),
        after(before, after) {
          const now = grown(before, after, c!.id, 1);
          if (now.outcome !== a.outcome || now.closedOn === null || now.events.at(-1)!.kind !== "closed")
            fail("model", `case #${now.id} closed as ${a.outcome} is ${now.outcome} on ${now.closedOn}`);
          const refunds = a.outcome === "refunded" || a.outcome === "partially-refunded";
          // A closing that refunds nothing adds no refund; refunds recorded before it (compensation on
          // an exchange, issue 24) stay.
          const had = before.cases.find((x) => x.id === now.id)!;
          if (!refunds && (now.refundMinor !== had.refundMinor || now.refundTo !== had.refundTo))
            fail("model", `case #${now.id} closed as ${a.outcome} changed its refunds`);
        },
      };
    },
  }),
  entry<{ id: IdChoice; note?: string }>({
    name: "reopen",
    weight: 3,
    args: fc.record({ id: fittingIdArb("closed"), note: opt(noteArb, 20) }),
    line: (m, a) => ["reopen", idFor(m, a.id), ...valueIf(a.note, "--note")],
    expect(m, a) {
      const c = named(m, a.id);
      const noteOk = a.note === undefined || a.note.trim() !== "";
      return {
        exit: onCase(c, c?.outcome && noteOk ? [0] : c?.outcome ? [0, 2] : [2]),
        after(before, after) {
          const now = grown(before, after, c!.id, 1);
          if (now.outcome !== null || now.closedOn !== null)
            fail("model", `reopened case #${now.id} still has its closing (${now.outcome}, ${now.closedOn})`);
          // Reopening keeps the refunds paid (issue 24): they are records, not part of the closing.
          if (now.refundMinor !== before.cases.find((x) => x.id === now.id)?.refundMinor)
            fail("model", `reopening case #${now.id} changed its refunds`);
          if (now.events.at(-1)!.kind !== "reopened")
            fail("model", `case #${now.id}'s last event is not its reopening`);
        },
      };
    },
  }),
  entry<{ id: IdChoice; text: string; date?: DateChoice }>({
    name: "note",
    weight: 3,
    args: fc.record({ id: idArb, text: noteArb, date: opt(caseDateArb, 35) }),
    line: (m, a) => ["note", idFor(m, a.id), a.text, ...dateFlag(m, a)],
    expect(m, a) {
      const c = named(m, a.id);
      return {
        exit: onCase(c, a.text.trim() !== "" && a.date === undefined ? [0] : [0, 2]),
        after: (before, after) => void grown(before, after, c!.id, 1),
      };
    },
  }),
  entry<{ id: IdChoice; items: string[] }>({
    name: "evidence",
    weight: 2,
    args: fc.record({
      id: idArb,
      items: fc.array(fc.constantFrom("url:a", "url:b", "file:a", "file:b", "ftp://x", "missing.jpg"), {
        minLength: 1,
        maxLength: 3,
      }),
    }),
    line: (m, a, w) => [
      "evidence",
      idFor(m, a.id),
      ...a.items.map((item) => {
        if (item.startsWith("url:")) return `https://example.com/qc-${item.slice(4)}.jpg`;
        if (item.startsWith("file:")) return w.file(`qc-${item.slice(5)}.jpg`, `photo ${item.slice(5)}`);
        return item;
      }),
    ],
    expect(m, a) {
      const c = named(m, a.id);
      return {
        exit: onCase(c, [0, 2]),
        after(before, after) {
          onlyCaseChanged(before, after, c!.id);
          const now = after.cases.find((x) => x.id === c!.id)!;
          if (now.evidence.length < c!.evidence.length) fail("model", `evidence lost from case #${c!.id}`);
        },
      };
    },
  }),
  // refund (issue 24): the model does not predict when it is allowed (the amounts refunded before,
  // the price), only what a successful one adds; every invariant still runs after it.
  entry<{ id: IdChoice; amount: string; to?: string; date?: DateChoice }>({
    name: "refund",
    weight: 2,
    args: fc.record({
      id: idArb,
      amount: amountArb,
      to: opt(fc.constantFrom("balance", "original"), 60),
      date: opt(caseDateArb, 35),
    }),
    line: (m, a) => ["refund", idFor(m, a.id), a.amount, ...valueIf(a.to, "--to"), ...dateFlag(m, a)],
    expect: (m, a) => addsOne(named(m, a.id), "refund"),
  }),
  // reject, switch and counter need their case at a stage or on a path: their ids are mostly of
  // such a case (FITS in model.ts), which the model predicts they succeed on and refuses elsewhere.
  entry<{ id: IdChoice; date?: DateChoice; note?: string }>({
    name: "reject",
    weight: 3,
    args: fc.record({ id: fittingIdArb("replaced"), date: opt(caseDateArb, 35), note: opt(noteArb, 30) }),
    line: (m, a) => ["reject", idFor(m, a.id), ...dateFlag(m, a), ...valueIf(a.note, "--note")],
    expect(m, a) {
      const c = named(m, a.id);
      const clean = a.date === undefined && (a.note === undefined || a.note.trim() !== "");
      return {
        exit: c === undefined || !FITS.replaced(c) ? [2] : clean ? [0] : [0, 2],
        after(before, after) {
          const now = newRound(before, after, c!, "rejected", "exchange");
          keptBut(c!, now, ["stage"]);
        },
      };
    },
  }),
  entry<{ id: IdChoice; to: { another: number } | string; amount?: string; date?: DateChoice }>({
    name: "switch",
    weight: 3,
    args: fc.record({
      id: fittingIdArb("requested"),
      // Another path than the case's, now and then its own (refused: an exchange's is reject).
      to: mostly<{ another: number } | string>(
        fc.integer({ min: 1, max: 2 }).map((another) => ({ another })),
        fc.constantFrom(...RESOLUTIONS),
        6,
      ),
      amount: opt(amountArb, 30),
      date: opt(caseDateArb, 35),
    }),
    line: (m, a) => [
      "switch",
      idFor(m, a.id),
      switchTo(named(m, a.id), a.to),
      ...valueIf(a.amount, "--amount"),
      ...dateFlag(m, a),
    ],
    expect(m, a) {
      const c = named(m, a.id);
      const to = switchTo(c, a.to);
      const ask = a.amount === undefined || c === undefined ? undefined : minorOf(a.amount, c.currency);
      // The ask: an amount in the case's currency, not above its price, with partial-refund only.
      const refused =
        c === undefined ||
        !FITS.requested(c) ||
        to === c.resolution ||
        (ask !== undefined && (to !== "partial-refund" || ask === null || !withinPrice(c, ask)));
      return {
        exit: refused ? [2] : a.date === undefined ? [0] : [0, 2],
        after(before, after) {
          const now = newRound(before, after, c!, "switched", to);
          // The offer belonged to the other path; the ask stays only on a partial refund (--amount sets it).
          const askNow = ask ?? (to === "partial-refund" ? c!.askMinor : null);
          same(
            "model",
            [now.offerMinor, now.askMinor],
            [null, askNow],
            `case #${c!.id}'s offer and ask after a switch`,
          );
          keptBut(c!, now, ["stage", "resolution", "offerMinor", "askMinor"]);
        },
      };
    },
  }),
  entry<{ id: IdChoice; amount: string; date?: DateChoice }>({
    name: "counter",
    weight: 3,
    args: fc.record({ id: fittingIdArb("offered"), amount: amountArb, date: opt(caseDateArb, 35) }),
    line: (m, a) => ["counter", idFor(m, a.id), a.amount, ...dateFlag(m, a)],
    expect(m, a) {
      const c = named(m, a.id);
      const amount = c === undefined ? null : minorOf(a.amount, c.currency);
      // An amount in the case's currency, above 0 and not above its price.
      const refused = c === undefined || !FITS.offered(c) || amount === null || amount === 0 || !withinPrice(c, amount);
      return {
        exit: refused ? [2] : a.date === undefined ? [0] : [0, 2],
        after(before, after) {
          const now = grown(before, after, c!.id, 1);
          const e = now.events.at(-1)!;
          same(
            "model",
            [e.kind, e.stage, e.amountMinor],
            ["counter", "seller-offered", amount],
            `case #${c!.id}'s counter-offer`,
          );
          keptBut(c!, now, []);
        },
      };
    },
  }),
  entry<{ id: IdChoice; amount: string; what?: string; date?: DateChoice }>({
    name: "fee",
    weight: 3,
    args: fc.record({
      id: idArb,
      amount: amountArb,
      what: opt(mostly(fc.constantFrom("return shipping", "service fee"), fc.constant("")), 90),
      date: opt(caseDateArb, 35),
    }),
    line: (m, a) => ["fee", idFor(m, a.id), a.amount, ...valueIf(a.what, "--what"), ...dateFlag(m, a)],
    expect(m, a) {
      const c = named(m, a.id);
      const valid = WHOLE.includes(a.amount) && Boolean(a.what) && a.date === undefined;
      return {
        exit: onCase(c, a.what === undefined || a.amount === "0" ? [2] : valid ? [0] : [0, 2]),
        after(before, after) {
          const fee = grown(before, after, c!.id, 1).events.at(-1)!;
          if (fee.kind !== "fee" || !(fee.amountMinor! > 0)) fail("model", `the fee is ${fee.kind} ${fee.amountMinor}`);
        },
      };
    },
  }),
  entry<{ id: IdChoice; fields: Array<[string, string | DateChoice]> }>({
    name: "edit",
    weight: 3,
    args: fc.record({
      id: idArb,
      fields: fc.uniqueArray(
        fc.oneof(
          fc.tuple(fc.constant("item"), fc.constantFrom("black hoodie", "", "jeans")),
          fc.tuple(fc.constant("price"), fc.constantFrom("", ...AMOUNTS)),
          fc.tuple(fc.constant("seller"), fc.constantFrom("", "Lucky Store", "luckystore")),
          fc.tuple(fc.constant("resolution"), fc.constantFrom(...RESOLUTIONS)),
          fc.tuple(fc.constant("agent"), fc.constantFrom(...AGENTS)),
          fc.tuple(fc.constant("currency"), fc.constantFrom(...CURRENCIES)),
          fc.tuple(fc.constant("order"), fc.constantFrom("KB-1", "KB-2")),
          fc.tuple(fc.constant("date"), dateArb),
        ),
        { maxLength: 3, selector: ([field]) => field },
      ),
    }),
    line: (m, a) => [
      "edit",
      idFor(m, a.id),
      ...a.fields.flatMap(([field, value]) => [`--${field}`, typeof value === "string" ? value : dateFor(m, value)]),
    ],
    expect(m, a) {
      const c = named(m, a.id);
      return {
        exit: a.fields.length === 0 ? [2] : onCase(c, [0, 2]),
        after: (before, after) => void onlyCaseChanged(before, after, c!.id),
      };
    },
  }),
  entry<{ id: IdChoice }>({
    name: "rm",
    weight: 2,
    args: fc.record({ id: idArb }),
    line: (m, a) => ["rm", idFor(m, a.id), "--yes"],
    expect(m, a) {
      const c = named(m, a.id);
      return {
        exit: onCase(c, [0]),
        after(before, after) {
          same(
            "model",
            after.cases,
            before.cases.filter((x) => x.id !== c!.id),
            `the cases but #${c!.id}`,
          );
          same(
            "model",
            [after.settings, after.withdrawals],
            [before.settings, before.withdrawals],
            "settings, withdrawals",
          );
        },
      };
    },
  }),
  // undo's prediction (the state before the change it reverts) is the model's stack: fuzz.ts checks it.
  entry<null>({
    name: "undo",
    weight: 4,
    args: fc.constant(null),
    line: () => ["undo"],
    expect: () => ({ exit: [0] }),
  }),
  entry<{
    agent: string;
    amount: string | { beyondHeld: number };
    currency?: string;
    force: boolean;
    date?: DateChoice;
  }>({
    name: "withdraw",
    weight: 3,
    args: fc.record({
      agent: fc.constantFrom(...AGENTS),
      // An amount, or what kakotrack knows is held, one minor unit less or more.
      amount: fc.oneof(
        amountArb,
        fc.integer({ min: -1, max: 1 }).map((beyondHeld) => ({ beyondHeld })),
      ),
      currency: opt(fc.constantFrom(...CURRENCIES), 60),
      force: fc.boolean(),
      date: opt(dateArb, 35),
    }),
    line: (m, a) => [
      "withdraw",
      a.agent,
      typeof a.amount === "string" ? a.amount : formatMinor(withdrawn(m.state, a), a.currency ?? "CNY"),
      ...valueIf(a.currency, "--currency"),
      ...flagIf(a.force, "--force"),
      ...valueIf(a.date && dateFor(m, a.date), "--date"),
    ],
    expect(m, a) {
      let exit: readonly number[] = [0, 2];
      let untracked: number | undefined;
      const whole = typeof a.amount === "string" && WHOLE.includes(a.amount);
      if (a.currency !== undefined && (whole || typeof a.amount !== "string") && a.date === undefined) {
        const held = heldIn(m.state, a.agent, a.currency);
        const minor = withdrawn(m.state, { ...a, currency: a.currency });
        exit = minor <= held || a.force ? [0] : [2];
        untracked = Math.max(0, minor - held);
      }
      return {
        exit,
        after(before, after) {
          same("model", [after.cases, after.settings], [before.cases, before.settings], "cases and settings");
          if (after.withdrawals.length !== before.withdrawals.length + 1) fail("model", "withdraw added no withdrawal");
          const w = after.withdrawals.find((x) => !before.withdrawals.some((b) => b.id === x.id));
          if (untracked !== undefined && w?.untrackedMinor !== untracked)
            fail("money", `the withdrawal's part beyond what was held is ${w?.untrackedMinor}, not ${untracked}`);
        },
      };
    },
  }),
  entry<{ unset: boolean; key: string; value: string | DateChoice[]; agent?: string }>({
    name: "config",
    weight: 3,
    args: fc.oneof(
      ...(
        [
          ["due-soon", ["0", "2", "30", "31"]],
          ["escalation-followup", ["1", "5", "60", "0"]],
          ["calendar", ["cn", "weekdays", "moon"]],
          ["refund-to", ["balance", "original"]],
          ["default-currency", ["CNY", "JPY", "KWD", "XYZ"]],
          ["default-agent", ["Mulebuy", "KakoBuy"]],
          ["return-window", ["96", "1", "8760", "0"]],
          ["message-lang", ["en", "zh"]],
        ] as const
      ).map(([key, values]) =>
        fc.record({
          unset: rarely,
          key: fc.constant<string>(key),
          value: fc.constantFrom<string>(...values),
          agent:
            key === "return-window" || key === "refund-to" ? opt(fc.constantFrom(...AGENTS)) : fc.constant(undefined),
        }),
      ),
      // Closures: days and ranges around today, the per-agent ones too.
      fc.record({
        unset: fc.boolean(),
        key: fc.constant("closures"),
        value: fc.array(dateArb, { maxLength: 3 }),
        agent: opt(fc.constantFrom(...AGENTS)),
      }),
    ),
    line(m, a) {
      const value = typeof a.value === "string" ? a.value : closures(m, a.value);
      return ["config", a.unset ? "unset" : "set", a.key, ...(a.unset ? [] : [value]), ...valueIf(a.agent, "--agent")];
    },
    expect: () => ({ exit: [0, 2], after: onlySettingsChanged }),
  }),
  entry<{ date: DateChoice; state: string }>({
    name: "calendar set",
    weight: 2,
    args: fc.record({
      date: fc.oneof(
        dateArb,
        fc.integer({ min: 1, max: 60 }).map((offset) => ({ offset })),
      ),
      state: fc.constantFrom("off", "work", "default", "maybe"),
    }),
    line: (m, a) => ["calendar", "set", dateFor(m, a.date), a.state],
    expect: (_m, a) => ({ exit: a.state === "maybe" ? [2] : [0, 2], after: onlySettingsChanged }),
  }),
  entry<{ good: boolean }>({
    name: "calendar import",
    weight: 1,
    args: fc.record({ good: fc.boolean() }),
    line(_m, a, w) {
      const file = holidayFile!;
      return [
        "calendar",
        "import",
        w.file(
          a.good ? "holiday-2027.json" : "holiday-bad.json",
          a.good ? file : file.replace('"2027-10-01"', '"2028-10-01"'),
        ),
      ];
    },
    expect: (_m, a) => ({ exit: a.good ? [0] : [2], after: onlySettingsChanged }),
  }),
  entry<{ format: "json" | "csv" }>({
    name: "export",
    weight: 3,
    args: fc.record({ format: fc.constantFrom("json" as const, "csv" as const) }),
    line: (m, a, w) => ["export", "--format", a.format, "--out", `${w.dir}/export-${m.steps}.${a.format}`],
    expect: () => ({ exit: [0] }),
    update(m, a, ran, line) {
      if (ran.code === 0) m.exports[a.format].push({ file: line!.at(-1)!, state: m.state });
    },
  }),
  // kakotrack's own files, into the database they came from or an empty one (a folder made afresh
  // by the step): each must import, and bring back what it carries (imports.ts).
  entry<ImportArgs>({
    name: "import",
    weight: 4,
    args: fc.record({
      format: fc.constantFrom("json" as const, "csv" as const),
      pick: fc.nat(10),
      empty: fc.boolean(),
    }),
    line(m, a, w) {
      const picked = pickExport(m, a);
      if (picked === undefined) return null;
      const { file } = picked;
      return a.empty ? ["--db", `${w.scratch("import-empty", true)}/kakotrack.db`, "import", file] : ["import", file];
    },
    expect(m, a) {
      const { format, state } = pickExport(m, a)!;
      return {
        exit: [0],
        async after(before, after, _ran, w) {
          if (!a.empty) return checkImport(before, after, state, format);
          // The database the step ran on is as it was (runStep: nothing journalled, the export the same).
          const db = `${w.dir}/import-empty/kakotrack.db`;
          const imported = await readState(w, m, db);
          checkImport(EMPTY, imported, state, format);
          for (const c of imported.cases) checkHistory(c, today(m));
          // A JSON file's evidence records come without their files: only a CSV import leaves doctor nothing to say.
          const doctor = format === "csv" ? await w.run(["doctor"], m.now, db) : undefined;
          if (doctor !== undefined && doctor.code !== 0)
            fail("doctor", `doctor of the database a CSV was imported into exited ${doctor.code}: ${doctor.stdout}`);
        },
      };
    },
    update(m, a, ran) {
      if (ran.code === 0 && pickExport(m, a)?.format === "json" && !a.empty) m.importedEvidence = true;
    },
  }),
  entry<{ days: number; minutes: number }>({
    name: "tick",
    weight: 4,
    args: fc.record({
      days: fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 3 }) }, fc.integer({ min: 4, max: 40 })),
      minutes: fc.integer({ min: 0, max: 1439 }),
    }),
    line: () => null,
    expect: () => ({ exit: [0] }),
    update(m, a) {
      const minute = (Number(m.now.slice(11, 13)) * 60 + Number(m.now.slice(14, 16)) + a.minutes) % 1440;
      const wrapped = minute < Number(m.now.slice(11, 13)) * 60 + Number(m.now.slice(14, 16)) ? 1 : 0;
      const time = `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
      m.now = `${addDays(today(m), a.days + wrapped)}T${time}`;
    },
  }),
  // A storage fault made on purpose: a folder where the database should be (exit 3, nothing changed).
  entry<null>({
    name: "fault",
    weight: 1,
    args: fc.constant(null),
    line: (_m, _a, w) => ["--db", w.scratch("not-a-database", true), "status"],
    expect: () => ({ exit: [3] }),
  }),
];

interface ImportArgs {
  format: "json" | "csv";
  pick: number;
  /** Into an empty database, not the one the file came from. */
  empty: boolean;
}

/** The file an import step reads: one of `format`, else of the other when no step exported that one yet. */
function pickExport(m: Model, a: ImportArgs): (ExportedFile & { format: "json" | "csv" }) | undefined {
  const format = m.exports[a.format].length > 0 ? a.format : a.format === "json" ? "csv" : "json";
  const files = m.exports[format];
  return files.length === 0 ? undefined : { ...files[a.pick % files.length]!, format };
}

/** What kakotrack knows an agent holds in a currency (docs/design.md section 1.3), from the export. */
export function heldIn(state: State, agent: string, currency: string): number {
  const key = agent.toLowerCase();
  let held = 0;
  for (const c of state.cases)
    if (c.agent.toLowerCase() === key && c.currency === currency) held += refundOf(c).toBalance ?? 0;
  for (const w of state.withdrawals)
    if (w.agent.toLowerCase() === key && w.currency === currency) held -= w.amountMinor - w.untrackedMinor;
  return Math.max(0, held);
}

/** A withdrawal's amount in minor units: as given, or what is held plus `beyondHeld` (at least one unit). */
function withdrawn(
  state: State,
  a: { agent: string; amount: string | { beyondHeld: number }; currency?: string },
): number {
  const currency = a.currency ?? "CNY";
  if (typeof a.amount === "string") return Number(a.amount) * 10 ** minorUnits(currency);
  return Math.max(1, heldIn(state, a.agent, currency) + a.amount.beyondHeld);
}

/** A stock-in `hours` before now, as add's --stored takes it ("YYYY-MM-DD HH:MM"). */
function storedAt(m: Model, hours: number): string {
  const minutes = Number(m.now.slice(11, 13)) * 60 + Number(m.now.slice(14, 16)) - hours * 60;
  const days = Math.floor(minutes / 1440);
  const left = minutes - days * 1440;
  return `${fromToday(m, days)} ${String(Math.floor(left / 60)).padStart(2, "0")}:${String(left % 60).padStart(2, "0")}`;
}

/** closures' value: days, and a range from each day to the next one given. */
function closures(m: Model, days: DateChoice[]): string {
  const dates = days.map((d) => dateFor(m, d));
  return dates.map((d, i) => (i === 1 ? `${dates[0]}..${d}` : d)).join(",");
}

/** Sets the holiday file calendar import reads: `calendar show 2027 --provisional --json`, holiday-cn's form. */
export function setHolidayFile(text: string): void {
  holidayFile = text;
}

import type { State } from "./model.js";

/** An invariant that did not hold: its name leads the message, so a failure says which one. */
export class Violation extends Error {
  constructor(
    readonly invariant: string,
    detail: string,
  ) {
    super(`[${invariant}] ${detail}`);
  }
}

export function fail(invariant: string, detail: string): never {
  throw new Violation(invariant, detail);
}

/** Two values must be the same JSON. */
export function same(invariant: string, actual: unknown, expected: unknown, what: string): void {
  const [a, e] = [JSON.stringify(actual), JSON.stringify(expected)];
  if (a !== e) fail(invariant, `${what} differ:\n  got      ${clip(a)}\n  expected ${clip(e)}`);
}

const clip = (text: string | undefined): string =>
  text === undefined || text.length <= 2000 ? String(text) : `${text.slice(0, 2000)}…`;

/** A step on one case: every other case, the settings and the withdrawals are as they were. */
export function onlyCaseChanged(before: State, after: State, id: number): void {
  same(
    "model",
    after.cases.map((c) => c.id),
    before.cases
      .map((c) => c.id)
      .concat(before.cases.some((c) => c.id === id) ? [] : [id])
      .sort((a, b) => a - b),
    "case ids",
  );
  for (const c of before.cases) {
    if (c.id !== id)
      same(
        "model",
        after.cases.find((x) => x.id === c.id),
        c,
        `case #${c.id}, which the step did not name`,
      );
  }
  same("model", [after.settings, after.withdrawals], [before.settings, before.withdrawals], "settings and withdrawals");
}

/** A settings step: the cases and withdrawals are as they were. */
export function onlySettingsChanged(before: State, after: State): void {
  same("model", [after.cases, after.withdrawals], [before.cases, before.withdrawals], "cases and withdrawals");
}

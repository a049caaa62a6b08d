import { describe, expect, it } from "vitest";
import { openSqlite } from "../../src/store/open.js";
import { addArgs, sandbox } from "../helpers.js";

// Issue 28: status's table ranks and counts the open cases from the due day and buyer's move stored
// with each (m012), --json judges every case; both must say the same, whatever wrote the file.

/** The ids in status's table, in its order, and its summary line. */
function table(out: string): { ids: number[]; summary: string } {
  return {
    ids: [...out.matchAll(/^│ #(\d+) /gm)].map((m) => Number(m[1])),
    summary: out.split("\n").find((line) => / open: /.test(line)) ?? "",
  };
}

function summaryOf(json: { asOf: string; summary: Record<string, number> }): string {
  const { overdue, action, dueSoon, onTrack } = json.summary as Record<string, number>;
  return (
    `${overdue! + action! + dueSoon! + onTrack!} open: ${overdue} overdue, ${action} need action, ${dueSoon} due soon, ` +
    `${onTrack} on track (as of ${json.asOf})`
  );
}

describe("status's table from the stored urgencies", () => {
  it("shows the cases and counts --json gives, on several days, after closures, a foreign write and doctor --fix", async () => {
    const s = sandbox("2026-11-20");
    const add = (order: string, date: string | null, extra: Record<string, string> = {}) =>
      s.okHere([
        ...addArgs({ order, item: `item ${order}`, resolution: "refund", ...extra }),
        ...(date === null ? [] : ["--date", date]),
      ]);
    await add("A1", "2026-11-02");
    await add("A2", "2026-11-18");
    await add("A3", "2026-11-19", { resolution: "partial-refund", ask: "20.00" });
    await s.okHere(["advance", "3", "agent-reviewed", "--date", "2026-11-19"]);
    await s.okHere(["advance", "3", "seller-offered", "--amount", "10.00", "--date", "2026-11-20"]); // the buyer's move
    await add("A4", "2026-11-20", { resolution: "exchange" });
    await add("A5", "2026-10-28");
    await s.okHere(["refuse", "5", "--date", "2026-11-04"]);
    await add("A6", null, { stage: "spotted", stored: "2026-11-19 09:00" });
    await add("A7", "2026-11-01");
    await s.okHere(["close", "7", "--outcome", "cancelled"]);

    const agree = (args: string[] = []) => {
      const json = s.json(["status", "--json", ...args]);
      const shown = table(s.ok(["status", "--limit", "4", ...args]));
      expect(shown.ids).toEqual(json.cases.slice(0, 4).map((c: { id: number }) => c.id));
      expect(shown.summary).toBe(summaryOf(json));
      return json;
    };
    for (const day of ["2026-11-20", "2026-11-23", "2026-12-10", "2027-02-15"]) agree(["--as-of", day]);

    // A closure moves the business-day deadlines: every open case is worked out again with it.
    const before = agree().cases.find((c: { id: number }) => c.id === 2).due;
    await s.okHere(["config", "set", "closures", "2026-11-20..2026-11-27"]);
    expect(agree().cases.find((c: { id: number }) => c.id === 2).due > before).toBe(true);

    // Another program's write (a case's day 0 moved) leaves the case stale; status judges it itself.
    const db = openSqlite(s.db);
    db.prepare("UPDATE cases SET opened_on = '2026-10-01' WHERE id = 4").run();
    db.close();
    expect(agree().cases.find((c: { id: number }) => c.id === 4).flag).toBe("overdue");

    // A stored day changed behind the triggers' back: doctor says so and --fix works them out again.
    const broken = openSqlite(s.db);
    broken.exec("DROP TRIGGER cases_urgency_stale; UPDATE cases SET due_day = due_day + 400 WHERE id = 1");
    broken.close();
    const doctor = s.run(["doctor"]);
    expect(doctor.code).toBe(1);
    expect(doctor.stdout).toContain(
      "problem: 1 open case's stored due day differs from what the deadlines give (status ranks and counts by " +
        "them); run: kakotrack doctor --fix",
    );
    expect(s.ok(["doctor", "--fix"])).toMatch(/^Worked out the due days of 6 open cases again\.\n/);
    expect(s.run(["doctor"]).code).toBe(0);
    agree();
  });
});

import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { addArgs, sandbox } from "../helpers.js";

// Issue 27, part 4: the ics export read back by a real calendar parser (ical.js), alarms included.

type Entry = {
  uid: string;
  summary: string;
  start: string;
  allDay: boolean;
  sequence: number;
  modified: string;
  alarms: string[];
};

function entries(text: string): Entry[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents("vevent").map((e) => {
    const start = e.getFirstPropertyValue("dtstart") as ICAL.Time;
    return {
      uid: String(e.getFirstPropertyValue("uid")),
      summary: String(e.getFirstPropertyValue("summary")),
      start: start.toString(),
      allDay: start.isDate,
      sequence: Number(e.getFirstPropertyValue("sequence")),
      modified: String(e.getFirstPropertyValue("last-modified")),
      alarms: e.getAllSubcomponents("valarm").map((a) => {
        expect([a.getFirstPropertyValue("action"), a.getFirstPropertyValue("description")]).toEqual([
          "DISPLAY",
          e.getFirstPropertyValue("summary"),
        ]);
        return String(a.getFirstPropertyValue("trigger"));
      }),
    };
  });
}

describe("ics alarms", () => {
  it(
    "gives each deadline 09:00 alarms the day before and on the day, the return window a timed entry 12 h before, " +
      "stable UIDs",
    async () => {
      const s = sandbox("2026-12-01T10:00");
      await s.okHere(addArgs({ order: "KB-1", item: "hoodie", resolution: "refund", date: "2026-11-30" }));
      await s.okHere(
        addArgs({ order: "MB-1", item: "jeans", agent: "Mulebuy", stage: "spotted", stored: "2026-11-28 14:00" }),
      );
      const first = entries(s.ok(["export", "--format", "ics"]));
      expect(first.map((e) => [e.summary, e.start, e.allDay, e.alarms])).toEqual([
        ["KB-1 hoodie: agent review due", "2026-12-02", true, ["-PT15H", "PT9H"]],
        ["KB-1 hoodie: seller response due", "2026-12-07", true, ["-PT15H", "PT9H"]],
        ["KB-1 hoodie: refund due", "2026-12-18", true, ["-PT15H", "PT9H"]],
        ["MB-1 jeans: return window closes 14:00", "2026-12-03T14:00:00", false, ["-PT12H"]],
      ]);
      expect(first[0]!.modified).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(new Set(first.map((e) => e.sequence)).size).toBe(1);
      // Chosen alarms, or none; a met deadline's entry is gone, the others keep their UIDs.
      const chosen = entries(s.ok(["export", "--format", "ics", "--alarm", "1d,2h,2d@18:30"]));
      expect(chosen[0]!.alarms).toEqual(["-P1D", "-PT2H", "-P1DT5H30M"]);
      expect(chosen[3]!.alarms).toEqual(["-PT12H"]);
      expect(entries(s.ok(["export", "--format", "ics", "--no-alarm"])).flatMap((e) => e.alarms)).toEqual([]);
      await s.okHere(["advance", "1", "agent-reviewed"]);
      const later = entries(s.ok(["export", "--format", "ics"]));
      expect(later.map((e) => e.uid)).toEqual([first[1]!.uid, first[2]!.uid, first[3]!.uid]);
      expect(later[0]!.sequence).toBeGreaterThanOrEqual(first[0]!.sequence);
      const bad = s.run(["export", "--format", "ics", "--alarm", "tomorrow"]);
      expect([bad.code, bad.stderr]).toEqual([
        2,
        'kakotrack: --alarm: "tomorrow" is not an alarm (use 1d, 2h, 30m before the deadline, or 1d@09:00 for a time ' +
          "of day; comma-separated)\n",
      ]);
      expect(s.run(["export", "--format", "csv", "--no-alarm"]).code).toBe(2);
    },
  );
});

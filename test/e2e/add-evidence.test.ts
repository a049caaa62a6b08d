import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { addArgs, sandbox } from "../helpers.js";
import { runOnTerminal } from "../terminal.js";

// Issue 17 item 8 through the built bin on a real terminal: the evidence questions of add.
describe("add on a terminal", () => {
  it.runIf(existsSync("/usr/bin/script"))(
    "asks for evidence after the fields: a dragged file, a link, Enter to finish",
    async () => {
      const s = sandbox("2026-11-20");
      writeFileSync(join(s.dir, "QC photo.jpg"), "jpeg bytes");
      // Every field as a flag (without --yes): only the evidence is asked.
      const flags = addArgs({
        agent: "KakoBuy",
        url: "",
        currency: "CNY",
        phase: "qc",
        date: "2026-11-20",
        note: "",
        stored: "",
      }).filter((a) => a !== "--yes");
      const run = await runOnTerminal(s, flags, [
        ["Evidence", `'${join(s.dir, "QC photo.jpg")}'\r`],
        ["(1 so far", "https://imgur.com/a/qc\r"],
        ["(2 so far", "\r"],
      ]);
      expect(run.code).toBe(0);
      expect(run.output).toContain("Stored QC photo.jpg (10 B, sha256 ");
      expect(run.output).toContain("Linked https://imgur.com/a/qc to case #1.");
      expect((await s.jsonHere(["show", "1", "--json"])).evidence.map((e: any) => [e.name, e.state])).toEqual([
        ["QC photo.jpg", "intact"],
        ["https://imgur.com/a/qc", "link"],
      ]);
    },
  );
});

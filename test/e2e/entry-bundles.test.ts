import { describe, expect, it } from "vitest";
import { addArgs, sandbox } from "../helpers.js";

// bin/kakotrack.js runs the bundle of the command a line names, also when global options or
// `help` come first: one bundle a process, so kakotrack's errors are the classes run.ts knows.
// Both orders must behave alike, errors and their exit codes included.
describe("a command line that does not start with the command", () => {
  it("runs the command's bundle, with the same output and exit codes", async () => {
    const s = sandbox("2026-11-02");
    await s.okHere(addArgs({ order: "KB-1001", item: "hoodie", resolution: "refund" }));
    const direct = s.run(["status", "--db", s.db, "--as-of", "2026-11-22"]);
    const global = s.run(["--db", s.db, "status", "--as-of", "2026-11-22"]);
    expect(global).toMatchObject({ code: direct.code, stdout: direct.stdout, stderr: direct.stderr });
    expect(direct.stdout).toContain("KB-1001");
    // A kakotrack error thrown by the command, exit 2 (not 70) at the boundary.
    const missing = s.run(["--db", s.db, "show", "99"]);
    expect(missing).toMatchObject({ code: 2, stdout: "" });
    expect(missing.stderr).toBe("kakotrack: no case #99 (run `kakotrack list --all` to see case ids)\n");
    expect(s.run(["--no-color", "status", "--check", "--as-of", "2026-11-22"]).code).toBe(1);
    expect(s.run(["help", "status"]).stdout).toContain("Usage: kakotrack status [options]");
  });
});

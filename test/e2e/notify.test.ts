import { execFile, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { addArgs, BIN, type Sandbox, sandbox } from "../helpers.js";
import { downPort, hasApprise, type Received, receiver } from "./receivers.js";

// Issue 27 end to end: the built bin sends to real receivers on this machine (local HTTP servers
// standing in for ntfy and a webhook, and Debian's apprise posting to one through json://),
// over runs with KAKOTRACK_NOW moving forward.

const json = (r: Received) => JSON.parse(r.body);
/** The alerts the webhook got, as "case deadline flag", in order. */
const alertsOf = (got: Received[]) =>
  got.flatMap((r) => json(r).alerts.map((a: any) => `${json(r).caseId} ${a.deadline} ${a.flag}`));

async function twoCases(s: Sandbox): Promise<void> {
  await s.okHere(addArgs({ order: "KB-1001", item: "grey hoodie", date: "2026-11-02" }));
  await s.okHere(addArgs({ order: "KB-1002", item: "cap", resolution: "refund", date: "2026-11-02" }));
}

async function notify(s: Sandbox, now: string, ...args: string[]) {
  return s.runAsync(["notify", ...args], { now });
}

describe("notify", () => {
  it("sends each new alert once to ntfy and a webhook, again only after it went away and came back", async () => {
    const s = sandbox();
    const [ntfy, hook] = [await receiver(), await receiver()];
    await twoCases(s);
    await s.okHere(["config", "set", "notify.ntfy", `${ntfy.url}/kakotrack-topic`]);
    await s.okHere(["config", "set", "notify.ntfy-token", "tk_secret"]);
    await s.okHere(["config", "set", "notify.webhook", `${hook.url}/hook`]);

    // Day 0: both agent reviews are due in two days.
    const first = await notify(s, "2026-11-02");
    expect([first.code, first.stderr]).toEqual([0, ""]);
    expect(first.stdout).toBe(
      "Sent to ntfy: #1 KB-1001 grey hoodie: due soon\nSent to ntfy: #2 KB-1002 cap: due soon\n" +
        "Sent to webhook: #1 KB-1001 grey hoodie: due soon\nSent to webhook: #2 KB-1002 cap: due soon\n",
    );
    expect(
      ntfy.received.map((r) => [r.path, r.headers.title, r.headers.priority, r.headers.tags, r.headers.authorization]),
    ).toEqual([
      ["/kakotrack-topic", "#1 KB-1001 grey hoodie: due soon", "default", "calendar", "Bearer tk_secret"],
      ["/kakotrack-topic", "#2 KB-1002 cap: due soon", "default", "calendar", "Bearer tk_secret"],
    ]);
    expect(ntfy.received[0]!.body).toBe(
      "agent review due in 2 days (2026-11-04)\nNext: send the request to the agent if you have not (`kakotrack " +
        "message 1`); the agent should review it by 2026-11-04",
    );
    expect(json(hook.received[1]!)).toMatchObject({
      kind: "case",
      caseId: 2,
      orderNo: "KB-1002",
      item: "cap",
      flag: "due-soon",
      deadline: "agent-review",
      due: "2026-11-04",
      late: 0,
      reason: "agent review due in 2 days (2026-11-04)",
      nextStep: expect.stringContaining("kakotrack message 2"),
    });

    // The same day again, and the next: nothing new.
    for (const now of ["2026-11-02", "2026-11-03T18:00"]) {
      const again = await notify(s, now);
      expect([again.code, again.stdout]).toEqual([0, `Nothing new to send (as of ${now.slice(0, 10)}).\n`]);
    }
    expect([ntfy.received.length, hook.received.length]).toEqual([2, 2]);

    // Overdue: one more each, high priority, saying how late.
    expect((await notify(s, "2026-11-05")).code).toBe(0);
    expect(ntfy.received.slice(2).map((r) => [r.headers.title, r.headers.priority, r.headers.tags])).toEqual([
      ["#1 KB-1001 grey hoodie: overdue", "high", "warning"],
      ["#2 KB-1002 cap: overdue", "high", "warning"],
    ]);
    expect(json(hook.received[2]!)).toMatchObject({
      flag: "overdue",
      late: 1,
      lateUnit: "days",
      reason: "agent review overdue by 1 day (due 2026-11-04)",
    });

    // Back on track (reviewed), then late again (the step undone): sent again, once.
    await s.okHere(["advance", "1", "agent-reviewed"], { now: "2026-11-05" });
    expect((await notify(s, "2026-11-05")).stdout).toBe("Nothing new to send (as of 2026-11-05).\n");
    await s.okHere(["undo"], { now: "2026-11-05" });
    expect((await notify(s, "2026-11-05")).stdout).toBe(
      "Sent to ntfy: #1 KB-1001 grey hoodie: overdue\nSent to webhook: #1 KB-1001 grey hoodie: overdue\n",
    );
    expect((await notify(s, "2026-11-05")).stdout).toBe("Nothing new to send (as of 2026-11-05).\n");
    expect(alertsOf(hook.received)).toEqual([
      "1 agent-review due-soon",
      "2 agent-review due-soon",
      "1 agent-review overdue",
      "2 agent-review overdue",
      "1 agent-review overdue",
    ]);
    expect(ntfy.received).toHaveLength(5);
  });

  it("leaves a down server's notifications for the next run, exit 3 naming it, and sends nothing twice", async () => {
    const s = sandbox();
    const ntfy = await receiver();
    const port = await downPort();
    await twoCases(s);
    await s.okHere(["config", "set", "notify.ntfy", `${ntfy.url}/t`]);
    await s.okHere(["config", "set", "notify.webhook", `http://127.0.0.1:${port}/hook`]);
    const down = await notify(s, "2026-11-02");
    expect(down.code).toBe(3);
    expect(down.stderr).toBe(
      `kakotrack: webhook: cannot reach 127.0.0.1:${port} (ECONNREFUSED); 2 notifications left unsent for the next ` +
        `run\n` +
        "kakotrack: could not send through webhook; fix it (`kakotrack notify --test` checks), and the next run " +
        "sends what is unsent\n",
    );
    expect(ntfy.received).toHaveLength(2);

    // The server answers 500: still unsent. Then it is back: it gets everything, ntfy nothing twice.
    const hook = await receiver(port);
    hook.answer(500);
    const failing = await notify(s, "2026-11-02");
    expect([failing.code, failing.stderr.split("\n")[0]]).toEqual([
      3,
      `kakotrack: webhook: 127.0.0.1:${port} answered 500 Internal Server Error: down for maintenance; 2 ` +
        `notifications left unsent for the next run`,
    ]);
    hook.answer(200);
    const back = await notify(s, "2026-11-02");
    expect([back.code, back.stdout, back.stderr]).toEqual([
      0,
      "Sent to webhook: #1 KB-1001 grey hoodie: due soon\nSent to webhook: #2 KB-1002 cap: due soon\n",
      "",
    ]);
    expect(alertsOf(hook.received)).toEqual([
      "1 agent-review due-soon",
      "1 agent-review due-soon",
      "2 agent-review due-soon",
    ]);
    expect(ntfy.received).toHaveLength(2);
  });

  it("--dry-run sends and records nothing; more than notify-max become one summary", async () => {
    const s = sandbox();
    const hook = await receiver();
    await twoCases(s);
    await s.okHere(addArgs({ order: "KB-1003", item: "jeans", date: "2026-10-20" }));
    await s.okHere(["config", "set", "notify.webhook", `${hook.url}/hook`]);
    await s.okHere(["config", "set", "notify-max", "2"]);
    const dry = await notify(s, "2026-11-02", "--dry-run");
    expect([dry.code, dry.stderr]).toEqual([0, ""]);
    expect(dry.stdout).toBe(
      "Would send 1 notification to webhook (dry run: nothing sent or recorded):\n\nkakotrack: 3 cases need " +
        "attention [high]\n" +
        "  1 overdue, 2 due soon\n  #3 KB-1003 jeans: overdue\n  #1 KB-1001 grey hoodie: due soon\n  … and 1 " +
        "more\n  See them all: kakotrack status\n",
    );
    expect((await notify(s, "2026-11-02", "--dry-run")).stdout).toBe(dry.stdout);
    expect(hook.received).toHaveLength(0);
    expect((await notify(s, "2026-11-02")).stdout).toBe("Sent to webhook: kakotrack: 3 cases need attention\n");
    const summary = json(hook.received[0]!);
    expect([summary.kind, summary.cases.map((c: any) => c.caseId)]).toEqual(["summary", [3, 1, 2]]);
    expect((await notify(s, "2026-11-02", "--dry-run")).stdout).toBe(
      "Nothing new to send to webhook (as of 2026-11-02).\n",
    );
  });

  it("two runs at once send nothing twice", async () => {
    const s = sandbox();
    const hook = await receiver();
    for (let i = 1; i <= 6; i++) await s.okHere(addArgs({ order: `KB-${i}`, item: `item ${i}`, date: "2026-11-02" }));
    await s.okHere(["config", "set", "notify.webhook", `${hook.url}/hook`]);
    const runs = await Promise.all([notify(s, "2026-11-03"), notify(s, "2026-11-03"), notify(s, "2026-11-03")]);
    expect(runs.map((r) => [r.code, r.stderr])).toEqual([
      [0, ""],
      [0, ""],
      [0, ""],
    ]);
    expect(alertsOf(hook.received).sort()).toEqual([1, 2, 3, 4, 5, 6].map((id) => `${id} agent-review due-soon`));
  });

  it("warns when a return window closes within notify-window hours, and once it has closed", async () => {
    const s = sandbox("2026-12-01T10:00");
    const hook = await receiver();
    await s.okHere(addArgs({ order: "MB-1", agent: "Mulebuy", stage: "spotted", stored: "2026-11-28 14:00" }));
    await s.okHere(["config", "set", "notify.webhook", `${hook.url}/hook`]);
    await s.okHere(["config", "set", "notify-window", "12"]);
    expect((await notify(s, "2026-12-03T01:59")).stdout).toBe("Nothing new to send (as of 2026-12-03).\n");
    expect((await notify(s, "2026-12-03T02:00")).stdout).toBe(
      "Sent to webhook: #1 MB-1 grey hoodie: return window closing\n",
    );
    expect((await notify(s, "2026-12-03T13:00")).stdout).toBe("Nothing new to send (as of 2026-12-03).\n");
    expect((await notify(s, "2026-12-03T14:00")).stdout).toBe(
      "Sent to webhook: #1 MB-1 grey hoodie: return window closed\n",
    );
    expect(hook.received.map((r) => json(r).reason)).toEqual([
      "return window closes in 12 h, 2026-12-03 14:00",
      "return window closed 2026-12-03 14:00: the agent may refuse a late request",
    ]);
    expect(json(hook.received[0]!)).toMatchObject({ deadline: "return-window", due: "2026-12-03T14:00" });
  });

  it.skipIf(!hasApprise)(
    "sends through the apprise command (json:// to a local server), and names it when it fails",
    async () => {
      const s = sandbox();
      const target = await receiver();
      const port = await downPort();
      await twoCases(s);
      await s.okHere(["config", "set", "notify.apprise", `json://127.0.0.1:${target.port}/apprise`]);
      const sent = await notify(s, "2026-11-05");
      expect([sent.code, sent.stdout]).toEqual([
        0,
        "Sent to apprise: #1 KB-1001 grey hoodie: overdue\nSent to apprise: #2 KB-1002 cap: overdue\n",
      ]);
      expect(target.received.map((r) => [r.path, json(r).title, json(r).type])).toEqual([
        ["/apprise", "#1 KB-1001 grey hoodie: overdue", "warning"],
        ["/apprise", "#2 KB-1002 cap: overdue", "warning"],
      ]);
      expect(json(target.received[0]!).message).toMatch(
        /^agent review overdue by 1 day \(due 2026-11-04\)\nNext: ask the agent for an update/,
      );
      expect((await notify(s, "2026-11-05")).stdout).toBe("Nothing new to send (as of 2026-11-05).\n");
      await s.okHere(["config", "set", "notify.apprise", `json://127.0.0.1:${port}/apprise`]);
      const test = await notify(s, "2026-11-05", "--test");
      expect([test.code, test.stderr]).toEqual([
        3,
        expect.stringMatching(
          /^kakotrack: apprise: apprise exited with 1.*\nkakotrack: could not send through apprise; /,
        ),
      ]);
    },
  );
});

describe("notify channels and setup", () => {
  it("--test reaches every channel; a desktop without notify-send is a clear error; no channel is exit 2", async () => {
    const s = sandbox();
    const none = await notify(s, "2026-11-02");
    expect([none.code, none.stderr]).toEqual([
      2,
      "kakotrack: no channel to notify through; set one, e.g. `kakotrack config set notify.ntfy " +
        "https://ntfy.sh/YOUR-TOPIC` (`kakotrack help notify` lists them)\n",
    ]);
    const ntfy = await receiver();
    await s.okHere(["config", "set", "notify.ntfy", `${ntfy.url}/t`]);
    await s.okHere(["config", "set", "notify.desktop", "on"]);
    const test = await s.runAsync(["notify", "--test"], { env: { PATH: s.dir }, now: "2026-11-02T09:30" });
    expect([test.code, test.stdout, test.stderr]).toEqual([
      3,
      "Sent a test notification to ntfy.\n",
      "kakotrack: desktop: notify-send is not installed (Debian/Ubuntu: sudo apt install libnotify-bin; Fedora: " +
        "sudo dnf install libnotify)\n" +
        "kakotrack: could not send through desktop; fix it (`kakotrack notify --test` checks), and the next run " +
        "sends what is unsent\n",
    ]);
    expect([ntfy.received[0]!.headers.title, ntfy.received[0]!.body]).toEqual([
      "kakotrack: test notification",
      "If you can read this, kakotrack's reminders reach you here (sent 2026-11-02 09:30).",
    ]);
  });

  it("keeps channel settings journalled, secrets masked, and out of the JSON export", async () => {
    const s = sandbox();
    expect(s.ok(["config", "set", "notify.webhook", "http://127.0.0.1:1/hook?token=abc"])).toBe(
      "notify.webhook = (hidden: `config get` shows it)\n",
    );
    expect(s.ok(["config", "set", "notify.ntfy", "https://ntfy.sh/kakotrack-3f9a"])).toBe(
      "notify.ntfy = https://ntfy.sh/kakotrack-3f9a\n",
    );
    const list = s.ok(["config", "list"]);
    expect(list).not.toContain("token=abc");
    expect(list).toMatch(/notify\.webhook +│ \(hidden: `config get` shows it\)/);
    expect(s.ok(["config", "get", "notify.webhook"])).toBe("http://127.0.0.1:1/hook?token=abc\n");
    const bad = s.run(["config", "set", "notify.ntfy", "ntfy.sh/topic"]);
    expect([bad.code, bad.stderr]).toEqual([
      2,
      'kakotrack: notify.ntfy: "ntfy.sh/topic" is not an http(s) address (e.g. https://ntfy.sh/kakotrack-3f9a)\n',
    ]);
    expect(s.ok(["config", "set", "notify-window", "48"])).toBe("notify-window = 48\n");
    const exported = JSON.parse(s.ok(["export"]));
    expect(exported.settings).toEqual({ "notify-window": "48" });
    expect(s.ok(["undo"])).toBe("Undid the setting of notify-window to 48.\n");
    expect(s.ok(["undo"])).toBe("Undid the setting of notify.ntfy to https://ntfy.sh/kakotrack-3f9a.\n");
    expect(s.ok(["undo"])).toBe("Undid the setting of notify.webhook.\n");
    expect(s.ok(["config", "get", "notify.webhook"])).toBe("\n");
  });

  it(
    "--schedule prints a crontab line that runs notify on this database, a systemd timer and a launchd " + "plist",
    async () => {
      const s = sandbox();
      const hook = await receiver();
      await twoCases(s);
      await s.okHere(["config", "set", "notify.webhook", `${hook.url}/hook`]);
      const out = s.ok(["notify", "--schedule"]);
      const cron = out.split("\n").find((l) => l.startsWith("17 * * * * "))!;
      expect(cron).toBe(`17 * * * * KAKOTRACK_DB='${s.db}' '${process.execPath}' '${BIN}' notify >/dev/null`);
      // The line's command, as cron's shell runs it (no PATH of ours): it sends through this database.
      const ran = await promisify(execFile)("/bin/sh", ["-c", cron.slice("17 * * * * ".length)], {
        env: s.env({ env: { PATH: undefined, HOME: undefined, NO_COLOR: undefined, KAKOTRACK_DB: undefined } }),
      });
      expect(ran.stderr).toBe("");
      expect(alertsOf(hook.received)).toEqual(["1 agent-review due-soon", "2 agent-review due-soon"]);
      expect(out).toContain(`Environment="KAKOTRACK_DB=${s.db}"\nExecStart="${process.execPath}" "${BIN}" notify\n`);
      expect(out).toContain("[Timer]\nOnCalendar=hourly\nPersistent=true\n");
      const plist = out.slice(out.indexOf("<?xml"));
      const python = spawnSync(
        "python3",
        ["-c", "import plistlib,sys,json; print(json.dumps(plistlib.loads(sys.stdin.buffer.read())))"],
        { input: plist, encoding: "utf8" },
      );
      if (python.status === 0) {
        expect(JSON.parse(python.stdout)).toMatchObject({
          Label: "dev.kakotrack.notify",
          ProgramArguments: [process.execPath, BIN, "notify"],
          EnvironmentVariables: { KAKOTRACK_DB: s.db },
          StartInterval: 3600,
        });
      }
    },
  );
});

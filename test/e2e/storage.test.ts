import { spawnSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MIGRATIONS, SCHEMA_VERSION } from "../../src/store/migrations.js";
import { APPLICATION_ID, openSqlite } from "../../src/store/open.js";
import { addArgs, BIN, copyInstallation, type Sandbox, sandbox } from "../helpers.js";

const bytes = (path: string) => readFileSync(path).toString("base64");
const contentOf = (path: string) =>
  !existsSync(path) ? null : statSync(path).isFile() ? bytes(path) : readdirSync(path).join(",");

/** A database as the first kakotrack release (schema 1) wrote it, with one case. */
function schemaOneDatabase(path: string): void {
  const db = openSqlite(path);
  db.pragma("journal_mode = WAL");
  db.exec(MIGRATIONS[0]!.sql);
  db.prepare(
    `INSERT INTO cases (agent, order_no, item, currency, defect, description, phase, resolution, payment, opened_on, stage, created_at, updated_at)
     VALUES ('KakoBuy', 'KB-OLD', 'old coat', 'CNY', 'flaw', 'moth', 'qc', 'exchange', 'card', '2026-11-02', 'requested', '2026-11-02T10:00:00', '2026-11-02T10:00:00')`,
  ).run();
  db.prepare(
    "INSERT INTO events (case_id, kind, stage, on_date, recorded_at) VALUES (1, 'opened', 'requested', " +
      "'2026-11-02', '2026-11-02T10:00:00')",
  ).run();
  db.pragma(`application_id = ${APPLICATION_ID}`);
  db.pragma("user_version = 1");
  db.close();
}

describe("a new database", () => {
  it(
    "is created owner-only, in WAL mode, with every migration, and so are its WAL, SHM and evidence files even " +
      "under umask 000",
    () => {
      const s = sandbox();
      const photo = join(s.dir, "qc.jpg");
      writeFileSync(photo, "jpeg");
      // umask 000 would make files world-readable if kakotrack relied on it.
      const r = spawnSync(
        "sh",
        [
          "-c",
          `umask 000; exec "${process.execPath}" "${BIN}" ${addArgs({ evidence: photo })
            .map((a) => `'${a}'`)
            .join(" ")}`,
        ],
        {
          env: s.env(),
          encoding: "utf8",
        },
      );
      expect(r.status, r.stderr).toBe(0);
      // Hold a connection open so the WAL and SHM files exist while they are checked.
      const db = openSqlite(s.db);
      db.prepare("SELECT count(*) FROM cases").get();
      for (const file of [s.db, `${s.db}-wal`, `${s.db}-shm`]) expect(statSync(file).mode & 0o777, file).toBe(0o600);
      const evidence = `${s.db}.evidence`;
      expect(statSync(evidence).mode & 0o777).toBe(0o700);
      for (const f of readdirSync(evidence)) expect(statSync(join(evidence, f)).mode & 0o777).toBe(0o600);
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
      expect(db.pragma("application_id", { simple: true })).toBe(APPLICATION_ID);
      const columns = (table: string) =>
        (db.pragma(`table_info(${table})`) as Array<{ name: string }>).map((c) => c.name);
      expect(columns("cases")).toEqual([
        "id",
        "agent",
        "order_no",
        "item",
        "item_url",
        "seller",
        "seller_key",
        "price_minor",
        "currency",
        "defect",
        "description",
        "phase",
        "resolution",
        "payment",
        "opened_on",
        "stage",
        "offer_minor",
        "outcome",
        "refund_minor",
        "closed_on",
        "created_at",
        "updated_at",
        "steps",
        "stored_at",
        "refund_to",
        "ask_minor",
        "dup_key",
        "balance_refund_minor",
        "return_tracking",
        "return_carrier",
        "due_day",
        "needs_action",
        "due_stale",
      ]);
      expect(columns("events")).toEqual([
        "id",
        "case_id",
        "kind",
        "stage",
        "on_date",
        "recorded_at",
        "note",
        "amount_minor",
        "data",
      ]);
      expect(columns("settings")).toEqual(["key", "value"]);
      expect(db.prepare("SELECT value FROM settings WHERE key = 'database-id'").pluck().get()).toMatch(
        /^[0-9a-f]{32}$/,
      );
      db.close();
      expect(s.ok(["doctor"])).toContain("Healthy.");
    },
  );

  it("creates the default folder but not a missing folder named by --db", () => {
    const s = sandbox();
    const r = s.run(["status"], { env: { KAKOTRACK_DB: join(s.dir, "missing", "k.db") } });
    expect([r.code, r.stderr]).toEqual([3, expect.stringContaining("does not exist; create it (mkdir -p")]);
    expect(existsSync(join(s.dir, "missing"))).toBe(false);
    const home = s.run(["add", ...addArgs().slice(1)], {
      env: { KAKOTRACK_DB: undefined, XDG_DATA_HOME: join(s.dir, "data") },
    });
    expect(home.code, home.stderr).toBe(0);
    expect(existsSync(join(s.dir, "data", "kakotrack", "kakotrack.db"))).toBe(true);
  });
});

describe("an older database", () => {
  it("is migrated after a dated backup copy is written beside it", () => {
    const s = sandbox("2026-11-20");
    schemaOneDatabase(s.db);
    const original = bytes(s.db);
    const out = s.json(["status", "--json"]);
    expect(out.cases.map((c: any) => c.orderNo)).toEqual(["KB-OLD"]);
    const backup = `${s.db}.schema1-2026-11-20.bak`;
    const copy = openSqlite(backup, { readonly: true });
    expect(copy.pragma("user_version", { simple: true })).toBe(1);
    expect(copy.prepare("SELECT order_no FROM cases").pluck().all()).toEqual(["KB-OLD"]);
    copy.close();
    const db = openSqlite(s.db, { readonly: true });
    expect(db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare("SELECT count(*) FROM settings WHERE key = 'database-id'").pluck().get()).toBe(1);
    db.close();
    expect(bytes(s.db)).not.toBe(original);
    s.ok(addArgs());
    expect(s.json(["list", "--json"])).toHaveLength(2);
  });
});

describe("a database kakotrack must not change", () => {
  function expectRefused(s: Sandbox, path: string, args: string[], message: RegExp): void {
    const before = contentOf(path);
    const r = s.run(args, { env: { KAKOTRACK_DB: path } });
    expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(3);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(contentOf(path)).toBe(before);
  }
  const WRITE = addArgs();

  it("from a newer kakotrack: writes are refused with exit 3, status and export still read it", async () => {
    const s = sandbox("2026-11-20");
    await s.okHere(addArgs({ order: "KB-NEW" }));
    const db = openSqlite(s.db);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expectRefused(s, s.db, WRITE, /newer kakotrack.*upgrade kakotrack/);
    expectRefused(s, s.db, ["note", "1", "x"], /upgrade kakotrack/);
    const before = bytes(s.db);
    expect(s.json(["status", "--json"]).cases[0].orderNo).toBe("KB-NEW");
    expect(JSON.parse(s.ok(["export"])).cases[0].orderNo).toBe("KB-NEW");
    expect(s.run(["doctor"]).stdout).toContain("newer than this kakotrack");
    expect(bytes(s.db)).toBe(before);
  });

  it(
    "empty, not SQLite, truncated, corrupt, another program's, or a directory: exit 3, a fix named, the file " +
      "untouched",
    async () => {
      const s = sandbox("2026-11-20");
      // 40 cases for a file of many pages, through one import (in process) instead of 40 adds.
      await s.okHere(addArgs({ order: "KB-0", description: "d".repeat(2000) }));
      const exported = await s.jsonHere(["export"]);
      const one = exported.cases[0];
      exported.cases = Array.from({ length: 39 }, (_, i) => ({
        ...one,
        id: i + 2,
        orderNo: `KB-${i + 1}`,
        events: one.events.map((e: object) => ({ ...e, caseId: i + 2 })),
      }));
      writeFileSync(join(s.dir, "cases.json"), JSON.stringify(exported));
      await s.okHere(["import", join(s.dir, "cases.json")]);
      const db = openSqlite(s.db);
      expect(db.prepare("SELECT count(*) FROM cases").pluck().get()).toBe(40);
      db.pragma("wal_checkpoint(TRUNCATE)"); // the cases into the file itself
      db.close();
      const good = readFileSync(s.db);
      const files: Record<string, Buffer> = {
        "empty.db": Buffer.alloc(0),
        "text.db": Buffer.from("order,item\nKB-1,cap\n"),
        "truncated.db": good.subarray(0, Math.floor(good.length / 2)),
        "corrupt.db": Buffer.concat([
          good.subarray(0, 4096),
          Buffer.alloc(good.length - 8192, 0x5a),
          good.subarray(good.length - 4096),
        ]),
      };
      const other = join(s.dir, "other.db");
      const o = openSqlite(other);
      o.exec("CREATE TABLE t (x)");
      o.close();
      const messages: Record<string, RegExp> = {
        "empty.db": /empty file.*remove it or choose another --db/,
        "text.db": /not an SQLite file/,
        "truncated.db": /corrupt.*restore/,
        "corrupt.db": /corrupt.*restore/,
      };
      for (const [name, content] of Object.entries(files)) {
        const path = join(s.dir, name);
        writeFileSync(path, content);
        for (const args of [["status"], WRITE, ["doctor"], ["export"]]) expectRefused(s, path, args, messages[name]!);
      }
      for (const args of [["status"], WRITE]) expectRefused(s, other, args, /another program/);
      mkdirSync(join(s.dir, "folder.db"));
      expectRefused(s, join(s.dir, "folder.db"), ["status"], /is a directory/);
    },
  );

  it(
    "read-only file or folder: writes exit 3 naming permissions; reads work and leave no file; nothing " + "changed",
    (context) => {
      const s = sandbox("2026-11-20");
      s.ok(addArgs());
      // Root may write anything, so as root the commands run as nobody, from a copy of kakotrack
      // that everyone can read: the checkout may be in a folder others cannot enter (issue 13).
      const other = process.getuid?.() === 0 ? 65534 : undefined;
      const asOther = other === undefined ? {} : { uid: other, gid: other };
      chmodSync(s.dir, 0o755);
      const { bin, addon } = copyInstallation(join(s.dir, "install"));
      const dir = join(s.dir, "ro");
      mkdirSync(dir);
      const file = join(dir, "k.db");
      copyFileSync(s.db, file);
      chmodSync(file, 0o444);
      const run = (path: string, args: string[]) =>
        spawnSync(process.execPath, [bin, ...args], {
          env: s.env({ env: { KAKOTRACK_DB: path } }),
          encoding: "utf8",
          ...asOther,
        });
      if (other !== undefined) {
        const reach = spawnSync(
          process.execPath,
          ["-e", "for (const p of process.argv.slice(1)) require('node:fs').accessSync(p, 4)", bin, addon, file],
          {
            encoding: "utf8",
            ...asOther,
          },
        );
        // Node itself, or the temporary folder, is where the other user cannot enter: nothing to run.
        const why = reach.error?.message ?? reach.stderr.split("\n").find((l) => l.startsWith("Error"));
        if (reach.status !== 0)
          context.skip(
            `user ${other} cannot read ${process.execPath}, ${bin} or ${file}: ${why ?? `exit ${reach.status}`}`,
          );
      }
      const before = bytes(file);
      const w = run(file, WRITE);
      expect([w.status, w.stderr]).toEqual([3, expect.stringMatching(/cannot write .*permissions/)]);
      // Reading commands open it read-only and leave nothing beside it (issue 26 item 6), the folder
      // writable or not; doctor says what cannot be written.
      for (const mode of [0o755, 0o777]) {
        chmodSync(dir, mode);
        for (const args of [["status"], ["show", "1"], ["list"], ["export"]]) {
          const r = run(file, args);
          expect([r.status, r.stderr], args.join(" ")).toEqual([0, ""]);
        }
        const w2 = run(file, WRITE);
        expect([w2.status, w2.stderr]).toEqual([3, expect.stringMatching(/cannot write .*not writable by you/)]);
        expect(readdirSync(dir)).toEqual(["k.db"]);
      }
      const doctor = run(file, ["doctor"]);
      expect(doctor.status).toBe(1);
      expect(doctor.stdout).toContain(
        `problem: not writable by you: database ${file} (mode 444, owner uid ${process.getuid?.() ?? 0}); kakotrack ` +
          `can read it but record nothing: run kakotrack as its owner, or give yourself write permission (chmod u+w ` +
          `'${file}' as the owner)`,
      );
      chmodSync(dir, 0o755);
      expect(bytes(file)).toBe(before);
      chmodSync(file, 0o666);
      chmodSync(dir, 0o555);
      const r = run(file, WRITE);
      expect([r.status, r.stderr]).toEqual([3, expect.stringMatching(/cannot write .*permissions/)]);
      expect(bytes(file)).toBe(before);
      expect(readdirSync(dir)).toEqual(["k.db"]);
      chmodSync(dir, 0o755);
    },
  );
});

describe("an installation whose SQLite module cannot load", () => {
  it("exits 3 naming the rebuild, and creates no database", () => {
    // As after a Node upgrade, or a damaged install: a copy of kakotrack with a broken addon.
    const s = sandbox();
    const root = join(s.dir, "install");
    const { bin, addon } = copyInstallation(root, "not a shared library");
    const r = spawnSync(process.execPath, [bin, "status"], {
      env: s.env({ env: { KAKOTRACK_NOW: undefined } }),
      encoding: "utf8",
    });
    expect([r.status, r.stdout]).toEqual([3, ""]);
    const [start, end] = [
      `kakotrack: cannot load the SQLite module ${addon}: `,
      `; run \`npm rebuild better-sqlite3 && npm run build\` in ${root}\n`,
    ];
    expect([r.stderr.startsWith(start), r.stderr.endsWith(end), r.stderr.split("\n").length]).toEqual([true, true, 2]);
    expect(r.stderr).not.toContain(`${addon}: ${addon}`); // the loader's reason, without the path again
    expect(existsSync(s.db)).toBe(false);
  });
});

describe("doctor", () => {
  it(
    "reports missing and changed evidence, open permissions and a case without its opening event, exit " + "1",
    async () => {
      const s = sandbox("2026-11-20");
      const a = join(s.dir, "a.jpg");
      const b = join(s.dir, "b.jpg");
      writeFileSync(a, "photo a");
      writeFileSync(b, "photo b");
      await s.okHere(addArgs({ evidence: a }));
      await s.okHere(["evidence", "1", b]);
      expect(s.ok(["doctor"])).toMatch(/evidence +2 files .*: 2 intact, 0 missing, 0 changed[\s\S]*Healthy\./);
      const store = `${s.db}.evidence`;
      const [first, second] = readdirSync(store).sort();
      writeFileSync(join(store, first!), "tampered");
      rmSync(join(store, second!));
      chmodSync(s.db, 0o644);
      const db = openSqlite(s.db);
      db.prepare("DELETE FROM events WHERE kind = 'opened'").run();
      db.close();
      const r = s.run(["doctor"]);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain("1 cases have no opening event");
      expect(r.stdout).toMatch(/problem: evidence .* of case #1 is changed in the evidence store/);
      expect(r.stdout).toMatch(/problem: evidence .* of case #1 is missing from the evidence store/);
      expect(r.stdout).toContain(
        `problem: database ${s.db} is readable by others (mode 644); run: chmod 600 '${s.db}'`,
      );
      // SQLite gives the WAL and shared-memory files the database's mode: they are reported too.
      expect(r.stdout).toContain(`problem: WAL file ${s.db}-wal is readable by others (mode 644)`);
      expect(r.stderr.trim()).toBe("kakotrack: doctor found 6 problems");
    },
  );

  it("says where the database will be when there is none yet, and creates nothing", () => {
    const s = sandbox();
    const r = s.run(["doctor"]);
    expect([r.code, r.stdout]).toEqual([0, `No database at ${s.db} yet: the first \`kakotrack add\` creates it.\n`]);
    expect(existsSync(s.db)).toBe(false);
  });
});

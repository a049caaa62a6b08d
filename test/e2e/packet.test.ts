import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { deflateSync, inflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { addArgs, sharedDatabase, tempDir } from "../helpers.js";

// Issue 17 item 7: `kakotrack packet`, through the built bin.

const sha = (bytes: string | Buffer) => createHash("sha256").update(bytes).digest("hex");

/** A small real PNG of one colour, so the page has photos to show. */
function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const byte of b) c = crcTable[(c ^ byte) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([
    Buffer.from("\x89PNG\r\n\x1a\n", "latin1"),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

const HOSTILE = 'stain on the left sleeve <img src="https://example.com/x.png" onerror="alert(1)"> **bold** | pipe';

/**
 * A refused and escalated exchange with three photos (two named qc.png), a video and a link: built once in process,
 * copied per test.
 */
const disputedCase = sharedDatabase(async (s) => {
  const file = (name: string, bytes: Buffer | string) => {
    const path = join(s.dir, "downloads", name);
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, bytes);
    return path;
  };
  const qc = file("qc.png", png(320, 200, [200, 60, 60]));
  await s.okHere(
    [
      ...addArgs({
        description: HOSTILE,
        url: "https://item.taobao.com/item.htm?id=1",
        date: "2026-11-02",
        note: "asked in the agent's chat first",
      }),
      "--evidence",
      qc,
    ],
    { now: "2026-11-02" },
  );
  await s.okHere(["advance", "1", "agent-reviewed", "--date", "2026-11-04"], { now: "2026-11-04" });
  await s.okHere(["refuse", "1", "--date", "2026-11-12", "--note", "seller says the stain is normal"], {
    now: "2026-11-12",
  });
  const more = [
    file("other/qc.png", png(200, 300, [60, 60, 200])),
    file("unboxing.mp4", "not really a video"),
    "https://imgur.com/a/xyz",
  ];
  await s.okHere(["evidence", "1", ...more], { now: "2026-11-13" });
  await s.okHere(["escalate", "1", "--date", "2026-11-14", "--note", "support ticket 5521"], { now: "2026-11-14" });
  await s.okHere(["note", "1", "support asked for more photos", "--date", "2026-11-16"], { now: "2026-11-16" });
}, "2026-11-26");

const FOLDER = "kakotrack-case-1-KB-1001";

describe("packet as a folder", () => {
  it("writes the dossier twice (HTML, Markdown), the evidence under original names, and SHA256SUMS", async () => {
    const s = await disputedCase();
    const out = s.ok(["packet", "1"]);
    expect(out).toBe(
      [
        `Wrote the claim packet of case #1 to ${FOLDER}/:`,
        "  dossier.html  the dossier as one page: open it in a browser, print it to PDF for a dispute form",
        "  dossier.md    the same as Markdown",
        "  evidence/     3 files under their original names (1.5 kB)",
        "  SHA256SUMS    their sha256 (check them: sha256sum -c SHA256SUMS, inside the folder)",
        "",
      ].join("\n"),
    );
    const dir = join(s.dir, FOLDER);
    expect(readdirSync(dir).sort()).toEqual(["SHA256SUMS", "dossier.html", "dossier.md", "evidence"]);
    expect(readdirSync(join(dir, "evidence")).sort()).toEqual(["qc (2).png", "qc.png", "unboxing.mp4"]);
    const sums = readFileSync(join(dir, "SHA256SUMS"), "utf8");
    for (const line of sums.trimEnd().split("\n")) {
      const [hash, path] = line.split("  ");
      expect(sha(readFileSync(join(dir, path!)))).toBe(hash);
    }
    expect(sums).toContain(`${sha("not really a video")}  evidence/unboxing.mp4\n`);

    const md = readFileSync(join(dir, "dossier.md"), "utf8");
    expect(md.split("\n")[0]).toBe("# Claim dossier: order KB-1001, grey hoodie");
    expect(md).toContain(
      '| What is wrong | stain on the left sleeve \\<img src="https://example.com/x.png" onerror="alert(1)"\\> ' +
        "\\*\\*bold\\*\\* \\| pipe |",
    );
    expect(md).toContain(
      "| seller response | 2026-11-09 | **seller refused**: on 2026-11-12, 3 days after the due date 2026-11-09 |",
    );
    // Escalated on Saturday 14 November: the follow-up is due 5 business days later, on Friday the 20th.
    expect(md).toContain(
      "| escalation follow-up | 2026-11-20 | **missed**: due 2026-11-20, overdue by 4 business days as of 2026-11-26 |",
    );
    expect(md).toContain("| 2026-11-12 | the seller refused | seller says the stain is normal |");
    expect(md).toContain("- 2026-11-16: support asked for more photos");
    const second = readFileSync(join(dir, "evidence", "qc (2).png"));
    expect(md).toContain(
      `| [qc (2).png](evidence/qc%20%282%29.png) | ${second.length} B | 2026-11-13 | \`${sha(second)}\` |`,
    );
    expect(md).toContain("- 2026-11-13: [https://imgur.com/a/xyz](https://imgur.com/a/xyz)");
    expect(md).toMatch(/### request: Order KB-1001: QC problem, request for an exchange\n\n```text\nOrder KB-1001/);
    expect(md).toContain("### escalation: Order KB-1001: escalation to support");

    const html = readFileSync(join(dir, "dossier.html"), "utf8");
    // Loads nothing from outside: a policy that allows only the embedded images, no script, no stylesheet link.
    expect(html).toContain(
      `content="default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"`,
    );
    expect([...html.matchAll(/\bsrc="([^"]*)"/g)].map((m) => m[1]!.slice(0, 22))).toEqual([
      "data:image/png;base64,",
      "data:image/png;base64,",
    ]);
    expect(html).not.toMatch(/<script|<link|<iframe|@import|url\(/i);
    expect(html).toContain(
      "stain on the left sleeve &lt;img src=&quot;https://example.com/x.png&quot; onerror=&quot;alert(1)&quot;&gt;",
    );
    expect(html).toContain('<a href="evidence/unboxing.mp4">unboxing.mp4</a>');
    expect(statSync(join(dir, "dossier.html")).mode & 0o777).toBe(0o600);
  });

  it("refuses an existing non-empty folder without --force, and with it replaces only an earlier packet", async () => {
    const s = await disputedCase();
    const other = join(s.dir, "Documents");
    mkdirSync(other);
    writeFileSync(join(other, "taxes.pdf"), "keep me");
    let r = s.run(["packet", "1", "--out", other]);
    expect([r.code, r.stderr]).toEqual([
      2,
      `kakotrack: ${other} already exists and is not empty; add --force to replace the packet in it, or choose another --out\n`,
    ]);
    r = s.run(["packet", "1", "--out", other, "--force"]);
    expect([r.code, r.stderr]).toEqual([
      2,
      `kakotrack: ${other} is not a kakotrack packet (no dossier.html and SHA256SUMS in it), so --force does not replace it; choose another --out\n`,
    ]);
    expect(readdirSync(other)).toEqual(["taxes.pdf"]);

    mkdirSync(join(s.dir, "empty"));
    s.ok(["packet", "1", "--out", "empty"]);
    expect(readdirSync(join(s.dir, "empty"))).toContain("dossier.html");
    expect(s.run(["packet", "1", "--out", "empty"]).code).toBe(2);
    writeFileSync(join(s.dir, "empty", "evidence", "stale.jpg"), "from an earlier run");
    s.ok(["packet", "1", "--out", "empty", "--force"]);
    expect(readdirSync(join(s.dir, "empty", "evidence")).sort()).toEqual(["qc (2).png", "qc.png", "unboxing.mp4"]);
    expect(readdirSync(s.dir).filter((n) => n.startsWith("."))).toEqual([]); // no partial or old folder left
    expect(s.run(["packet", "1", "--out", join(s.dir, "no", "such", "dir")]).stderr).toMatch(
      /folder .*no\/such does not exist; create it/,
    );
    expect(s.run(["packet", "9"]).stderr).toBe("kakotrack: no case #9 (run `kakotrack list --all` to see case ids)\n");
  });

  it("leaves out a missing stored file with a warning naming the fix, and says so in the dossier", async () => {
    const s = await disputedCase();
    rmSync(join(`${s.db}.evidence`, sha("not really a video")));
    const r = s.run(["packet", "1"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("evidence/     2 files under their original names");
    expect(r.stderr).toMatch(
      /^kakotrack: warning: unboxing\.mp4 is missing from the evidence store, left out; attach the original file again/,
    );
    const md = readFileSync(join(s.dir, FOLDER, "dossier.md"), "utf8");
    expect(md).toContain("| unboxing.mp4 (not in this packet: the stored copy is missing) |");
    expect(readFileSync(join(s.dir, FOLDER, "SHA256SUMS"), "utf8")).not.toContain("unboxing");
  });
});

/** Reads a zip's entries back through its central directory. */
function readZip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from("PK\x05\x06", "latin1"));
  const entries = new Map<string, Buffer>();
  let at = zip.readUInt32LE(end + 16);
  for (let i = zip.readUInt16LE(end + 10); i > 0; i--) {
    const nameLength = zip.readUInt16LE(at + 28);
    const local = zip.readUInt32LE(at + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const body = zip.subarray(start, start + zip.readUInt32LE(at + 20));
    entries.set(
      zip.subarray(at + 46, at + 46 + nameLength).toString("utf8"),
      zip.readUInt16LE(at + 10) === 8 ? inflateRawSync(body) : body,
    );
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

describe("packet --zip", () => {
  it("writes one zip with the packet in its folder; an existing file needs --force", async () => {
    const s = await disputedCase();
    expect(s.ok(["packet", "1", "--zip"])).toContain(
      `Wrote the claim packet of case #1 to ${FOLDER}.zip (in its folder ${FOLDER}/):`,
    );
    const entries = readZip(readFileSync(join(s.dir, `${FOLDER}.zip`)));
    expect([...entries.keys()]).toEqual([
      `${FOLDER}/`,
      `${FOLDER}/evidence/`,
      `${FOLDER}/dossier.html`,
      `${FOLDER}/dossier.md`,
      `${FOLDER}/evidence/qc.png`,
      `${FOLDER}/evidence/qc (2).png`,
      `${FOLDER}/evidence/unboxing.mp4`,
      `${FOLDER}/SHA256SUMS`,
    ]);
    expect(entries.get(`${FOLDER}/evidence/unboxing.mp4`)!.toString()).toBe("not really a video");
    expect(entries.get(`${FOLDER}/dossier.md`)!.toString()).toContain("# Claim dossier: order KB-1001, grey hoodie");
    if (existsSync("/usr/bin/unzip")) {
      const test = spawnSync("/usr/bin/unzip", ["-t", join(s.dir, `${FOLDER}.zip`)], { encoding: "utf8" });
      expect([test.status, test.stdout]).toEqual([0, expect.stringContaining("No errors detected")]);
    }
    const again = s.run(["packet", "1", "--zip"]);
    expect([again.code, again.stderr]).toEqual([
      2,
      `kakotrack: ${FOLDER}.zip already exists; add --force to replace it, or choose another --out\n`,
    ]);
    s.ok(["packet", "1", "--zip", "--force", "--out", join(s.dir, "claim.zip")]);
    expect(existsSync(join(s.dir, "claim.zip"))).toBe(true);
    expect(s.run(["packet", "1", "--zip", "--out", s.dir]).stderr).toMatch(/is a folder; give the zip file's name/);
  });
});

/** Debian's chromium, or another Chromium on PATH. */
function findChromium(): string | undefined {
  for (const name of ["chromium", "chromium-browser", "google-chrome"]) {
    const found = spawnSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).stdout.trim();
    if (found) return found;
  }
  return undefined;
}

const CHROMIUM = findChromium();
/** Where the screenshot is kept for a person to look at. */
const SCREENSHOT = resolve(import.meta.dirname, "..", "..", "test-output", "packet", "dossier.png");

/** Runs Chromium headless on the page, without blocking the test worker (it takes seconds). */
function chromium(page: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const profile = tempDir("kakotrack-chromium-");
  const flags = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
  ];
  return new Promise((done, fail) => {
    const child = spawn(CHROMIUM!, [...flags, `--user-data-dir=${profile}`, ...args, page], {
      env: { ...process.env, HOME: profile },
    });
    let [stdout, stderr] = ["", ""];
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill(), 90_000);
    child.on("error", fail);
    child.on("close", (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr });
    });
  });
}

describe("the dossier page in a real browser", () => {
  it("renders the case: order number, item, event dates, the embedded photos; nothing loaded from outside", async (ctx) => {
    if (!CHROMIUM) {
      console.warn("skipped: no chromium on PATH (Debian: apt-get install -y chromium; .ci/run installs it)");
      ctx.skip("no chromium on PATH: apt-get install -y chromium");
    }
    const s = await disputedCase();
    await s.okAsync(["packet", "1"]);
    const page = `file://${join(s.dir, FOLDER, "dossier.html")}`;
    const netLog = join(s.dir, "net-log.json");
    const dump = await chromium(page, ["--dump-dom", `--log-net-log=${netLog}`]);
    expect(dump.code, dump.stderr).toBe(0);
    const dom = dump.stdout;
    expect(dom).toContain("<h1>Order KB-1001: grey hoodie</h1>");
    expect(dom).toMatch(/<td class="date">2026-11-12<\/td><td>the seller refused<\/td>/);
    expect(dom).toContain("2026-11-14 escalated"); // the timeline's legend
    expect(dom.match(/<img src="data:image\/png;base64,/g)).toHaveLength(2);
    // The buyer's text is text in the rendered page, not an element.
    expect(dom).toContain('&lt;img src="https://example.com/x.png" onerror="alert(1)"&gt;');
    expect(dom).not.toMatch(/<img src="https:/);
    // Chromium fetches things of its own; none of the addresses in the page was requested.
    const requested = readFileSync(netLog, "utf8");
    for (const host of ["example.com", "imgur.com", "taobao.com"]) expect(requested).not.toContain(host);

    mkdirSync(resolve(SCREENSHOT, ".."), { recursive: true });
    rmSync(SCREENSHOT, { force: true });
    const shot = await chromium(page, [`--screenshot=${SCREENSHOT}`, "--window-size=1200,2000", "--hide-scrollbars"]);
    expect(shot.code, shot.stderr).toBe(0);
    expect(readFileSync(SCREENSHOT).subarray(1, 4).toString()).toBe("PNG");
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(50_000);
  }, 240_000);
});

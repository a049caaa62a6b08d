import { createHash } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { addArgs, sandbox } from "../helpers.js";

const sha = (text: string) => createHash("sha256").update(text).digest("hex");
const SEPARATOR = "\n\n—— 以下为英文版 / English version below ——\n\n";

describe("message --lang", () => {
  it("writes the request in Chinese, names the attached photos, and tells the buyer where each file is", async () => {
    const s = sandbox();
    const photo = join(s.dir, "qc-jeans.png");
    writeFileSync(photo, "png bytes");
    await s.okHere(addArgs({ resolution: "refund", evidence: photo }));
    await s.okHere(["evidence", "1", "https://imgur.com/a/qc", photo]);
    const r = s.run(["message", "1", "--lang", "zh"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        "订单号：KB-1001（质检问题，申请退货退款）",
        "",
        "您好！",
        "麻烦帮忙处理一下这个订单的质检问题，辛苦了。",
        "商品：grey hoodie",
        "问题：仓库的质检照片显示商品有瑕疵。",
        "买家原话：stain on the left sleeve",
        "",
        "请见附件照片：qc-jeans.png",
        "相关链接：",
        "- https://imgur.com/a/qc",
        "",
        "我希望退货退款（商品价格129.00元）：麻烦联系卖家安排退货，并全额退款。",
        "卖家回复后麻烦告诉我一声，谢谢！",
        "",
      ].join("\n"),
    );
    // Where the file is goes to the buyer on stderr, so `message 1 | xclip` copies only the message.
    const stored = join(`${s.db}.evidence`, sha("png bytes"));
    expect(existsSync(stored)).toBe(true);
    expect(r.stderr).toBe(
      `Files to attach (the evidence store keeps each under its sha256: upload it as the name on the left):\n  ` +
        `qc-jeans.png  ${stored}\n`,
    );
    // A follow-up refers to the request already sent: nothing to attach.
    expect(s.run(["message", "1", "--kind", "follow-up"]).stderr).toBe("");
    const json = s.json(["message", "1", "--json", "--lang", "zh"]);
    expect(json).toMatchObject({
      id: 1,
      orderNo: "KB-1001",
      kind: "request",
      lang: "zh",
      attachments: [{ name: "qc-jeans.png", path: stored, missing: false }],
    });
    expect(json.text.split("\n")[0]).toBe("订单号：KB-1001（质检问题，申请退货退款）");
  });

  it("takes its default from `config set message-lang`; both is the Chinese, then the English", async () => {
    const s = sandbox();
    await s.okHere(addArgs());
    expect(s.ok(["message", "1"]).split("\n")[0]).toBe("Order KB-1001: QC problem, request for an exchange");
    await s.okHere(["config", "set", "message-lang", "both"]);
    const both = s.ok(["message", "1"]);
    const [zh, en] = both.split(SEPARATOR);
    expect(zh!.split("\n")[0]).toBe("订单号：KB-1001（质检问题，申请换货）");
    expect(en!.split("\n")[0]).toBe("Order KB-1001: QC problem, request for an exchange");
    expect(s.ok(["message", "1", "--lang", "en"])).toBe(`${en}`);
    const bad = s.run(["message", "1", "--lang", "fr"]);
    expect([bad.code, bad.stderr]).toEqual([2, 'kakotrack: --lang must be one of en, zh, both (got "fr")\n']);
    expect(s.run(["config", "set", "message-lang", "fr"]).code).toBe(2);
  });

  it("follows up with support once the escalation has gone unanswered, with the ticket noted on it", async () => {
    const s = sandbox();
    await s.okHere(addArgs({ resolution: "refund" }));
    await s.okHere(["refuse", "1", "--date", "2026-11-04"], { now: "2026-11-04" });
    s.ok(["escalate", "1", "--date", "2026-11-05", "--note", "ticket #4821"], { now: "2026-11-05" });
    expect(s.ok(["message", "1"], { now: "2026-11-12" }).split("\n")[0]).toBe("Order KB-1001: escalation to support");
    const en = s.ok(["message", "1"], { now: "2026-11-16" });
    expect(en.split("\n")[0]).toBe("Order KB-1001: follow-up on my escalation to support of 2026-11-05");
    expect(en).toContain("to support on 2026-11-05, and I have had no reply for 7 business days.");
    expect(en).toContain("My note on the escalation: ticket #4821");
    const zh = s.ok(["message", "1", "--lang", "zh"], { now: "2026-11-16" });
    expect(zh).toContain("我在2026年11月5日就这个订单申请了客服介入，到现在已经7个工作日没有收到回复了。");
    expect(s.ok(["show", "1"], { now: "2026-11-16" })).toContain("`kakotrack message 1`");
  });

  it("refuses a closed case without --kind, in one line, and drafts one when --kind asks", async () => {
    const s = sandbox();
    await s.okHere(addArgs({ resolution: "refund" }));
    await s.okHere(["close", "1", "--outcome", "cancelled"]);
    const r = s.run(["message", "1"]);
    expect([r.code, r.stdout, r.stderr]).toEqual([
      2,
      "",
      "kakotrack: case #1 is closed (cancelled on 2026-11-02), so there is nothing to request or follow up; add " +
        "--kind (request, follow-up, escalation, support-follow-up, accept, counter) to draft one anyway, or run " +
        "`kakotrack reopen 1` if it is not over\n",
    ]);
    expect(s.ok(["message", "1", "--kind", "escalation", "--lang", "zh"])).toContain("- 2026年11月2日：结案（已取消）");
    expect(s.run(["message", "1", "--kind", "support-follow-up"]).stderr).toMatch(/never escalated/);
  });
});

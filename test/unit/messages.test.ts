import { describe, expect, it } from "vitest";
import { createCalendar } from "../../src/domain/calendar/calendar.js";
import { cnHolidays } from "../../src/domain/calendar/cn-holidays.js";
import {
  type CaseTimeline,
  PHASES,
  RESOLUTIONS,
  type Resolution,
  STAGES,
  type Stage,
} from "../../src/domain/case/model.js";
import { CLOSING_OUTCOME, PATHS } from "../../src/domain/case/stages.js";
import { evaluate } from "../../src/domain/deadlines/evaluate.js";
import type { DeadlineId } from "../../src/domain/deadlines/rules.js";
import { DEADLINE_RULES } from "../../src/domain/deadlines/rules.js";
import {
  BOTH_SEPARATOR,
  buildMessage,
  buildMessages,
  chooseMessageKind,
  type Language,
  lastEscalation,
  MESSAGE_KINDS,
  type MessageCase,
  type MessageEvent,
  type MessageEvidence,
  type MessageInput,
  type MessageKind,
  overdueDeadlines,
} from "../../src/domain/messages/messages.js";
import { addDays } from "../../src/domain/time/dates.js";
import { UsageError } from "../../src/errors.js";

const cal = createCalendar({ name: "cn", holidays: cnHolidays });
const settings = { dueSoonDays: 2, escalationFollowUpDays: 5 };
const OPENED = "2026-11-02";

// The buyer's own words, typed in English (and a line of Chinese): the only Latin letters a zh message may hold.
const DESCRIPTION = "stain on the left sleeve, about 2 cm\n左袖有污渍";
const REFUSAL_NOTE = "seller says it is normal";
const TICKET = "ticket #4821";
const NOTE = "asked on Discord";
const REOPEN_NOTE = "the refund was reversed";
const FILES = ["qc-jeans.png", "IMG_0042.JPG"];
const LINK = "https://imgur.com/a/qc";
const URL = "https://item.taobao.com/item.htm?id=123";

function caseOf(resolution: Resolution, phase: "qc" | "shipped" = "qc", currency = "CNY"): MessageCase {
  return {
    orderNo: "KB-7",
    item: "grey hoodie",
    itemUrl: URL,
    defect: "flaw",
    description: DESCRIPTION,
    resolution,
    phase,
    openedOn: OPENED,
    price: { minor: 12900, currency },
    offer: resolution === "partial-refund" ? { minor: 3000, currency } : null,
    returnParcel: null,
  };
}

/** A case's state: the stages it went through after `requested`, one a day, and whether it closed. */
interface State {
  name: string;
  resolution: Resolution;
  stages: Stage[];
  closed: boolean;
}

function statesOf(resolution: Resolution): State[] {
  const path = PATHS[resolution];
  const states: State[] = [];
  // Every open stage of the path (the last one closes the case).
  for (let i = 1; i < path.length - 1; i++)
    states.push({ name: path[i]!, resolution, stages: path.slice(1, i + 1), closed: false });
  states.push({ name: "requested", resolution, stages: [], closed: false });
  states.push({ name: "refused", resolution, stages: ["agent-reviewed", "refused"], closed: false });
  states.push({ name: "escalated", resolution, stages: ["agent-reviewed", "refused", "escalated"], closed: false });
  states.push({ name: "closed", resolution, stages: path.slice(1), closed: true });
  states.push({ name: "reopened", resolution, stages: ["agent-reviewed"], closed: false });
  return states;
}

const stepsOf = (state: State) => state.stages.map((stage, i) => ({ stage, on: addDays(OPENED, i + 1) }));

function eventsOf(state: State): MessageEvent[] {
  const events: MessageEvent[] = [
    { kind: "opened", on: OPENED, note: null },
    { kind: "evidence", on: OPENED, names: [FILES[0]!] },
    { kind: "evidence", on: OPENED, names: [LINK] },
    { kind: "note", on: OPENED, note: NOTE },
  ];
  for (const step of stepsOf(state)) {
    const amount =
      step.stage === "seller-offered" || step.stage === "agreed" || step.stage === "refunded"
        ? { minor: 3000, currency: "CNY" }
        : null;
    const note = step.stage === "refused" ? REFUSAL_NOTE : step.stage === "escalated" ? TICKET : null;
    events.push({ kind: "stage", on: step.on, stage: step.stage, amount, note });
  }
  if (state.closed || state.name === "reopened") {
    events.push({
      kind: "closed",
      on: addDays(OPENED, state.stages.length),
      outcome: CLOSING_OUTCOME[state.resolution],
      amount: { minor: 3000, currency: "CNY" },
      note: null,
    });
  }
  if (state.name === "reopened")
    events.push({ kind: "reopened", on: addDays(OPENED, state.stages.length + 1), note: REOPEN_NOTE });
  return events;
}

/** The input message.ts builds for a case in `state`, judged on `asOf`. */
function inputOf(
  state: State,
  kind: MessageKind,
  asOf: string,
  c: MessageCase,
  evidence: MessageEvidence[],
  provisional = false,
): MessageInput {
  const steps = [{ stage: "requested" as Stage, on: OPENED }, ...stepsOf(state)];
  const timeline: CaseTimeline = {
    resolution: state.resolution,
    openedOn: OPENED,
    stage: steps.at(-1)!.stage,
    closed: state.closed,
    steps,
  };
  const events = eventsOf(state);
  return {
    kind,
    case: c,
    // `provisional`: as if every count went through a provisional year.
    overdue: overdueDeadlines(evaluate(timeline, asOf, cal, settings).pending).map((o) => ({
      ...o,
      provisional: o.provisional || provisional,
    })),
    events,
    evidence,
    escalation: lastEscalation(events, asOf, cal),
    provisional,
  };
}

const EVIDENCE: MessageEvidence[] = [
  ...FILES.map((name) => ({ kind: "file" as const, name })),
  { kind: "link", url: LINK },
];
const BUYERS_TEXT = [URL, LINK, DESCRIPTION, REFUSAL_NOTE, TICKET, NOTE, REOPEN_NOTE, ...FILES, "grey hoodie", "KB-7"];

/** The text without what is the buyer's (their words, order number, file names, links). */
function withoutBuyersText(text: string): string {
  let rest = text;
  for (const t of [...BUYERS_TEXT].sort((a, b) => b.length - a.length)) rest = rest.split(t).join("");
  return rest;
}

const STAGE_IDS = STAGES.filter((s) => s.includes("-"));

describe("every kind, for every resolution and state, in both languages", () => {
  const asOfs = ["2026-11-02", "2026-11-12", "2026-12-21"];
  for (const resolution of RESOLUTIONS) {
    for (const state of statesOf(resolution)) {
      it(`${resolution}, ${state.name}`, () => {
        const problems: string[] = [];
        for (const kind of MESSAGE_KINDS) {
          for (const asOf of asOfs) {
            for (const phase of PHASES) {
              for (const evidence of [EVIDENCE, []]) {
                for (const provisional of [false, true]) {
                  const input = inputOf(
                    state,
                    kind,
                    asOf,
                    caseOf(resolution, phase, asOf === "2026-12-21" ? "USD" : "CNY"),
                    evidence,
                    provisional,
                  );
                  const where =
                    `${kind} as of ${asOf}, ${phase}, ${evidence.length} evidence, provisional ` + `${provisional}`;
                  for (const lang of ["en", "zh"] as Language[]) {
                    const m = buildMessage(input, lang);
                    const lines = m.text.split("\n");
                    if (lines[0] !== m.subject) problems.push(`${lang} ${where}: first line is not the subject`);
                    if (!lines[0]!.startsWith(lang === "en" ? "Order KB-7: " : "订单号：KB-7"))
                      problems.push(`${lang} ${where}: ${lines[0]}`);
                    const marker = lang === "en" ? "In my own words: " : "买家原话：";
                    if (!m.text.includes(`${marker}${DESCRIPTION}\n`))
                      problems.push(`${lang} ${where}: description not kept as typed`);
                    const rest = withoutBuyersText(m.text);
                    if (/undefined|null|NaN|\{amount\}/.test(rest)) problems.push(`${lang} ${where}: ${rest}`);
                    for (const id of STAGE_IDS)
                      if (rest.includes(id)) problems.push(`${lang} ${where}: stage id ${id}`);
                    if (/sha256|bytes/.test(rest)) problems.push(`${lang} ${where}: hash or size shown`);
                    if (lang === "zh" && /[A-Za-z]/.test(rest)) {
                      problems.push(
                        `zh ${where}: Latin letters left: ${rest
                          .split("\n")
                          .filter((l) => /[A-Za-z]/.test(l))
                          .join(" | ")}`,
                      );
                    }
                  }
                }
              }
            }
          }
        }
        expect(problems).toEqual([]);
      });
    }
  }

  it("names every deadline of the rules table, in both languages", () => {
    const ids = new Set(DEADLINE_RULES.map((r) => r.id));
    for (const id of ids) {
      const input: MessageInput = {
        kind: "follow-up",
        case: caseOf("refund"),
        overdue: [{ deadline: id as DeadlineId, due: "2026-11-09", late: 3, unit: "business", provisional: false }],
        events: [],
        evidence: [],
        escalation: null,
        provisional: false,
      };
      for (const lang of ["en", "zh"] as Language[])
        expect(buildMessage(input, lang).text, `${id} ${lang}`).not.toMatch(/undefined/);
    }
  });
});

describe("the request", () => {
  const request = (lang: Language, evidence: MessageEvidence[] = EVIDENCE, c = caseOf("exchange")) =>
    buildMessage(
      { kind: "request", case: c, overdue: [], events: [], evidence, escalation: null, provisional: false },
      lang,
    ).text;

  it("says what is wrong, keeps the buyer's words as typed, and what is wanted", () => {
    const en = request("en");
    expect(en).toContain(
      "The QC photos of order KB-7 show a flaw on the grey hoodie (https://item.taobao.com/item.htm?id=123).",
    );
    expect(en).toContain(`In my own words: ${DESCRIPTION}`);
    expect(en).toContain("I would like an exchange");
    const zh = request("zh");
    expect(zh.split("\n").slice(0, 6)).toEqual([
      "订单号：KB-7（质检问题，申请换货）",
      "",
      "您好！",
      "麻烦帮忙处理一下这个订单的质检问题，辛苦了。",
      "商品：grey hoodie（https://item.taobao.com/item.htm?id=123）",
      "问题：仓库的质检照片显示商品有瑕疵。",
    ]);
    expect(zh).toContain(`买家原话：${DESCRIPTION}`);
    expect(zh).toContain("我希望换货");
    expect(request("zh", [], caseOf("refund"))).toContain("我希望退货退款（商品价格129.00元）");
    expect(request("zh", [], caseOf("partial-refund", "qc", "USD"))).toContain("希望部分退款30.00美元");
    expect(request("zh", [], caseOf("exchange", "shipped"))).toContain("问题：收到包裹后，我发现商品有瑕疵。");
  });

  it("asks to see the attached photos by their original names, and lists links as links", () => {
    expect(request("en")).toContain(
      "Please see the attached photos: qc-jeans.png, IMG_0042.JPG\nLinks:\n- https://imgur.com/a/qc",
    );
    expect(request("zh")).toContain("请见附件照片：qc-jeans.png、IMG_0042.JPG\n相关链接：\n- https://imgur.com/a/qc");
    const withVideo: MessageEvidence[] = [
      { kind: "file", name: "unboxing.mp4" },
      { kind: "file", name: "qc.jpg" },
    ];
    expect(request("en", withVideo)).toContain("Please see the attached files: unboxing.mp4, qc.jpg");
    expect(request("zh", withVideo)).toContain("请见附件：unboxing.mp4、qc.jpg");
    expect(request("en", [])).toContain("The problem is visible in the warehouse QC photos of this order.");
    expect(request("zh", [])).toContain("问题在这个订单的仓库质检照片里可以看到。");
  });
});

describe("the follow-up", () => {
  const refund: State = { name: "agent-reviewed", resolution: "refund", stages: ["agent-reviewed"], closed: false };

  it("says how late in human words and, for a refund, asks when it will be paid", () => {
    const input = inputOf(refund, "follow-up", "2026-11-12", caseOf("refund"), []);
    const en = buildMessage(input, "en").text;
    expect(en).toContain("Latest: the agent reviewed my request on 2026-11-03.");
    expect(en).toContain("- the seller's answer: due 2026-11-09, now 3 business days late");
    expect(en).toContain("Could you please remind the seller to answer, and let me know when the refund will be paid?");
    expect(en).not.toMatch(/by which date|agent-reviewed|reached/);
    const zh = buildMessage(input, "zh").text;
    expect(zh).toContain("最新进展：2026年11月3日，代购审核了申请。");
    expect(zh).toContain("- 卖家回复：截止2026年11月9日，现已超时3个工作日");
    expect(zh).toContain("麻烦您催一下卖家回复，并告诉我退款什么时候能到账，辛苦了！");
  });

  it("asks about the refund itself once the seller agreed", () => {
    const agreed: State = { ...refund, stages: ["agent-reviewed", "seller-agreed"] };
    const input = inputOf(agreed, "follow-up", "2026-11-26", caseOf("refund"), []);
    expect(input.overdue.map((o) => o.deadline)).toEqual(["refund"]);
    expect(buildMessage(input, "en").text).toContain("- the refund: due 2026-11-20, now 4 business days late");
    expect(buildMessage(input, "en").text).toContain("let me know when the refund will be paid?");
    expect(buildMessage(input, "zh").text).toContain("- 退款到账：截止2026年11月20日，现已超时4个工作日");
  });

  it(
    'says "about" for a count through a provisional year, calendar days too (their breaks come from it, issue ' + "25)",
    () => {
      const input = inputOf(refund, "follow-up", "2026-11-12", caseOf("refund"), [], true);
      expect(buildMessage(input, "en").text).toContain("now about 3 business days late");
      expect(buildMessage(input, "zh").text).toContain("现已超时约3个工作日");
      const exchange: State = {
        name: "agent-reviewed",
        resolution: "exchange",
        stages: ["agent-reviewed"],
        closed: false,
      };
      const calendarDays = inputOf(exchange, "follow-up", "2026-11-12", caseOf("exchange"), [], true);
      expect(buildMessage(calendarDays, "en").text).toContain(
        "- the seller's answer: due 2026-11-09, now about 3 days late",
      );
      expect(buildMessage(calendarDays, "zh").text).toContain("现已超时约3天");
    },
  );
});

describe("the escalation and the support follow-up", () => {
  const escalated: State = {
    name: "escalated",
    resolution: "refund",
    stages: ["agent-reviewed", "refused", "escalated"],
    closed: false,
  };

  it("tells the story in human words, evidence added on one day on one line", () => {
    const input = inputOf(escalated, "escalation", "2026-11-06", caseOf("refund"), EVIDENCE);
    const en = buildMessage(input, "en").text;
    expect(en).toContain(
      [
        "What happened so far:",
        "- 2026-11-02: I submitted my request",
        "- 2026-11-02: I added evidence: qc-jeans.png, https://imgur.com/a/qc",
        "- 2026-11-02: my note: asked on Discord",
        "- 2026-11-03: the agent reviewed my request",
        "- 2026-11-04: the seller refused (my note: seller says it is normal)",
        "- 2026-11-05: I escalated the case to support (my note: ticket #4821)",
      ].join("\n"),
    );
    const zh = buildMessage(input, "zh").text;
    expect(zh).toContain("- 2026年11月4日：卖家拒绝了申请（买家备注：seller says it is normal）");
    expect(zh).toContain("- 2026年11月2日：补充证据：qc-jeans.png、https://imgur.com/a/qc");
  });

  it("follows up with support: the escalation date, business days without a reply, the ticket", () => {
    const input = inputOf(escalated, "support-follow-up", "2026-11-16", caseOf("refund"), []);
    expect(input.escalation).toEqual({ on: "2026-11-05", note: TICKET, businessDaysWaiting: 7 });
    const en = buildMessage(input, "en").text;
    expect(en.split("\n")[0]).toBe("Order KB-7: follow-up on my escalation to support of 2026-11-05");
    expect(en).toContain("to support on 2026-11-05, and I have had no reply for 7 business days.");
    expect(en).toContain("My note on the escalation: ticket #4821");
    const zh = buildMessage(input, "zh").text;
    expect(zh.split("\n")[0]).toBe("订单号：KB-7（跟进2026年11月5日的客服介入申请）");
    expect(zh).toContain("我在2026年11月5日就这个订单申请了客服介入，到现在已经7个工作日没有收到回复了。");
    expect(zh).toContain("申请时的备注（买家原话）：ticket #4821");
    expect(buildMessage({ ...input, provisional: true }, "zh").text).toContain("已经约7个工作日没有收到回复了");
  });
});

describe("--lang both", () => {
  it("gives the Chinese first, then the English, clearly separated", () => {
    const input: MessageInput = {
      kind: "request",
      case: caseOf("refund"),
      overdue: [],
      events: [],
      evidence: [],
      escalation: null,
      provisional: false,
    };
    const { messages, text } = buildMessages(input, "both");
    expect(messages.map((m) => m.lang)).toEqual(["zh", "en"]);
    expect(text.split("\n")[0]).toBe("订单号：KB-7（质检问题，申请退货退款）");
    const [zh, en] = text.split(`\n\n${BOTH_SEPARATOR}\n\n`);
    expect(zh).toBe(buildMessage(input, "zh").text);
    expect(en).toBe(buildMessage(input, "en").text);
    expect(buildMessages(input, "en").text).toBe(en);
  });
});

describe("the kind a case's state calls for", () => {
  const choose = (stages: Stage[], asOf: string, requested?: string, outcome: string | null = null) => {
    const state: State = { name: "", resolution: "refund", stages, closed: outcome !== null };
    const input = inputOf(state, "request", asOf, caseOf("refund"), []);
    return chooseMessageKind(requested, {
      id: 4,
      stage: stages.at(-1) ?? "requested",
      outcome,
      closedOn: outcome === null ? null : asOf,
      overdue: input.overdue,
      escalation: input.escalation,
    });
  };

  it("is the request, a follow-up when late, the escalation when refused, then a support follow-up", () => {
    expect(choose(["agent-reviewed"], "2026-11-05")).toBe("request");
    expect(choose(["agent-reviewed"], "2026-11-12")).toBe("follow-up");
    expect(choose(["agent-reviewed", "refused"], "2026-11-12")).toBe("escalation");
    expect(choose(["agent-reviewed", "refused", "escalated"], "2026-11-12")).toBe("escalation");
    expect(choose(["agent-reviewed", "refused", "escalated"], "2026-11-13")).toBe("support-follow-up");
    expect(choose(["agent-reviewed", "refused", "escalated"], "2026-11-13", "escalation")).toBe("escalation");
  });

  it("refuses a closed case without --kind, in one line that says why; --kind asks for one", () => {
    let error: unknown;
    try {
      choose(["agent-reviewed", "seller-agreed", "returned", "refunded"], "2026-11-20", undefined, "refunded");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(2);
    expect((error as UsageError).message).toBe(
      "case #4 is closed (refunded on 2026-11-20), so there is nothing to request or follow up; add --kind " +
        "(request, follow-up, escalation, support-follow-up, accept, counter) to draft one anyway, or run `kakotrack " +
        "reopen 4` if it is not over",
    );
    expect(
      choose(["agent-reviewed", "seller-agreed", "returned", "refunded"], "2026-11-20", "follow-up", "refunded"),
    ).toBe("follow-up");
  });

  it("refuses an unknown kind, and a support follow-up on a case never escalated", () => {
    expect(() => choose([], "2026-11-02", "rant")).toThrow(
      /--kind must be one of request, follow-up, escalation, support-follow-up/,
    );
    expect(() => choose(["agent-reviewed"], "2026-11-02", "support-follow-up")).toThrow(/never escalated/);
  });
});

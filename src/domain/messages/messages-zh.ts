import { formatMinor } from "../case/parse.js";
import type { DayUnit } from "../deadlines/rules.js";
import type { MessageCase, MessageEvent, Money, Phrases } from "./phrases.js";
import { wordsIn } from "./words.js";

/**
 * Chinese, for the seller the agent forwards the message to (issue 17): written from
 * templates as a careful buyer would write on Taobao, never machine-translated. Only the
 * buyer's own words (item, description, notes), order numbers, file names and links stay
 * as typed; a test checks that nothing else is in Latin letters.
 */

const { DEFECT, RESOLUTION, OUTCOME, STAGE, DEADLINE, ASK, WHEN } = wordsIn("zh");

/** Currencies a buyer pays in, by their Chinese names; any other keeps its ISO code. */
const CURRENCY: Record<string, string> = {
  CNY: "元",
  USD: "美元",
  EUR: "欧元",
  GBP: "英镑",
  HKD: "港币",
  TWD: "新台币",
  JPY: "日元",
  KRW: "韩元",
  AUD: "澳元",
  CAD: "加元",
  NZD: "新西兰元",
  SGD: "新加坡元",
  CHF: "瑞士法郎",
  SEK: "瑞典克朗",
  NOK: "挪威克朗",
  DKK: "丹麦克朗",
  PLN: "波兰兹罗提",
  CZK: "捷克克朗",
  RUB: "卢布",
  MYR: "马来西亚林吉特",
  THB: "泰铢",
  INR: "印度卢比",
  BRL: "巴西雷亚尔",
  MXN: "墨西哥比索",
  TRY: "土耳其里拉",
  ILS: "以色列新谢克尔",
  AED: "阿联酋迪拉姆",
  ZAR: "南非兰特",
};

const money = (m: Money): string => `${formatMinor(m.minor, m.currency)}${CURRENCY[m.currency] ?? ` ${m.currency}`}`;

/** 2026-11-02 -> 2026年11月2日 */
const date = (iso: string): string => {
  const [y, m, d] = iso.split("-");
  return `${y}年${Number(m)}月${Number(d)}日`;
};

/** "3个工作日"; "约3个工作日" when counted through a provisional year. */
const days = (n: number, unit: DayUnit, about: boolean): string =>
  `${about ? "约" : ""}${n}${unit === "business" ? "个工作日" : "天"}`;

const item = (c: MessageCase): string => `商品：${c.item}${c.itemUrl ? `（${c.itemUrl}）` : ""}`;
const noted = (note: string | null): string => (note === null ? "" : `（买家备注：${note}）`);

function event(e: MessageEvent): string {
  switch (e.kind) {
    case "opened":
      return `${STAGE.requested}${noted(e.note)}`;
    case "stage":
      return `${STAGE[e.stage].replace("{amount}", e.amount === null ? "" : money(e.amount))}${noted(e.note)}`;
    case "note":
      return `买家备注：${e.note}`;
    case "evidence":
      return `补充证据：${e.names.join("、")}`;
    case "closed":
      return `结案（${OUTCOME[e.outcome]}${e.amount === null ? "" : `，${money(e.amount)}`}）${noted(e.note)}`;
    case "reopened":
      return `重新开启申请${noted(e.note)}`;
    case "refund":
      return `已退款${money(e.amount)}${noted(e.note)}`;
    case "counter":
      return `我还价，希望部分退款${money(e.amount)}${noted(e.note)}`;
    case "round": {
      const what =
        e.ended === "rejected" ? "新货质检也有问题，我再次申请了换货" : `我改为申请${RESOLUTION[e.resolution]}`;
      return `${what}${noted(e.note)}`;
    }
  }
}

export const ZH: Phrases = {
  date,
  ownWords: (text) => `买家原话：${text}`,
  event,
  subject(kind, c, escalation) {
    switch (kind) {
      case "request": {
        const problem = c.phase === "qc" ? "质检问题" : "收货后发现问题";
        return `订单号：${c.orderNo}（${problem}，申请${RESOLUTION[c.resolution]}）`;
      }
      case "follow-up":
        return `订单号：${c.orderNo}（跟进${date(c.openedOn)}提交的${RESOLUTION[c.resolution]}申请）`;
      case "escalation":
        return `订单号：${c.orderNo}（申请客服介入）`;
      case "support-follow-up":
        return `订单号：${c.orderNo}（跟进${escalation ? date(escalation.on) : "之前"}的客服介入申请）`;
      case "accept":
        return `订单号：${c.orderNo}（同意卖家的部分退款方案）`;
      case "counter":
        return `订单号：${c.orderNo}（关于卖家的部分退款方案）`;
    }
  },
  greeting: "您好！",
  thanks: "谢谢！",
  evidence: {
    photos: (names) => `请见附件照片：${names.join("、")}`,
    files: (names) => `请见附件：${names.join("、")}`,
    links: "相关链接：",
    none: (phase) => (phase === "qc" ? "问题在这个订单的仓库质检照片里可以看到。" : "如有需要，我可以补拍商品照片。"),
  },
  wanted(c) {
    switch (c.resolution) {
      case "exchange":
        return "我希望换货：麻烦联系卖家重新发一件没有问题的到仓库，新货到了以后请再拍一组质检照片给我确认。";
      case "refund":
        return `我希望退货退款${c.price ? `（商品价格${money(c.price)}）` : ""}：麻烦联系卖家安排退货，并全额退款。`;
      case "partial-refund": {
        const amount = c.offer ?? c.ask ?? null;
        return amount
          ? `商品我可以留下，希望部分退款${money(amount)}。`
          : "商品我可以留下，希望部分退款，麻烦问一下卖家能退多少。";
      }
    }
  },
  request: {
    found: (c) =>
      [
        `麻烦帮忙处理一下这个订单的${c.phase === "qc" ? "质检" : "收货"}问题，辛苦了。`,
        item(c),
        `问题：${c.phase === "qc" ? "仓库的质检照片显示" : "收到包裹后，我发现"}${DEFECT[c.defect]}。`,
      ].join("\n"),
    closing: "卖家回复后麻烦告诉我一声，谢谢！",
  },
  followUp: {
    opener: (c) =>
      [
        `我想跟进一下${date(c.openedOn)}提交的${RESOLUTION[c.resolution]}申请。`,
        item(c),
        `问题：${DEFECT[c.defect]}。`,
      ].join("\n"),
    latest: (e) => `最新进展：${date(e.on)}，${event(e)}。`,
    parcel: (parcel) => `商品已寄回给卖家，快递单号：${parcel}。`,
    timeline: "按正常的处理时间：",
    overdue: (o, about) =>
      `- ${DEADLINE[o.deadline]}：截止${date(o.due)}，现已超时${o.late > 0 ? days(o.late, o.unit, about) : ""}`,
    nothingLate: "- 目前还没有超时，但我一直没有收到回复。",
    ask: (c, last) => {
      const when = last?.deadline === "new-qc" ? "什么时候能收到新的质检照片" : WHEN[c.resolution];
      return `麻烦您${last ? ASK[last.deadline] : "帮忙看一下我的申请"}，并告诉我${when}，辛苦了！`;
    },
  },
  escalation: {
    opener: (c) => ["想麻烦客服帮忙介入处理这个订单的问题。", item(c), `问题：${DEFECT[c.defect]}。`].join("\n"),
    history: "处理经过：",
    historyLine: (d, what) => `- ${d}：${what}`,
    closing: "麻烦客服帮忙和卖家协商解决，辛苦了，谢谢！",
  },
  support: {
    opener: (_c, escalation, about) => {
      const since = escalation ? `${date(escalation.on)}就这个订单申请了客服介入` : "之前就这个订单申请了客服介入";
      const waiting =
        escalation && escalation.businessDaysWaiting > 0
          ? `已经${days(escalation.businessDaysWaiting, "business", about)}没有收到回复了`
          : "还没有收到回复";
      return `我在${since}，到现在${waiting}。`;
    },
    note: (note) => `申请时的备注（买家原话）：${note}`,
    reminder: (c) => [item(c), `问题：${DEFECT[c.defect]}。我的诉求是${RESOLUTION[c.resolution]}。`].join("\n"),
    ask: "麻烦帮忙看一下处理进度，并告诉我客服大概什么时候能答复，辛苦了！",
  },
  rounds(rounds) {
    const [first, ...later] = rounds;
    const since = later.map((r, i) =>
      rounds[i]!.ended === "rejected"
        ? `${date(r.startedOn)}新货质检也有问题，我再次申请了换货`
        : `${date(r.startedOn)}我改为申请${RESOLUTION[r.resolution]}`,
    );
    return `我在${date(first!.startedOn)}第一次提交了${RESOLUTION[first!.resolution]}申请；${since.join("；")}。`;
  },
  answer: {
    offer: (c) => {
      const offered = c.sellerOffer
        ? `卖家在${date(c.sellerOffer.on)}提出部分退款${money(c.sellerOffer.amount)}`
        : "卖家提出了部分退款";
      return [`${offered}。`, item(c), `问题：${DEFECT[c.defect]}。`].join("\n");
    },
    accept: "这个方案我同意，商品我留下。麻烦和卖家确认一下，并告诉我退款什么时候能到账，辛苦了！",
    counter: (amount) =>
      `谢谢卖家的处理，不过这个金额不太能弥补商品的问题，希望能部分退款${amount ? money(amount) : "多一些"}，` +
      "麻烦帮忙和卖家沟通一下，看看是否可以。",
    ask: "卖家回复后麻烦告诉我一声，辛苦了！",
  },
};

import type { Defect, Outcome, Resolution, Stage } from "../case/model.js";
import type { DeadlineId } from "../deadlines/rules.js";
import type { Language } from "./phrases.js";

/*
 * The words a message gives each value of a case (a defect, a stage, a deadline...), in both languages in one row,
 * so a new value is worded in both at once. The Chinese is written, not translated (issue 17).
 */

type Words = Readonly<Record<Language, string>>;

/** A value's words: in English, then in Chinese. */
const words = (en: string, zh: string): Words => ({ en, zh });

/** en "I found … on the item" (a noun); zh "问题：…" (a clause). */
const DEFECT: Record<Defect, Words> = {
  flaw: words("a flaw", "商品有瑕疵"),
  "wrong-colour": words("the wrong colour", "颜色发错了"),
  "wrong-size": words("the wrong size", "尺码发错了"),
  damage: words("damage", "商品有破损"),
  "wrong-item": words("the wrong item", "发错货了，不是我订的商品"),
  "missing-part": words("a missing part", "缺少配件"),
  other: words("a problem", "商品有问题"),
};

/** en "a request for …"; zh "申请…". */
const RESOLUTION: Record<Resolution, Words> = {
  exchange: words("an exchange", "换货"),
  refund: words("a return and refund", "退货退款"),
  "partial-refund": words("a partial refund", "部分退款"),
};

const OUTCOME: Record<Outcome, Words> = {
  exchanged: words("exchanged", "已换货"),
  refunded: words("refunded", "已退款"),
  "partially-refunded": words("partially refunded", "已部分退款"),
  "accepted-as-is": words("item accepted as it is", "接受现状"),
  cancelled: words("cancelled", "已取消"),
  lost: words("not resolved", "未能解决"),
};

/** What reaching each stage means, in the buyer's voice; {amount} is the amount (en " of 30.00 CNY") or empty. */
const STAGE: Record<Stage, Words> = {
  spotted: words("I saw the defect in the QC photos", "在质检照片中发现问题"),
  requested: words("I submitted my request", "提交申请"),
  "agent-reviewed": words("the agent reviewed my request", "代购审核了申请"),
  "seller-confirmed": words("the seller confirmed the exchange", "卖家同意换货"),
  "replacement-arrived": words("the replacement arrived at the warehouse", "新货到达仓库"),
  "new-qc": words("I received the QC photos of the replacement", "收到新货的质检照片"),
  approved: words("I approved the replacement", "我确认了新货"),
  "seller-agreed": words("the seller agreed to the return and refund", "卖家同意退货退款"),
  returned: words("the item was sent back to the seller", "商品已退回卖家"),
  "seller-offered": words("the seller offered a partial refund{amount}", "卖家提出部分退款{amount}"),
  agreed: words("I accepted the partial refund{amount}", "我同意了部分退款{amount}"),
  refunded: words("the refund was paid{amount}", "退款到账{amount}"),
  refused: words("the seller refused", "卖家拒绝了申请"),
  escalated: words("I escalated the case to support", "申请客服介入"),
};

/** The thing each deadline waits for. */
const DEADLINE: Record<DeadlineId, Words> = {
  "agent-review": words("the agent's review of my request", "代购审核申请"),
  "seller-response": words("the seller's answer", "卖家回复"),
  "replacement-arrived": words("the replacement's arrival at the warehouse", "新货到仓"),
  "new-qc": words("QC photos of the replacement", "新货质检照片"),
  approved: words("my approval of the replacement", "我确认新货"),
  refund: words("the refund", "退款到账"),
  "escalation-follow-up": words("support's answer", "客服答复"),
  "counter-response": words("the seller's answer to my counter-offer", "卖家对我还价的答复"),
};

/** What a follow-up asks someone to do about the latest overdue deadline: en "Could you please …", zh "麻烦您…". */
const ASK: Record<DeadlineId, Words> = {
  "agent-review": words("review my request and pass it on to the seller", "尽快审核我的申请并转给卖家"),
  "seller-response": words("remind the seller to answer", "催一下卖家回复"),
  "replacement-arrived": words("ask the seller where the replacement is", "问一下卖家新货发到哪里了"),
  "new-qc": words("take QC photos of the replacement", "给新货拍一下质检照片"),
  approved: words("check the replacement", "看一下新货"),
  refund: words("check on the refund with the seller", "跟卖家确认一下退款进度"),
  "escalation-follow-up": words("ask support to look at my case", "请客服帮忙看一下我的问题"),
  "counter-response": words("ask the seller to answer my counter-offer", "问一下卖家是否同意我提出的金额"),
};

/** …and what the buyer wants to know (en "let me know …", zh "并告诉我…"): for a refund, when it is paid (issue 17). */
const WHEN: Record<Resolution, Words> = {
  exchange: words("when the replacement will reach the warehouse", "新货什么时候能到仓库"),
  refund: words("when the refund will be paid", "退款什么时候能到账"),
  "partial-refund": words("when the partial refund will be paid", "部分退款什么时候能到账"),
};

const TABLES = { DEFECT, RESOLUTION, OUTCOME, STAGE, DEADLINE, ASK, WHEN };

type InOneLanguage = { [T in keyof typeof TABLES]: Record<keyof (typeof TABLES)[T], string> };

/** The tables in one language, as its phrases read them: `wordsIn("zh").STAGE.requested` is "提交申请". */
export function wordsIn(lang: Language): InOneLanguage {
  const pick = (table: Record<string, Words>) =>
    Object.fromEntries(Object.entries(table).map(([value, said]) => [value, said[lang]]));
  return Object.fromEntries(Object.entries(TABLES).map(([name, table]) => [name, pick(table)])) as InOneLanguage;
}

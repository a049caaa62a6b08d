import { UsageError } from "../../errors.js";
import { checkCalendarSetting, isCalendarKey } from "../calendar/calendar-data.js";
import { canonicalAgent } from "../case/agents.js";
import { FIELD_LIST, type FieldKind } from "../case/fields.js";
import {
  DEFECTS,
  isOneOf,
  OUTCOMES,
  PAYMENTS,
  PHASES,
  REFUND_DESTINATIONS,
  RESOLUTIONS,
  STAGES,
} from "../case/model.js";
import {
  type CaseEvent,
  type CaseRecord,
  type CaseSnapshot,
  COUNTER_EVENT,
  type EvidenceRecord,
  ROUND_EVENT,
  SPOTTED,
  type WithdrawalRecord,
} from "../case/records.js";
import { agentSettingKey, splitSettingKey, storedSettingSpec } from "../config/settings.js";
import { tryParseDay } from "../time/dates.js";
import { tryParseMoment } from "../time/moments.js";
import { STATE_CSV_COLUMNS } from "./csv-state.js";

export const EXPORT_FORMATS = ["json", "csv", "ics"] as const;

/** Spreadsheet columns (docs/export-format.md); `import --format csv` reads the case fields back. */
export const CSV_COLUMNS = [
  "id",
  "agent",
  "order",
  "item",
  "url",
  "seller",
  "price",
  "currency",
  "defect",
  "description",
  "phase",
  "resolution",
  "payment",
  "opened_on",
  "stage",
  "flag",
  "due",
  "offer",
  "outcome",
  "refunded",
  "closed_on",
  "stored_at",
  "return_window_closes_at",
  "refund_to",
  "fees",
  "net_recovered",
  "return_tracking",
  "return_carrier",
  ...STATE_CSV_COLUMNS,
] as const;

/**
 * kakotrack's JSON export, version 3 (docs/export-format.md): the rows as stored, amounts
 * in integer minor units, so export -> import -> export is lossless. Version 2 added each
 * case's `storedAt` and `refundTo` and the `withdrawals` (issue 16); version 3 each case's `ask`
 * (`askMinor`), `returnTracking` and `returnCarrier`, rounds, counter-offers and `refund` events as
 * events (issue 24). Older files are still read (the later fields null, no withdrawals in 1); their
 * refunds are refund records as they stand (the events that carry them), so `refundMinor` sums them.
 */
export const EXPORT_FORMAT = "kakotrack";
export const EXPORT_VERSION = 3;
const READS_VERSIONS = [1, 2, 3];

/** What an export holds and an import writes. */
export interface TransferData {
  settings: Record<string, string>;
  cases: CaseSnapshot[];
  withdrawals: WithdrawalRecord[];
}

export interface ExportFile {
  format: typeof EXPORT_FORMAT;
  version: number;
  exportedAt: string;
  settings: Record<string, string>;
  cases: Array<CaseRecord & { events: CaseEvent[]; evidence: EvidenceRecord[] }>;
  withdrawals: WithdrawalRecord[];
}

export function toExportFile(data: TransferData, exportedAt: string): ExportFile {
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt,
    settings: data.settings,
    cases: data.cases.map((s) => ({ ...s.case, events: s.events, evidence: s.evidence })),
    withdrawals: data.withdrawals,
  };
}

type Check = (value: unknown) => boolean;
const str: Check = (v) => typeof v === "string";
const strOrNull: Check = (v) => v === null || typeof v === "string";
const int: Check = (v) => Number.isSafeInteger(v);
const intOrNull: Check = (v) => v === null || Number.isSafeInteger(v);
const date: Check = (v) => typeof v === "string" && tryParseDay(v) !== undefined;
const dateOrNull: Check = (v) => v === null || date(v);
const oneOf =
  (values: readonly string[]): Check =>
  (v) =>
    typeof v === "string" && isOneOf(values, v);
const oneOfOrNull =
  (values: readonly string[]): Check =>
  (v) =>
    v === null || oneOf(values)(v);
const amount: Check = (v) => v === null || (Number.isSafeInteger(v) && (v as number) >= 0);
const positive: Check = (v) => Number.isSafeInteger(v) && (v as number) > 0;
const momentOrNull: Check = (v) =>
  v === null || (typeof v === "string" && v.length === 16 && v[10] === "T" && tryParseMoment(v) !== undefined);

/** How an import checks a stored field of each kind (src/domain/case/fields.ts). */
const KIND_CHECKS: Record<FieldKind, Check> = {
  id: int,
  text: str,
  "text?": strOrNull,
  "amount?": amount,
  currency: (v) => typeof v === "string" && /^[A-Z]{3}$/.test(v),
  defect: oneOf(DEFECTS),
  phase: oneOf(PHASES),
  resolution: oneOf(RESOLUTIONS),
  payment: oneOf(PAYMENTS),
  date,
  "date?": dateOrNull,
  stage: oneOf(STAGES),
  "outcome?": oneOfOrNull(OUTCOMES),
  stamp: str,
  "moment?": momentOrNull,
  "refund-to?": oneOfOrNull(REFUND_DESTINATIONS),
};
const CASE_CHECKS = Object.fromEntries(FIELD_LIST.map(([name, spec]) => [name, KIND_CHECKS[spec.kind]])) as Record<
  keyof CaseRecord,
  Check
>;
/** Case fields an older version did not have, and what they were then (null). */
const addedAfter = (version: number): string[] =>
  FIELD_LIST.filter(([, spec]) => (spec.since ?? 1) > version).map(([name]) => name);
const WITHDRAWAL_FIELDS: Record<keyof WithdrawalRecord, Check> = {
  id: int,
  agent: str,
  currency: (v) => typeof v === "string" && /^[A-Z]{3}$/.test(v),
  amountMinor: positive,
  untrackedMinor: (v) => Number.isSafeInteger(v) && (v as number) >= 0,
  onDate: date,
  note: strOrNull,
  recordedAt: str,
};
const EVENT_FIELDS: Record<keyof CaseEvent, Check> = {
  id: int,
  caseId: int,
  kind: str,
  stage: oneOfOrNull(STAGES),
  onDate: date,
  recordedAt: str,
  note: strOrNull,
  amountMinor: intOrNull,
  data: strOrNull,
};
const EVIDENCE_FIELDS: Record<keyof EvidenceRecord, Check> = {
  id: int,
  caseId: int,
  kind: oneOf(["file", "url"]),
  sha256: strOrNull,
  name: str,
  size: intOrNull,
  url: strOrNull,
  addedOn: date,
  recordedAt: str,
};

function pick<T>(value: unknown, fields: Record<string, Check>, where: string): T {
  if (typeof value !== "object" || value === null) throw new UsageError(`${where} is not an object`);
  const out: Record<string, unknown> = {};
  for (const [key, check] of Object.entries(fields)) {
    const v = (value as Record<string, unknown>)[key];
    if (!check(v))
      throw new UsageError(`${where}: field "${key}" is missing or invalid (${JSON.stringify(v) ?? "absent"})`);
    out[key] = v;
  }
  return out as T;
}

/**
 * A round's start and a counter-offer are stage events the stored stage history reads by their
 * kind (m009): a round names the resolution it ended, a counter-offer its amount at seller-offered.
 */
function checkIssue24Event(e: CaseEvent, where: string): CaseEvent {
  if (e.kind === ROUND_EVENT) {
    let from: unknown;
    try {
      from = (JSON.parse(e.data ?? "null") as { from?: unknown } | null)?.from;
    } catch {}
    if (e.stage !== "requested" || !oneOf(RESOLUTIONS)(from))
      throw new UsageError(
        `${where}: a round starts at "requested" with "data" naming the resolution it ended ("from")`,
      );
  }
  if (e.kind === COUNTER_EVENT && (e.stage !== "seller-offered" || !positive(e.amountMinor)))
    throw new UsageError(`${where}: a counter-offer is at "seller-offered" with a positive "amountMinor"`);
  return e;
}

/** Parses and checks a whole export file before anything is written. */
export function parseExportFile(text: string, file: string): TransferData {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new UsageError(
      `${file} is not valid JSON (${(error as Error).message}); is it a kakotrack export, complete and unedited?`,
    );
  }
  const top = data as Partial<ExportFile>;
  if (typeof data !== "object" || data === null || top.format !== EXPORT_FORMAT) {
    throw new UsageError(
      `${file} is not a kakotrack export (no "format": "kakotrack"); for a spreadsheet use --format csv`,
    );
  }
  if (!READS_VERSIONS.includes(top.version as number)) {
    throw new UsageError(
      `${file} is export version ${String(top.version)}; this kakotrack reads versions ` +
        `${READS_VERSIONS.join(", ")} (upgrade kakotrack)`,
    );
  }
  const v1 = top.version === 1;
  if (!Array.isArray(top.cases)) throw new UsageError(`${file}: "cases" must be a list`);
  const settings: Record<string, string> = {};
  for (const [key, value] of Object.entries(top.settings ?? {})) {
    const spec = storedSettingSpec(key);
    const parse = spec?.parse ?? (isCalendarKey(key) ? (v: string) => checkCalendarSetting(key, v) : undefined);
    // The exporting database's identity or channels, or a setting this version does not have.
    if (parse === undefined || spec?.local) continue;
    if (typeof value !== "string") throw new UsageError(`${file}: setting "${key}" must be text`);
    // A known agent's variant spelling is stored under its own name, as config set stores it (issue 26).
    const { key: setting, agent } = splitSettingKey(key);
    try {
      settings[agent === undefined ? key : agentSettingKey(setting, agent)] = parse(value);
    } catch (error) {
      if (error instanceof UsageError) throw new UsageError(`${file}: setting ${error.message}`);
      throw error;
    }
  }
  const missing = Object.fromEntries(addedAfter(top.version as number).map((name) => [name, null]));
  const cases = top.cases.map((raw, i): CaseSnapshot => {
    const where = `${file}: case ${i + 1}`;
    const c = pick<CaseRecord>(
      typeof raw === "object" && raw !== null ? { ...missing, ...raw } : raw,
      CASE_CHECKS,
      where,
    );
    c.agent = canonicalAgent(c.agent);
    const r = raw as { events?: unknown; evidence?: unknown };
    if (!Array.isArray(r.events) || !Array.isArray(r.evidence))
      throw new UsageError(`${where}: "events" and "evidence" must be lists`);
    const events = r.events.map((e, j) => {
      const at = `${where}, event ${j + 1}`;
      const event = checkIssue24Event(pick<CaseEvent>(e, EVENT_FIELDS, at), at);
      // A refund is money that came back: a positive amount (a sign would take it from the balances).
      if (event.kind === "refund" && !positive(event.amountMinor))
        throw new UsageError(`${at}: a refund needs a positive "amountMinor"`);
      return event;
    });
    // A spotted case opens (day 0) when its request is recorded.
    if (c.stage !== SPOTTED && !events.some((e) => e.kind === "opened"))
      throw new UsageError(`${where}: has no opening event`);
    const evidence = r.evidence.map((e, j) => pick<EvidenceRecord>(e, EVIDENCE_FIELDS, `${where}, evidence ${j + 1}`));
    return { case: c, events, evidence };
  });
  const listed = v1 ? [] : top.withdrawals;
  if (!Array.isArray(listed)) throw new UsageError(`${file}: "withdrawals" must be a list`);
  const withdrawals = listed.map((w, i) => {
    const parsed = pick<WithdrawalRecord>(w, WITHDRAWAL_FIELDS, `${file}: withdrawal ${i + 1}`);
    parsed.agent = canonicalAgent(parsed.agent);
    if (parsed.untrackedMinor > parsed.amountMinor)
      throw new UsageError(`${file}: withdrawal ${i + 1}: "untrackedMinor" is more than "amountMinor"`);
    return parsed;
  });
  return { settings, cases, withdrawals };
}

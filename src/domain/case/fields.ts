import type { Defect, Outcome, Payment, Phase, RefundDestination, Resolution, Stage } from "./model.js";
import { formatMinor } from "./parse.js";

/**
 * What a stored case field holds, and so its TypeScript type (FieldValue), its check in an
 * import, how JSON and the CSV write it (amounts as decimals in the case currency).
 */
export interface FieldValue {
  id: number;
  text: string;
  "text?": string | null;
  "amount?": number | null;
  currency: string;
  defect: Defect;
  phase: Phase;
  resolution: Resolution;
  payment: Payment;
  date: string;
  "date?": string | null;
  stage: Stage;
  "outcome?": Outcome | null;
  stamp: string;
  "moment?": string | null;
  "refund-to?": RefundDestination | null;
}
export type FieldKind = keyof FieldValue;

export interface FieldSpec {
  kind: FieldKind;
  /** The SQL column (docs/design.md section 5.3). */
  column: string;
  /** The name in `show --json`/`status --json` and the CSV export's column; absent: not shown there. */
  json?: string;
  csv?: string;
  /** The flag of add and edit (--order), which is also the field's input name. */
  input?: string;
  /** `edit` may change it. */
  editable?: boolean;
  /** The JSON export version that added it: older files read it as null. */
  since?: number;
}

/**
 * The stored fields of a case, declared once (docs/design.md section 1.1): the record type, the
 * store's columns and inserts, the export's checks and names, edit's flags and the case's JSON
 * come from here. Adding a field: its migration, one row here, and the views that show it.
 */
export const CASE_FIELDS = {
  id: { kind: "id", column: "id", json: "id", csv: "id" },
  agent: { kind: "text", column: "agent", json: "agent", csv: "agent", input: "agent", editable: true },
  orderNo: { kind: "text", column: "order_no", json: "orderNo", csv: "order", input: "order", editable: true },
  item: { kind: "text", column: "item", json: "item", csv: "item", input: "item", editable: true },
  itemUrl: { kind: "text?", column: "item_url", json: "itemUrl", csv: "url", input: "url", editable: true },
  seller: { kind: "text?", column: "seller", json: "seller", csv: "seller", input: "seller", editable: true },
  priceMinor: { kind: "amount?", column: "price_minor", json: "price", csv: "price", input: "price", editable: true },
  currency: {
    kind: "currency",
    column: "currency",
    json: "currency",
    csv: "currency",
    input: "currency",
    editable: true,
  },
  defect: { kind: "defect", column: "defect", json: "defect", csv: "defect", input: "defect", editable: true },
  description: {
    kind: "text",
    column: "description",
    json: "description",
    csv: "description",
    input: "description",
    editable: true,
  },
  phase: { kind: "phase", column: "phase", json: "phase", csv: "phase", input: "phase", editable: true },
  resolution: {
    kind: "resolution",
    column: "resolution",
    json: "resolution",
    csv: "resolution",
    input: "resolution",
    editable: true,
  },
  payment: { kind: "payment", column: "payment", json: "payment", csv: "payment", input: "payment", editable: true },
  openedOn: { kind: "date", column: "opened_on", json: "openedOn", csv: "opened_on", input: "date", editable: true },
  stage: { kind: "stage", column: "stage", json: "stage", csv: "stage" },
  offerMinor: { kind: "amount?", column: "offer_minor", json: "offer", csv: "offer" },
  outcome: { kind: "outcome?", column: "outcome", json: "outcome", csv: "outcome" },
  refundMinor: { kind: "amount?", column: "refund_minor", json: "refunded", csv: "refunded" },
  closedOn: { kind: "date?", column: "closed_on", json: "closedOn", csv: "closed_on" },
  createdAt: { kind: "stamp", column: "created_at" },
  updatedAt: { kind: "stamp", column: "updated_at" },
  storedAt: {
    kind: "moment?",
    column: "stored_at",
    json: "storedAt",
    csv: "stored_at",
    input: "stored",
    editable: true,
    since: 2,
  },
  refundTo: { kind: "refund-to?", column: "refund_to", json: "refundTo", csv: "refund_to", since: 2 },
  askMinor: { kind: "amount?", column: "ask_minor", json: "ask", input: "ask", editable: true, since: 3 },
  returnTracking: {
    kind: "text?",
    column: "return_tracking",
    json: "returnTracking",
    csv: "return_tracking",
    since: 3,
  },
  returnCarrier: { kind: "text?", column: "return_carrier", json: "returnCarrier", csv: "return_carrier", since: 3 },
} as const satisfies Record<string, FieldSpec>;

type Fields = typeof CASE_FIELDS;
export type CaseFieldName = keyof Fields;

/** A case as kakotrack keeps it: amounts in integer minor units of the case currency. */
export type CaseRecord = { -readonly [K in CaseFieldName]: FieldValue[Fields[K]["kind"]] };

/** The fields add takes from its input (each has a flag). */
export type InputFieldName = { [K in CaseFieldName]: Fields[K] extends { input: string } ? K : never }[CaseFieldName];

/** The table's rows as a list, in the order declared. */
export const FIELD_LIST: ReadonlyArray<[CaseFieldName, FieldSpec]> = Object.entries(CASE_FIELDS) as Array<
  [CaseFieldName, FieldSpec]
>;

/** The fields edit may change, by their flag. */
export const EDITABLE_FIELDS: ReadonlyArray<[CaseFieldName, FieldSpec & { input: string }]> = FIELD_LIST.filter(
  (entry): entry is [CaseFieldName, FieldSpec & { input: string }] =>
    entry[1].editable === true && entry[1].input !== undefined,
);

/**
 * A field's value as people, JSON and spreadsheets read it: amounts as decimals of the case
 * currency ("129.00"), the rest as stored.
 */
export function shownValue(row: CaseRecord, name: CaseFieldName): string | number | null {
  const value = row[name];
  return CASE_FIELDS[name].kind === "amount?" && value !== null ? formatMinor(value as number, row.currency) : value;
}

/** The stored fields that have a JSON name, as a case's JSON writes them (in the table's order). */
export function fieldsJson(row: CaseRecord): Record<string, string | number | null> {
  const json: Record<string, string | number | null> = {};
  for (const [name, spec] of FIELD_LIST) if (spec.json !== undefined) json[spec.json] = shownValue(row, name);
  return json;
}

/** The stored field a CSV column holds, by the column's name. */
export const FIELD_BY_CSV: ReadonlyMap<string, CaseFieldName> = new Map(
  FIELD_LIST.flatMap(([name, spec]) => (spec.csv === undefined ? [] : [[spec.csv, name] as const])),
);

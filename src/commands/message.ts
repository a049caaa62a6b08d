import { existsSync } from "node:fs";
import { MESSAGE_LANGS, type Stage } from "../domain/case/model.js";
import { formatAmount, parseAmount, parseChoice } from "../domain/case/parse.js";
import { buyerAction, evaluate } from "../domain/deadlines/evaluate.js";
import {
  buildMessages,
  chooseMessageKind,
  KINDS_WITH_EVIDENCE,
  lastEscalation,
  MESSAGE_KINDS,
  type MessageEvidence,
  overdueDeadlines,
} from "../domain/messages/messages.js";
import { UsageError } from "../errors.js";
import { hint } from "../hints.js";
import { storedFilePath } from "../store/evidence-files.js";
import { sanitize, sanitizeMultiline, toJsonText } from "../ui/sanitize.js";
import { distinctEvidence, messageCase, messageEvent, money } from "./shared/message-input.js";
import { caseAsOf, withSession } from "./shared/session.js";
import { asOf, defineCommand, flag, text } from "./shared/spec.js";

/** A file the buyer attaches by hand: its original name and where the store keeps it. */
interface Attachment {
  name: string;
  path: string;
  missing: boolean;
}

/**
 * Where each file to attach is, for the buyer, not the seller. It goes to stderr: the
 * message on stdout is what `kakotrack message 3 | xclip` copies, and this list stays on
 * the terminal beside it (--json carries it as `attachments`).
 */
function renderAttachments(attachments: readonly Attachment[], id: number): string {
  const width = Math.max(...attachments.map((a) => sanitize(a.name).length));
  const lines = attachments.map((a) => {
    const where = a.missing
      ? `MISSING from the evidence store: attach it again with ${hint.evidence(id)} followed by its path`
      : a.path;
    return `  ${sanitize(a.name).padEnd(width)}  ${sanitize(where)}`;
  });
  return (
    `Files to attach (the evidence store keeps each under its sha256: upload it as the name on the ` +
    `left):\n${lines.join("\n")}\n`
  );
}

/** On a terminal at an offer: accept it or counter it. */
async function askAnswer(offer: string | null): Promise<string> {
  const { askChoice } = await import("../ui/prompts.js");
  return askChoice({
    message: `The seller offered ${offer ?? "a partial refund"}. Draft`,
    choices: [
      { value: "accept", description: "accept the offer" },
      { value: "counter", description: "ask for more (--amount, else your --ask)" },
    ],
  });
}

export const message = defineCommand({
  options: {
    kind: text(
      "--kind <kind>",
      "request, follow-up, escalation, support-follow-up, or at an offer accept or counter (default: from the " +
        "case's state)",
      MESSAGE_KINDS,
    ),
    amount: text("--amount <amount>", "--kind counter: the partial refund you counter with (default: your --ask)"),
    lang: text(
      "--lang <lang>",
      "en, zh (Chinese, for the seller) or both (default: `config set message-lang`, else en)",
      MESSAGE_LANGS,
    ),
    asOf: asOf(),
    json: flag("--json", "machine-readable output"),
  },
  examples: [
    "kakotrack message 3 | xclip -selection clipboard",
    "kakotrack message 3 --kind escalation",
    "kakotrack message 3 --lang both",
    "kakotrack message 4 --kind counter --amount 40 --lang zh",
  ],
  notes: "The files to attach, and where the evidence store keeps each, go to stderr:\na pipe copies only the message.",
  async run(ctx, { globals, args: [idText], options }) {
    await withSession(ctx, globals, "read", async (session) => {
      const standing = caseAsOf(session, idText!, options.asOf);
      const row = standing.row;
      const lang = parseChoice(options.lang ?? session.settings.messageLang, MESSAGE_LANGS, "--lang");
      const evaluation = evaluate(standing.timeline, options.asOf, session.calendarFor(row.agent), session.settings);
      const events = standing.events.flatMap((e) => messageEvent(e, row.currency) ?? []);
      const overdue = overdueDeadlines(evaluation.pending);
      const escalation = lastEscalation(events, options.asOf, session.calendarFor(row.agent));
      const c = messageCase(row, standing.events);
      const offer = c.sellerOffer ? formatAmount(c.sellerOffer.amount.minor, row.currency) : null;
      const answerDue = buyerAction(standing.timeline) !== undefined && row.stage === "seller-offered";
      // At an offer the buyer answers it: on a terminal, which answer; off one, exit 2 naming both.
      const asked = options.kind ?? (answerDue && ctx.interactive ? await askAnswer(offer) : undefined);
      const kind = chooseMessageKind(asked, {
        id: row.id,
        stage: row.stage as Stage,
        outcome: row.outcome,
        closedOn: row.closedOn,
        overdue,
        escalation,
        answerDue,
        offer,
      });
      if (options.amount !== undefined && kind !== "counter")
        throw new UsageError(`--amount is the amount you counter with: it goes with --kind counter (not ${kind})`);
      const counter =
        options.amount === undefined
          ? c.ask
          : money(parseAmount(options.amount, row.currency, "--amount"), row.currency);
      if (kind === "counter" && !counter) {
        throw new UsageError(
          `a counter-offer needs its amount: add --amount X, or record what you ask for ` +
            `(${hint.edit(row.id, "--ask X")})`,
        );
      }
      const rows = distinctEvidence(standing.evidence);
      const evidence = rows.map(
        (e): MessageEvidence => (e.kind === "url" ? { kind: "link", url: e.url! } : { kind: "file", name: e.name }),
      );
      const attachments = rows.flatMap((e): Attachment[] => {
        if (e.kind === "url" || !KINDS_WITH_EVIDENCE.includes(kind)) return [];
        const path = storedFilePath(session.store.path, e.sha256!);
        return [{ name: e.name, path, missing: !existsSync(path) }];
      });
      const built = buildMessages(
        {
          kind,
          case: c,
          counter,
          overdue,
          events,
          evidence,
          escalation,
          // Counts through a provisional year are approximate (docs/design.md section 3.3).
          provisional: evaluation.provisional,
        },
        lang,
      );
      if (options.json) {
        const first = built.messages[0]!;
        ctx.stdout(
          toJsonText({
            id: row.id,
            orderNo: row.orderNo,
            kind,
            lang,
            subject: first.subject,
            text: built.text,
            messages: built.messages,
            attachments,
          }),
        );
        return;
      }
      ctx.stdout(`${sanitizeMultiline(built.text)}\n`);
      if (attachments.length > 0) ctx.stderr(renderAttachments(attachments, row.id));
    });
  },
});

import type { CaseEvent, CaseRecord } from "../../domain/case/records.js";
import type { Evaluation } from "../../domain/deadlines/evaluate.js";
import {
  buildMessages,
  lastEscalation,
  MESSAGE_KINDS,
  type MessageEvidence,
  type MessageKind,
  overdueDeadlines,
} from "../../domain/messages/messages.js";
import { messageCase, messageEvent } from "./message-input.js";
import type { Session } from "./session.js";

/**
 * The messages a claim packet carries, from `message`'s templates in the language of
 * `config set message-lang`: the request, a follow-up when something the agent or seller
 * owes is overdue, the escalation to support, and the follow-up to support once escalated.
 * `evidence` is what the packet holds, by the names it has there.
 */
export function draftedMessages(
  session: Session,
  row: CaseRecord,
  evaluation: Evaluation,
  asOf: string,
  events: readonly CaseEvent[],
  evidence: readonly MessageEvidence[],
): Array<{ kind: MessageKind; subject: string; text: string }> {
  const history = events.flatMap((e) => messageEvent(e, row.currency) ?? []);
  const overdue = overdueDeadlines(evaluation.pending);
  const escalation = lastEscalation(history, asOf, session.calendarFor(row.agent));
  const wanted: Record<MessageKind, boolean> = {
    request: true,
    "follow-up": overdue.some((o) => o.deadline !== "escalation-follow-up"),
    escalation: true,
    "support-follow-up": escalation !== null,
    // The answers to an offer are the buyer's choice at the moment, not part of a claim.
    accept: false,
    counter: false,
  };
  return MESSAGE_KINDS.filter((kind) => wanted[kind]).map((kind) => {
    const input = {
      kind,
      case: messageCase(row, events),
      overdue,
      events: history,
      evidence,
      escalation,
      provisional: evaluation.provisional,
    };
    const built = buildMessages(input, session.settings.messageLang);
    return { kind, subject: built.messages[0]!.subject, text: built.text };
  });
}

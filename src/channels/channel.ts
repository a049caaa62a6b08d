import type { Notification } from "../domain/notify/texts.js";
import { KakoError } from "../errors.js";

/** How long one send may take before kakotrack gives up on it (it stays unsent for the next run). */
export const SEND_TIMEOUT_MS = 30_000;

/**
 * A receiver `notify` sends to; `send` resolves once the receiver accepted the notification, and rejects with the
 * reason.
 */
export interface Channel {
  /** As `config set notify.<name>` calls it. */
  name: string;
  send(notification: Notification): Promise<void>;
}

/** Some channel did not accept its notifications: exit 3 (docs/design.md section 4.6); they stay unsent. */
export class ChannelError extends KakoError {
  constructor(message: string) {
    super(message, 3);
  }
}

/** The reason an error gives, in a line: a fetch failure's cause (ECONNREFUSED) rather than "fetch failed". */
export function reasonOf(error: unknown): string {
  const e = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === "TimeoutError" || e?.name === "AbortError") return `no answer within ${SEND_TIMEOUT_MS / 1000} s`;
  const cause = e?.cause?.code ?? e?.cause?.message;
  return `${e?.message ?? String(error)}${cause ? ` (${cause})` : ""}`;
}

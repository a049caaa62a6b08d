import type { AlertKey } from "../domain/notify/alerts.js";
import { Repository } from "./repository.js";

/** One alert to one channel, as the notifications table keys it (m008). */
export interface ChannelAlert extends AlertKey {
  channel: string;
}

type Row = [
  caseId: number,
  deadline: string,
  flag: string,
  channel: string,
  sentAt: string | null,
  owner: string | null,
  until: string | null,
];

const keyOf = (a: AlertKey): string => `${a.caseId}\u0000${a.deadline}\u0000${a.flag}`;

/**
 * What `notify` has sent (issue 27; docs/design.md section 4.9). Each run claims what it will
 * send in one short write (a lease with its owner and expiry), sends outside any transaction,
 * then marks each accepted one sent, so two runs at once never send one alert twice and a
 * write never waits on the network. Bookkeeping, not a user's change: nothing is journalled.
 */
export class NotificationState extends Repository {
  /**
   * In one IMMEDIATE write: forgets the alerts no longer current (so one that comes back is
   * sent again), then claims each current alert for each channel that has not sent it and
   * that no live run holds. Times are UTC ISO texts, compared as text.
   */
  claim(
    current: readonly AlertKey[],
    channels: readonly string[],
    owner: string,
    now: string,
    leaseUntil: string,
  ): ChannelAlert[] {
    return this.conn.write(() => {
      const rows = this.rows();
      const alerting = new Set(current.map(keyOf));
      const forget = this.db.prepare(
        "DELETE FROM notifications WHERE case_id = ? AND deadline = ? AND flag = ? AND channel = ?",
      );
      const held = new Set<string>();
      for (const [caseId, deadline, flag, channel, sentAt, leaseOwner, until] of rows) {
        const live = sentAt === null && leaseOwner !== null && until !== null && until > now;
        if (!alerting.has(keyOf({ caseId, deadline, flag })) && !live) forget.run(caseId, deadline, flag, channel);
        else if (sentAt !== null || live) held.add(`${keyOf({ caseId, deadline, flag })}\u0000${channel}`);
      }
      const take = this.db.prepare(
        `INSERT INTO notifications (case_id, deadline, flag, channel, sent_at, lease_owner, lease_until)
         VALUES (?, ?, ?, ?, NULL, ?, ?)
         ON CONFLICT DO UPDATE SET sent_at = NULL, lease_owner = excluded.lease_owner,
           lease_until = excluded.lease_until`,
      );
      const claimed: ChannelAlert[] = [];
      for (const channel of channels) {
        for (const a of current) {
          if (held.has(`${keyOf(a)}\u0000${channel}`)) continue;
          take.run(a.caseId, a.deadline, a.flag, channel, owner, leaseUntil);
          claimed.push({ caseId: a.caseId, deadline: a.deadline, flag: a.flag, channel });
        }
      }
      return claimed;
    });
  }

  /** What a dry run would send: the current alerts each channel has not sent (nothing is written). */
  unsent(current: readonly AlertKey[], channels: readonly string[]): ChannelAlert[] {
    const sent = new Set(
      this.conn
        .read(() => this.rows())
        .filter((r) => r[4] !== null)
        .map((r) => `${keyOf({ caseId: r[0], deadline: r[1], flag: r[2] })}\u0000${r[3]}`),
    );
    return channels.flatMap((channel) =>
      current.filter((a) => !sent.has(`${keyOf(a)}\u0000${channel}`)).map((a) => ({ ...a, channel })),
    );
  }

  /**
   * Marks alerts sent (their channel accepted them) or, with sentAt null, gives them back for the next run; only this
   * run's claims.
   */
  settle(alerts: readonly ChannelAlert[], owner: string, sentAt: string | null): void {
    if (alerts.length === 0) return;
    this.conn.write(() => {
      const update = this.db.prepare(
        `UPDATE notifications SET sent_at = ?, lease_owner = NULL, lease_until = NULL
         WHERE case_id = ? AND deadline = ? AND flag = ? AND channel = ? AND lease_owner = ?`,
      );
      const release = this.db.prepare(
        "DELETE FROM notifications WHERE case_id = ? AND deadline = ? AND flag = ? AND channel = ? AND lease_owner = ?",
      );
      for (const a of alerts) {
        if (sentAt === null) release.run(a.caseId, a.deadline, a.flag, a.channel, owner);
        else update.run(sentAt, a.caseId, a.deadline, a.flag, a.channel, owner);
      }
    });
  }

  private rows(): Row[] {
    return this.db
      .prepare("SELECT case_id, deadline, flag, channel, sent_at, lease_owner, lease_until FROM notifications")
      .raw()
      .all() as Row[];
  }
}

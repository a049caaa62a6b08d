import type { Notification } from "../domain/notify/texts.js";
import type { Channel } from "./channel.js";
import { post } from "./http.js";

/** A JSON POST of each notification (its `json`: case, order, item, flag, deadline, due, late, reason, next step). */
export function webhookChannel(url: string): Channel {
  return {
    name: "webhook",
    send: (n: Notification) => post(url, { "Content-Type": "application/json" }, JSON.stringify(n.json)),
  };
}

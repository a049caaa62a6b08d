import type { Notification } from "../domain/notify/texts.js";
import type { Channel } from "./channel.js";
import { post } from "./http.js";

/** HTTP headers carry ASCII: other text goes as an RFC 2047 encoded word, which ntfy decodes. */
export function headerText(text: string): string {
  const flat = text.replace(/[\r\n]+/g, " ");
  return /^[\x20-\x7e]*$/.test(flat) ? flat : `=?UTF-8?B?${Buffer.from(flat, "utf8").toString("base64")}?=`;
}

/** ntfy (https://docs.ntfy.sh/publish/): the message as the body, Title, Priority and Tags as headers. */
export function ntfyChannel(url: string, token: string | undefined): Channel {
  return {
    name: "ntfy",
    send: (n: Notification) =>
      post(
        url,
        {
          "Content-Type": "text/plain; charset=utf-8",
          Title: headerText(n.title),
          Priority: n.priority,
          Tags: headerText(n.tags.join(",")),
          ...(token ? { Authorization: `Bearer ${token}` } : {}),
        },
        n.message,
      ),
  };
}

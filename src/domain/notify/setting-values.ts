import { UsageError } from "../../errors.js";
import { parseChoice, parseInteger, parseText } from "../case/parse.js";

/**
 * The settings of `kakotrack notify` (issue 27), as rows of the settings table
 * (src/domain/settings.ts reads them in). Only their parsers live here: config, every
 * command's settings and export need them; what notify does with them loads with notify.
 */

/** An http(s) address of a notification receiver (an ntfy topic, a webhook). */
function parseReceiverUrl(text: string, what: string, example: string): string {
  const given = text.trim();
  let url: URL | undefined;
  try {
    url = new URL(given);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new UsageError(`${what}: "${text}" is not an http(s) address (e.g. ${example})`);
  }
  return parseText(given, what, "short");
}

/**
 * Apprise URLs (tgram://…, discord://…, mailto://…, json://…): scheme://something each, separated by
 * spaces or commas.
 */
export function parseAppriseUrls(text: string): string {
  const urls = text.split(/[\s,]+/).filter(Boolean);
  if (urls.length === 0)
    throw new UsageError("notify.apprise needs at least one Apprise URL (e.g. tgram://BOT_TOKEN/CHAT_ID)");
  for (const url of urls) {
    if (!/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(url)) {
      throw new UsageError(
        `notify.apprise: "${url}" is not an Apprise URL (scheme://…, e.g. tgram://BOT_TOKEN/CHAT_ID; see the ` +
          `Apprise wiki)`,
      );
    }
  }
  return parseText(urls.join(" "), "notify.apprise", "long");
}

/** The settings rows, in the shape of settings.ts's SettingSpec. */
export const NOTIFY_SETTING_SPECS = [
  {
    key: "notify-window",
    description: "hours before a return window closes that `notify` warns",
    default: "24",
    parse: (t: string) => String(parseInteger(t, "notify-window", 1, 240)),
  },
  {
    key: "notify-max",
    description: "notifications in one `notify` run before they become one summary",
    default: "10",
    parse: (t: string) => String(parseInteger(t, "notify-max", 1, 100)),
  },
  {
    key: "notify.desktop",
    description: "on: `notify` shows desktop notifications (notify-send, osascript or PowerShell)",
    default: "off",
    parse: (t: string) => parseChoice(t, ["on", "off"] as const, "notify.desktop"),
    local: true,
  },
  {
    key: "notify.ntfy",
    description: "an ntfy topic `notify` posts to (https://ntfy.sh/TOPIC or your own server)",
    default: "",
    parse: (t: string) => parseReceiverUrl(t, "notify.ntfy", "https://ntfy.sh/kakotrack-3f9a"),
    local: true,
  },
  {
    key: "notify.ntfy-token",
    description: "access token for the ntfy topic (Authorization: Bearer)",
    default: "",
    parse: (t: string) => parseText(t.trim(), "notify.ntfy-token", "short"),
    local: true,
    secret: true,
  },
  {
    key: "notify.apprise",
    description: "Apprise URLs `notify` sends through the apprise command (Telegram, Discord, email, …)",
    default: "",
    parse: parseAppriseUrls,
    local: true,
    secret: true,
  },
  {
    key: "notify.webhook",
    description: "an address `notify` POSTs each notification to as JSON (Home Assistant, n8n, …)",
    default: "",
    parse: (t: string) => parseReceiverUrl(t, "notify.webhook", "http://homeassistant.local:8123/api/webhook/ID"),
    local: true,
    secret: true,
  },
];

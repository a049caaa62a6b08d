import type { NotifyConfig } from "../domain/notify/config.js";
import { appriseChannel } from "./apprise.js";
import type { Channel } from "./channel.js";
import { desktopChannel } from "./desktop.js";
import { ntfyChannel } from "./ntfy.js";
import { webhookChannel } from "./webhook.js";

/** The channels the settings turn on, in a fixed order (the order they are sent to and named in). */
export function configuredChannels(config: NotifyConfig, platform: NodeJS.Platform, env: NodeJS.ProcessEnv): Channel[] {
  const channels: Channel[] = [];
  if (config.desktop) channels.push(desktopChannel(platform, env));
  if (config.ntfy) channels.push(ntfyChannel(config.ntfy, config.ntfyToken));
  if (config.apprise.length > 0) channels.push(appriseChannel(config.apprise));
  if (config.webhook) channels.push(webhookChannel(config.webhook));
  return channels;
}

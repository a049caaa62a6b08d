import { settingSpec } from "../config/settings.js";

/** notify's settings as it uses them (src/domain/notify/setting-values.ts declares and parses them). */
export interface NotifyConfig {
  windowHours: number;
  max: number;
  desktop: boolean;
  ntfy: string | undefined;
  ntfyToken: string | undefined;
  apprise: string[];
  webhook: string | undefined;
}

/** From the stored settings; a value that no longer parses reads as the default, as every setting does. */
export function notifyConfig(stored: ReadonlyMap<string, string>): NotifyConfig {
  const get = (key: string): string => {
    const spec = settingSpec(key);
    const value = stored.get(key);
    try {
      return value === undefined ? spec.default : spec.parse(value);
    } catch {
      return spec.default;
    }
  };
  const optional = (key: string): string | undefined => get(key) || undefined;
  return {
    windowHours: Number(get("notify-window")),
    max: Number(get("notify-max")),
    desktop: get("notify.desktop") === "on",
    ntfy: optional("notify.ntfy"),
    ntfyToken: optional("notify.ntfy-token"),
    apprise: get("notify.apprise").split(" ").filter(Boolean),
    webhook: optional("notify.webhook"),
  };
}

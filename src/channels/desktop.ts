import type { Notification } from "../domain/notify/texts.js";
import type { Channel } from "./channel.js";
import { runProgram } from "./command.js";

// Windows: a toast through PowerShell's own app id (an unregistered one shows nothing); the texts
// arrive in the environment, so nothing in them is ever read as code.
const TOAST = [
  "[Windows.UI.Notifications.ToastNotificationManager, Windows.UI.Notifications, ContentType = WindowsRuntime] > $null",
  "$t = [Windows.UI.Notifications.ToastNotificationManager]::GetTemplateContent(" +
    "[Windows.UI.Notifications.ToastTemplateType]::ToastText02)",
  "$x = $t.GetElementsByTagName('text')",
  "$x.Item(0).AppendChild($t.CreateTextNode($env:KAKOTRACK_TITLE)) > $null",
  "$x.Item(1).AppendChild($t.CreateTextNode($env:KAKOTRACK_MESSAGE)) > $null",
  "$id = '{1AC14E77-02E7-4E5D-B744-2EB1AE5198B7}\\WindowsPowerShell\\v1.0\\powershell.exe'",
  "[Windows.UI.Notifications.ToastNotificationManager]::CreateToastNotifier($id)" +
    ".Show([Windows.UI.Notifications.ToastNotification]::new($t))",
].join("; ");

/** The desktop's own notifications: notify-send (Linux, BSD), osascript (macOS), a PowerShell toast (Windows). */
export function desktopChannel(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): Channel {
  const send = (n: Notification): Promise<void> => {
    if (platform === "darwin") {
      // The texts as arguments of the script's run handler, not spliced into its source.
      const script = ["on run argv", "display notification (item 2 of argv) with title (item 1 of argv)", "end run"];
      return runProgram(
        "osascript",
        [...script.flatMap((line) => ["-e", line]), n.title, n.message],
        "it comes with macOS",
        env,
      );
    }
    if (platform === "win32") {
      return runProgram(
        "powershell.exe",
        ["-NoProfile", "-NonInteractive", "-Command", TOAST],
        "it comes with Windows",
        {
          ...env,
          KAKOTRACK_TITLE: n.title,
          KAKOTRACK_MESSAGE: n.message,
        },
      );
    }
    const urgency = n.priority === "high" ? "critical" : "normal";
    return runProgram(
      "notify-send",
      ["-a", "kakotrack", "-u", urgency, n.title, n.message],
      "Debian/Ubuntu: sudo apt install libnotify-bin; Fedora: sudo dnf install libnotify",
      env,
    );
  };
  return { name: "desktop", send };
}

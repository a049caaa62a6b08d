import type { Notification } from "../domain/notify/texts.js";
import type { Channel } from "./channel.js";
import { runProgram } from "./command.js";

/** Through the `apprise` command (https://github.com/caronc/apprise): any service it knows, by its URLs. */
export function appriseChannel(urls: readonly string[]): Channel {
  return {
    name: "apprise",
    send: (n: Notification) =>
      runProgram(
        "apprise",
        ["-v", "-t", n.title, "-b", n.message, "-n", n.priority === "high" ? "warning" : "info", ...urls],
        "Debian/Ubuntu: sudo apt install apprise; elsewhere: pipx install apprise",
      ),
  };
}

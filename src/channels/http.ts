import { SEND_TIMEOUT_MS } from "./channel.js";

/** POSTs with Node's own fetch; resolves on a 2xx answer, else rejects saying what the server answered. */
export async function post(url: string, headers: Record<string, string>, body: string): Promise<void> {
  let answer: Response;
  try {
    answer = await fetch(url, {
      method: "POST",
      headers,
      body,
      signal: AbortSignal.timeout(SEND_TIMEOUT_MS),
      redirect: "error",
    });
  } catch (error) {
    const e = error as { name?: string; cause?: { code?: string } };
    if (e.name === "TimeoutError") throw error;
    throw new Error(`cannot reach ${new URL(url).host}${e.cause?.code ? ` (${e.cause.code})` : ""}`);
  }
  // Read the answer whole, so the connection is released before the next send.
  const text = await answer.text().catch(() => "");
  if (!answer.ok)
    throw new Error(
      `${new URL(url).host} answered ${answer.status} ` +
        `${answer.statusText}${text ? `: ${text.trim().split("\n")[0]!.slice(0, 200)}` : ""}`,
    );
}

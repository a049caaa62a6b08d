// `npm run backtest`: the provisional calendar's rules measured against the official schedules
// of 2015-2026, each year predicted without its own notice (src/domain/calendar/backtest.ts; the figures
// and how to read them are in docs/calendar.md). Bundles the domain modules in memory and runs them.
import { build } from "esbuild";

const root = new URL("..", import.meta.url).pathname;
const entry = `
  import data from "chinese-days/dist/chinese-days.json" with { type: "json" };
  import { backtest, renderBacktest } from "./src/domain/calendar/backtest.ts";
  import { cnLunarFacts } from "./src/domain/calendar/cn-lunar.ts";
  import { filesFromPackage } from "./src/domain/calendar/holiday-file.ts";
  const years = Array.from({ length: 12 }, (_, i) => 2015 + i);
  process.stdout.write(renderBacktest(backtest(filesFromPackage(data), cnLunarFacts, years)));
`;
const { outputFiles } = await build({
  stdin: { contents: entry, resolveDir: root, loader: "ts" },
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  write: false,
  logLevel: "warning",
});
await import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString("base64")}`);

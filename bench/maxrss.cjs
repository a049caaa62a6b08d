// Loaded with --require in the bench's untimed memory runs: writes the process's peak
// resident set size (KiB) where the bench reads it.
const { writeFileSync } = require("node:fs");
process.on("exit", () => writeFileSync(process.env.KAKOTRACK_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));

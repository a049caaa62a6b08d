// Run by store.test.ts in a Node started with --expose-gc (the only way to have gc(): the flag
// cannot be switched on in a running process). Prints what the collector took, as JSON. Its
// database goes in the folder named by its argument, which the test makes and removes.
import { join } from "node:path";
import { openStore } from "../fixtures.js";

const gc = globalThis.gc;
if (gc === undefined) throw new Error("start this probe with node --expose-gc");
const dir = process.argv.at(-1)!;
const collected: string[] = [];
const registry = new FinalizationRegistry<string>((what) => collected.push(what));
await (async () => {
  const store = openStore(join(dir, "k.db"));
  registry.register(store.db.prepare("SELECT 1"), "a statement");
  const iterator = store.db.prepare("SELECT id FROM cases").iterate();
  registry.register(iterator, "an iterator");
  iterator.return?.();
  store.db.pragma("user_version"); // prepared inside better-sqlite3
  await store.db.backup(join(dir, "copy.db"));
  registry.register(store.db, "a closed connection");
  registry.register(store, "the store");
  store.close();
})();
for (let i = 0; i < 3 && !collected.includes("the store"); i++) {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 10));
}
process.stdout.write(JSON.stringify(collected));

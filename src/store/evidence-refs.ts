import { readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { evidenceDir, storedFilePath } from "./evidence-files.js";
import { Repository } from "./repository.js";

/** A file in the evidence store that no case refers to. */
export interface UnusedFile {
  path: string;
  size: number;
  /** A change that undo can still revert refers to it (a removed case, an earlier attach): kept for that. */
  heldForUndo: boolean;
  /** Not named by a sha256: a copy that was interrupted before it was renamed into place. */
  partial: boolean;
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Which stored files the cases (and the undo journal) still refer to. */
export class EvidenceRefs extends Repository {
  /** The hashes of `candidates` that a case's evidence, or the snapshot of an undoable change, names. */
  private inUse(candidates: readonly string[]): { byCases: Set<string>; byJournal: Set<string> } {
    const wanted = new Set(candidates);
    const byCases = new Set<string>();
    for (const sha256 of this.db
      .prepare("SELECT DISTINCT sha256 FROM evidence WHERE sha256 IS NOT NULL")
      .pluck()
      .all() as string[]) {
      if (wanted.has(sha256)) byCases.add(sha256);
    }
    const byJournal = new Set<string>();
    const rest = candidates.filter((h) => !byCases.has(h));
    if (rest.length > 0) {
      for (const before of this.db
        .prepare("SELECT before FROM changes WHERE before IS NOT NULL")
        .pluck()
        .iterate() as IterableIterator<string>) {
        for (const h of rest) if (before.includes(h)) byJournal.add(h);
      }
    }
    return { byCases, byJournal };
  }

  /**
   * Removes the stored copies of `hashes` that nothing refers to any more: called after an
   * undo has committed, never inside it (a failed undo must not lose a file). It runs under
   * the write lock, and attaching checks its copies under that lock too, so a copy another
   * process is attaching at the same moment is never taken away from it.
   */
  release(hashes: readonly string[]): void {
    if (hashes.length === 0) return;
    this.conn.write(() => {
      const { byCases, byJournal } = this.inUse(hashes);
      for (const h of hashes) {
        if (byCases.has(h) || byJournal.has(h)) continue;
        // A copy that cannot be removed stays as an unused file, which doctor reports.
        rmSync(storedFilePath(this.conn.path, h), { force: true });
      }
    });
  }

  /** Files in the evidence store that no case refers to, for doctor. */
  unused(): UnusedFile[] {
    const dir = evidenceDir(this.conn.path);
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch (error) {
      if ((error as { code?: string }).code === "ENOENT") return [];
      throw error;
    }
    const files = names.flatMap((name) => {
      const path = join(dir, name);
      const stats = statSync(path, { throwIfNoEntry: false });
      return stats?.isFile() ? [{ name, path, size: stats.size }] : [];
    });
    return this.conn.read(() => {
      const { byCases, byJournal } = this.inUse(files.filter((f) => SHA256.test(f.name)).map((f) => f.name));
      return files
        .filter((f) => !byCases.has(f.name))
        .map((f) => ({
          path: f.path,
          size: f.size,
          heldForUndo: byJournal.has(f.name),
          partial: !SHA256.test(f.name),
        }));
    });
  }
}

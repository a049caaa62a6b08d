import { Repository } from "./repository.js";

/** What an interrupted interactive add had typed: not a change, so not journalled. */
export class DraftRepository extends Repository {
  save(data: string, savedAt: string): void {
    const { db } = this;
    this.conn.write(() => {
      db.prepare("DELETE FROM drafts").run();
      db.prepare("INSERT INTO drafts (data, saved_at) VALUES (?, ?)").run(data, savedAt);
    });
  }

  latest(): { data: string; savedAt: string } | undefined {
    const { db } = this;
    return this.conn.read(
      () =>
        db.prepare("SELECT data, saved_at AS savedAt FROM drafts ORDER BY id DESC LIMIT 1").get() as
          | { data: string; savedAt: string }
          | undefined,
    );
  }

  discard(): void {
    this.conn.write(() => this.db.prepare("DELETE FROM drafts").run());
  }
}

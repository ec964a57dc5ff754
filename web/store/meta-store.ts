import type Database from 'better-sqlite3';

/** Small settings the service keeps between starts (the last queue event it recorded). */
export class MetaStore {
  constructor(private readonly db: Database.Database) {}

  get(key: string): string | undefined {
    return (this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  }

  set(key: string, value: string): void {
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }
}

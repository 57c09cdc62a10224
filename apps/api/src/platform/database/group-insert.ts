interface Waiting<T> {
  row: T;
  written: () => void;
  failed: (error: Error) => void;
}

import { MAX_ROWS_PER_INSERT } from './write-statement';

/**
 * Group commit: rows added while an earlier INSERT is in flight are written together in one
 * INSERT when it returns. Under load every caller still waits for its own row, but they share
 * the round trip. A row the database refuses does not fail the others (they are written one by
 * one); an unreachable database fails the whole group at once.
 */
export class GroupInsert<T> {
  private waiting: Waiting<T>[] = [];
  private writing = false;

  constructor(private readonly insert: (rows: T[]) => Promise<unknown>) {}

  /** Resolves once the row is stored. */
  add(row: T): Promise<void> {
    return new Promise((written, failed) => {
      this.waiting.push({ row, written, failed });
      if (!this.writing) void this.writeWaiting();
    });
  }

  private async writeWaiting(): Promise<void> {
    this.writing = true;
    try {
      await this.drain();
    } finally {
      this.writing = false;
    }
  }

  private async drain(): Promise<void> {
    while (this.waiting.length > 0) {
      const group = this.waiting.splice(0, MAX_ROWS_PER_INSERT);
      try {
        await this.insert(group.map((waiting) => waiting.row));
        for (const waiting of group) waiting.written();
      } catch (error) {
        if (!refusedData(error) || group.length === 1) {
          for (const waiting of group) waiting.failed(error as Error);
          continue;
        }
        for (const waiting of group) {
          await this.insert([waiting.row]).then(waiting.written, waiting.failed);
        }
      }
    }
  }
}

/** SQLSTATE class 22 (data exception) or 23 (integrity): a refused value, not a failing database. */
function refusedData(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}

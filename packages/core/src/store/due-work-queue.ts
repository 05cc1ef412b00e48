/** One entry of the due queue; valid while its work still carries the same `stamp`. */
export interface DueEntry {
  readonly at: number;
  readonly seq: number;
  readonly id: string;
  readonly stamp: number;
}

/**
 * ENQUEUED works ordered by (nextRunAt, insertion order), as a binary min-heap with lazy
 * deletion: a work whose row changes gets a new entry with a new stamp, and entries whose stamp
 * no longer matches are dropped when they surface. Finding due work costs O(k log n) instead of
 * a scan of every ENQUEUED work.
 */
export class DueWorkQueue {
  private heap: DueEntry[] = [];

  constructor(private readonly isCurrent: (entry: DueEntry) => boolean) {}

  get size(): number {
    return this.heap.length;
  }

  push(entry: DueEntry): void {
    const heap = this.heap;
    heap.push(entry);
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(heap[i]!, heap[parent]!)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  /** The earliest current entry, dropping stale ones on the way; undefined if none. */
  peek(): DueEntry | undefined {
    while (this.heap.length > 0 && !this.isCurrent(this.heap[0]!)) this.pop();
    return this.heap[0];
  }

  /** Removes and returns the earliest current entry. */
  take(): DueEntry | undefined {
    const top = this.peek();
    if (top) this.pop();
    return top;
  }

  /** Replaces every entry (compaction when stale entries pile up). */
  rebuild(entries: readonly DueEntry[]): void {
    this.heap = [];
    for (const entry of entries) this.push(entry);
  }

  private pop(): void {
    const heap = this.heap;
    const last = heap.pop()!;
    if (heap.length === 0) return;
    heap[0] = last;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let smallest = i;
      if (left < heap.length && before(heap[left]!, heap[smallest]!)) smallest = left;
      if (right < heap.length && before(heap[right]!, heap[smallest]!)) smallest = right;
      if (smallest === i) break;
      [heap[i], heap[smallest]] = [heap[smallest]!, heap[i]!];
      i = smallest;
    }
  }
}

function before(a: DueEntry, b: DueEntry): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq);
}

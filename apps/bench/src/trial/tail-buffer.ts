/** Keeps the last `limit` bytes of a stream (a child's stderr) without buffering all of it. */
export class TailBuffer {
  private chunks: Buffer[] = [];
  private size = 0;

  constructor(private readonly limit = 16 * 1024) {}

  push(chunk: Buffer | string): void {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    this.chunks.push(b);
    this.size += b.length;
    while (this.size - this.chunks[0].length >= this.limit) this.size -= this.chunks.shift()!.length;
  }

  /** The last `lines` lines of what was kept. */
  text(lines = 40): string {
    const all = Buffer.concat(this.chunks).toString('utf8');
    const cut = all.length > this.limit ? all.slice(all.length - this.limit) : all;
    return cut
      .split('\n')
      .slice(-lines - 1)
      .join('\n')
      .trimEnd();
  }
}

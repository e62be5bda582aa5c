/**
 * The lines of a file, read in chunks. A results log outgrows the longest string V8 can hold (about 512 MB): the
 * KIBA study's log passed 860 MB at 181 of its 640 trials (a tag trial at 176 tasks records 16 MB of details), and
 * reading it as one string failed with ERR_STRING_TOO_LONG — resume and reports with it. Lines are cut on the
 * newline byte and decoded after the cut, so a UTF-8 character split by a chunk boundary stays whole. A last line
 * without a newline (a write cut short by a kill) is yielded too; the caller judges it.
 */
import { closeSync, openSync, readSync } from 'node:fs';

export function* readLines(file: string, chunkBytes = 1 << 24): Generator<string> {
  const fd = openSync(file, 'r');
  try {
    const chunk = Buffer.allocUnsafe(chunkBytes);
    let carry: Buffer[] = [];
    for (;;) {
      const n = readSync(fd, chunk, 0, chunkBytes, null);
      if (n === 0) break;
      let start = 0;
      for (let nl = chunk.indexOf(10, start); nl !== -1 && nl < n; nl = chunk.indexOf(10, start)) {
        yield Buffer.concat([...carry, chunk.subarray(start, nl)]).toString('utf8');
        carry = [];
        start = nl + 1;
      }
      if (start < n) carry.push(Buffer.from(chunk.subarray(start, n)));
    }
    if (carry.length) yield Buffer.concat(carry).toString('utf8');
  } finally {
    closeSync(fd);
  }
}

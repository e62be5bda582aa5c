import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../testing/suite-files.ts';
import { readLines } from './read-lines.ts';

describe('readLines', () => {
  it('gives the lines of split("\\n") at any chunk size, multi-byte characters cut by a chunk boundary whole', () => {
    const text = ['{"a":"Δ test ROC-AUC − alone"}', '', 'x'.repeat(50), '{"b":"λ→∞ 日本"}', 'torn {"c"'].join('\n');
    const file = join(tempDir('tb-lines-'), 'log.jsonl');
    writeFileSync(file, text);
    for (const size of [1, 2, 3, 5, 7, 64, 1 << 16]) expect([...readLines(file, size)], `chunk ${size}`).toEqual(text.split('\n'));
    writeFileSync(file, `${text}\n`);
    expect([...readLines(file, 4)]).toEqual(text.split('\n')); // a final newline ends the last line, no empty line after it
    writeFileSync(file, '');
    expect([...readLines(file)]).toEqual([]);
  });
});

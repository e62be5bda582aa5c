/** The conclusion: the claim's sentences grouped by dataset, the verdict in bold where the sentence states it, escaped. */
import { describe, expect, it } from 'vitest';
import type { ClaimPart } from './claim.ts';
import { conclusionHtml, conclusionMarkdown } from './conclusion.ts';

const methods = { statistical: 'learning-curve', computational: 'tag' };
const parts: ClaimPart[] = [
  {
    dataset: 'kiba12',
    part: 'contextual power',
    verdict: 'confirmed',
    sentence: 'On kiba12, learning-curve reaches more contextual power than tag: confirmed — 0.80 [0.70, 0.87] against 0.40 …',
  },
  {
    dataset: 'kiba12',
    part: 'cost',
    verdict: 'undecided',
    sentence: 'On kiba12, learning-curve costs more compute than tag: undecided — 3.0×.',
  },
  {
    dataset: 'd<2>',
    part: 'pairwise power',
    verdict: 'not measured',
    sentence: 'On d<2>, pairwise power: not measured for tag (no rung with p-values and FPR within α).',
  },
];

describe('study conclusion', () => {
  it('groups the sentences by dataset with the verdict in bold (Markdown)', () => {
    const md = conclusionMarkdown(parts, methods).split('\n');
    expect(md[0]).toBe('## Conclusion');
    expect(md).toContain(
      '- On kiba12, learning-curve reaches more contextual power than tag: **confirmed** — 0.80 [0.70, 0.87] against 0.40 …',
    );
    expect(md).toContain('- On kiba12, learning-curve costs more compute than tag: **undecided** — 3.0×.');
    expect(md).toContain('### d&lt;2&gt;');
    expect(md).toContain('- On d&lt;2&gt;, pairwise power: **not measured** for tag (no rung with p-values and FPR within α).');
    expect(md.indexOf('### kiba12')).toBeLessThan(md.indexOf('### d&lt;2&gt;'));
  });

  it('marks each part and its verdict in HTML, escaped', () => {
    const html = conclusionHtml(parts, methods);
    expect(html).toContain(
      '<li data-part="cost" data-verdict="undecided">On kiba12, learning-curve costs more compute than tag: <b>undecided</b> — 3.0×.</li>',
    );
    expect(html).toContain('<h3>d&lt;2&gt;</h3>');
    expect(html).not.toContain('d<2>');
  });

  it('says so when no part could be judged', () => {
    expect(conclusionMarkdown([], methods)).toContain(
      'No part of the claim could be judged: the run has no dataset with rows of both learning-curve and tag.',
    );
  });
});

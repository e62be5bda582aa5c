/**
 * The study's answer, first on its page: the claim's parts (claim.ts) grouped by dataset, each sentence with its
 * verdict in bold. A sentence states its verdict after the first ": " of its claim ("…: confirmed — numbers"), and
 * that occurrence is the one emphasised; the text around it is escaped like every other text from results.
 */
import { esc, mdText } from './markup.ts';
import type { ClaimMethods, ClaimPart } from './claim.ts';

function byDataset(parts: readonly ClaimPart[]): Map<string, ClaimPart[]> {
  const out = new Map<string, ClaimPart[]>();
  for (const p of parts) out.set(p.dataset, [...(out.get(p.dataset) ?? []), p]);
  return out;
}

/** The sentence split around its verdict (`before`, verdict, `after`); the verdict leads when the sentence does not state it. */
function around(p: ClaimPart): [string, string, string] {
  const at = p.sentence.indexOf(`: ${p.verdict}`);
  return at < 0
    ? ['', p.verdict, ` — ${p.sentence}`]
    : [p.sentence.slice(0, at + 2), p.verdict, p.sentence.slice(at + 2 + p.verdict.length)];
}

const lead = (m: ClaimMethods) =>
  `The claim: ${m.statistical} costs considerably more compute than ${m.computational} but reaches more power. ` +
  'Each part is judged at this study’s budgets: confirmed or refuted when the 95 % intervals separate, undecided when they do not ' +
  '(power: the difference of pooled proportions, Newcombe’s interval, rungs with FPR above α left out; cost: CPU-s per estimate ' +
  'at each method’s most powerful rung, or at the top of each ladder where one method’s power does not count). Its third part, broader applicability, is not a quantity this study measures.';

const none = (m: ClaimMethods) =>
  `No part of the claim could be judged: the run has no dataset with rows of both ${m.statistical} and ${m.computational}.`;

export function conclusionMarkdown(parts: readonly ClaimPart[], methods: ClaimMethods): string {
  const out = ['## Conclusion', '', mdText(lead(methods)), ''];
  if (!parts.length) out.push(mdText(none(methods)), '');
  for (const [dataset, list] of byDataset(parts)) {
    out.push(`### ${mdText(dataset)}`, '');
    for (const p of list) {
      const [a, v, b] = around(p);
      out.push(`- ${mdText(a)}**${mdText(v)}**${mdText(b)}`);
    }
    out.push('');
  }
  return out.join('\n');
}

export function conclusionHtml(parts: readonly ClaimPart[], methods: ClaimMethods): string {
  const out = ['<h2 id="study-conclusion">Conclusion</h2>', `<p class="lead">${esc(lead(methods))}</p>`];
  if (!parts.length) out.push(`<p class="note">${esc(none(methods))}</p>`);
  for (const [dataset, list] of byDataset(parts)) {
    out.push(`<h3>${esc(dataset)}</h3>`, '<ul class="claim">');
    for (const p of list) {
      const [a, v, b] = around(p);
      out.push(`<li data-part="${esc(p.part)}" data-verdict="${esc(p.verdict)}">${esc(a)}<b>${esc(v)}</b>${esc(b)}</li>`);
    }
    out.push('</ul>');
  }
  return out.join('\n');
}

/**
 * The study page's blocks in both formats: a table (Markdown and HTML), escaped text. HTML is escaped as the
 * reporters escape their pages (their `escapeHtml`); Markdown shows `&`, `<`, `>` as entities (raw HTML in a
 * plugin name or a path is shown, never rendered) and escapes `|` in table cells so a value cannot add a column.
 */
import { escapeHtml as esc } from '@transferbench/reporters';

export interface Table {
  head: string[];
  rows: string[][];
  /** columns aligned right (numbers) */
  numeric?: number[];
}

export { esc };

export const mdText = (s: string): string => s.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);

export const mdCell = (s: string): string => mdText(s).replace(/\|/g, '\\|').replace(/\s+/g, ' ');

export function tableMd(t: Table): string {
  const align = t.head.map((_, i) => (t.numeric?.includes(i) ? '---:' : '---'));
  return [t.head, align, ...t.rows].map((r, k) => `| ${(k === 1 ? r : r.map(mdCell)).join(' | ')} |`).join('\n');
}

/** `data-table` names the table for tests and readers (e.g. `protocol-datasets`, `compute`). */
export function tableHtml(t: Table, name: string): string {
  const cell = (tag: 'th' | 'td', v: string, i: number) =>
    `<${tag}${t.numeric?.includes(i) ? (tag === 'th' ? ' data-type="number"' : ' class="num"') : ''}>${esc(v)}</${tag}>`;
  return (
    `<div class="table-wrap"><table class="ranking study" data-table="${esc(name)}">` +
    `<thead><tr>${t.head.map((h, i) => cell('th', h, i)).join('')}</tr></thead>` +
    `<tbody>${t.rows.map((r) => `<tr>${r.map((v, i) => cell('td', v, i)).join('')}</tr>`).join('')}</tbody></table></div>`
  );
}

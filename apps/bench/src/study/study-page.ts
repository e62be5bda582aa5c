/**
 * A study's report: the leaderboard of its run, headed by a preamble that gives the answer first — the claim's
 * verdicts (conclusion.ts) — then the protocol (protocol.ts), the contextual truth in a second metric
 * (second-metric.ts) and where the compute went (compute.ts). Written into
 * one folder meant to be committed (e.g. docs/studies/kiba/): `index.html` (self-contained: inline CSS and SVG
 * figures), `README.md` (the same text for a repository browser) and `numbers.json` (numbers.ts: what a check
 * compares with a fresh run). The pages come from the registered `html` and `leaderboard` reporters, as
 * `transferbench report` renders them, with the preamble and a title; the results data never enter the folder.
 */
import { join, resolve } from 'node:path';
import type { ReportBundle } from '@transferbench/reporters';
import type { PluginHost } from '../plugins/host.ts';
import type { Suite } from '../suite/suite-schema.ts';
import { writeFileAtomic } from '../store/results-dir.ts';
import { studyClaim, type ClaimMethods } from './claim.ts';
import { computeBreakdown, computeHtml, computeMarkdown } from './compute.ts';
import { conclusionHtml, conclusionMarkdown } from './conclusion.ts';
import { studyNumbers, type StudyNumbers } from './numbers.ts';
import { protocolHtml, protocolMarkdown, studyProtocol } from './protocol.ts';
import { secondMetricHtml, secondMetricMarkdown, secondMetricTruths } from './second-metric.ts';

export const STUDY_FILES = { html: 'index.html', md: 'README.md', numbers: 'numbers.json' } as const;

export interface StudyPageInput {
  bundle: ReportBundle;
  /** the suite as run (run.json), restricted to the datasets that ran */
  suite: Suite;
  /** dataset entries (groups) of the suite that were left out of the run (`run --datasets`) */
  notRun?: string[];
  /** the commands that made it (the runs, then the report), shown in the protocol */
  commands?: string[];
  host: PluginHost;
  methods: ClaimMethods;
  out: string;
}

export interface StudyPage {
  /** file name in the study folder (STUDY_FILES) → content */
  contents: Record<(typeof STUDY_FILES)[keyof typeof STUDY_FILES], string>;
  numbers: StudyNumbers;
}

export interface StudyPageOutcome {
  /** absolute paths written */
  files: string[];
  numbers: StudyNumbers;
}

/** The report's files in memory: `study-report --check` compares them with the committed ones, writing nothing. */
export async function renderStudyPage(o: Omit<StudyPageInput, 'out'>): Promise<StudyPage> {
  const { bundle, suite } = o;
  const summary = bundle.summary;
  const study = summary.suite.name;
  const claim = studyClaim(summary, o.methods);
  const protocol = studyProtocol(suite, summary, o.notRun, o.commands);
  const compute = computeBreakdown(suite, bundle.trials, summary.truths);
  const second = secondMetricTruths(summary, bundle.trials);
  const title = `${study} — study report`;
  const preamble = {
    html: [conclusionHtml(claim, o.methods), protocolHtml(protocol), secondMetricHtml(second, summary), computeHtml(compute)].join('\n'),
    md: [
      conclusionMarkdown(claim, o.methods),
      protocolMarkdown(protocol),
      secondMetricMarkdown(second, summary),
      computeMarkdown(compute),
    ].join('\n'),
  };
  const render = async (name: 'html' | 'leaderboard', file: string, text: string) => {
    const reporter = o.host.registries.reporters.get(name);
    const options = reporter.options ? reporter.options.parse({ file, title, preamble: text }) : {};
    const [page] = await reporter.render(bundle, options);
    return typeof page.content === 'string' ? page.content : new TextDecoder().decode(page.content);
  };
  const numbers = studyNumbers(study, summary, claim, compute, second);
  return {
    contents: {
      [STUDY_FILES.html]: await render('html', STUDY_FILES.html, preamble.html),
      [STUDY_FILES.md]: await render('leaderboard', STUDY_FILES.md, preamble.md),
      [STUDY_FILES.numbers]: `${JSON.stringify(numbers, null, 2)}\n`,
    },
    numbers,
  };
}

export async function writeStudyPage(o: StudyPageInput): Promise<StudyPageOutcome> {
  const { contents, numbers } = await renderStudyPage(o);
  const outDir = resolve(o.out);
  const files = Object.entries(contents).map(([name, content]) => {
    const file = join(outDir, name);
    writeFileAtomic(file, content);
    return file;
  });
  return { files, numbers };
}

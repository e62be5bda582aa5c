/**
 * What these reporters render: the bench's ResultsBundle, plus — when `transferbench report` merged several
 * results folders — where each part came from and whether an incompatible merge was forced. A plain
 * `transferbench run` passes no `merge`; reporters then describe the one run.
 */
import type { ResultsBundle } from '@transferbench/core';

export interface MergedRun {
  /** the results folder as given on the command line */
  dir: string;
  suite: { name: string; hash: string };
  schemaVersion: number;
  /** commits of the run's sessions (start and resumes), unknown ones left out */
  gitShas: string[];
  /** trial records (latest per trial id) it contributed */
  trials: number;
}

export interface MergeInfo {
  runs: MergedRun[];
  /** true when the runs were incompatible (see `conflicts`) and merged anyway with --force */
  forced: boolean;
  /** what made them incompatible, e.g. "suite hash differs: a1 (x/), b2 (y/)" */
  conflicts: string[];
  /** trial ids present in more than one run (the latest finished record was kept) */
  duplicateTrials: number;
}

export interface ReportBundle extends ResultsBundle {
  merge?: MergeInfo;
}

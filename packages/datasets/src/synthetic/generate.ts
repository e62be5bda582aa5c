/**
 * The synthetic planted-transfer data set: chemotype fingerprints, family / independent / control
 * tasks, thresholded noisy labels with DTI-like missingness, and the planted truth in `meta.planted`.
 * Every random draw comes from a named stream of the seed (per family, per task), so adding a task
 * does not change the others' functions.
 */
import { Rng, parseOptions, validateDataset, type MultiTaskDataset, type TaskInfo } from '@transferbench/core';
import { generateFingerprints } from './fingerprints.ts';
import { bindingScores, mix, orthonormalise } from './scores.ts';
import { cleanPositiveFraction, flipLabels, labelledSubset, thresholdTop } from './labels.ts';
import { syntheticOptionsSchema, type SyntheticOptions, type SyntheticOptionsInput } from './options.ts';

interface TaskPlan {
  info: TaskInfo;
  /** family index, or −1 */
  family: number;
  kind: 'family' | 'independent' | 'control';
  /** for controls: index of the task whose labels are permuted */
  source?: number;
}

const pad = (i: number, n: number) => String(i).padStart(String(Math.max(n - 1, 0)).length, '0');

function planTasks(o: SyntheticOptions): TaskPlan[] {
  const plan: TaskPlan[] = [];
  const familyStart: number[] = [];
  o.families.forEach((size, f) => {
    familyStart.push(plan.length);
    for (let m = 0; m < size; m++) {
      plan.push({ info: { id: `fam${f}-${m}`, name: `family ${f}, member ${m}`, group: `fam${f}` }, family: f, kind: 'family' });
    }
  });
  const independentStart = plan.length;
  for (let i = 0; i < o.independent; i++) {
    plan.push({ info: { id: `indep${i}`, name: `independent ${i}`, group: null }, family: -1, kind: 'independent' });
  }
  for (let c = 0; c < o.controls; c++) {
    // Spread controls over families (then over members); without families, over independent tasks.
    const F = o.families.length;
    const source = F > 0 ? familyStart[c % F] + (Math.floor(c / F) % o.families[c % F]) : independentStart + (c % o.independent);
    plan.push({
      info: { id: `control${c}`, name: `control ${c} (labels of ${plan[source].info.id} permuted over compounds)`, group: null },
      family: -1,
      kind: 'control',
      source,
    });
  }
  return plan;
}

/** Builds the data set from already-parsed options (see `generateSynthetic` for raw input). */
export function buildSynthetic(o: SyntheticOptions): MultiTaskDataset {
  const rng = new Rng(o.seed);
  const N = o.compounds;
  // the held-out test compounds come after the N pool compounds, from the same streams (with none, the data
  // are those of earlier versions draw for draw)
  const total = N + o.testCompounds;
  const fp = generateFingerprints({ ...o, compounds: total }, rng.stream('fingerprints'));
  const plan = planTasks(o);
  const K = plan.length;
  const binding = (stream: string) => bindingScores(fp.features, fp.chemotype, o.chemotypes, fp.fragments, o, rng.stream(stream));
  // Family functions first, then each non-control task's own function, made exactly uncorrelated over the
  // compounds: siblings then have score correlation exactly ρ², independent tasks exactly 0 (a finite
  // number of chemotypes would otherwise give random functions chance correlations of ±1/√chemotypes).
  const ownOf: number[] = plan.map(() => -1);
  const base = o.families.map((_, f) => binding(`family/${f}`));
  plan.forEach((t, k) => {
    if (t.kind !== 'control') ownOf[k] = base.push(binding(`task/${t.info.id}/function`)) - 1;
  });
  const functions = orthonormalise(base);
  const own = Math.sqrt(Math.max(0, 1 - o.rho * o.rho));
  const q = cleanPositiveFraction(o.positiveRate, o.labelNoise);

  // Full (unmasked) noisy labels of every non-control task, then per-task measured subsets.
  const full: (Int8Array | null)[] = plan.map((t, k) => {
    if (t.kind === 'control') return null;
    const ownScore = functions[ownOf[k]];
    const score = t.kind === 'family' ? mix(o.rho, functions[t.family], own, ownScore) : ownScore;
    return flipLabels(thresholdTop(score, q), o.labelNoise, rng.stream(`task/${t.info.id}/noise`));
  });
  const labels = new Int8Array(total * K).fill(-1);
  // labels per task: labelsPerTask, or drawn from [labelsPerTaskMin, labelsPerTask]; a control keeps its source's count
  const drawn = plan.map((t) =>
    o.labelsPerTaskMin === undefined
      ? o.labelsPerTask
      : rng.stream(`task/${t.info.id}/label-count`).int(o.labelsPerTaskMin, o.labelsPerTask),
  );
  const count = plan.map((t, k) => (t.kind === 'control' ? drawn[t.source!] : drawn[k]));
  const measured = plan.map((t, k) => labelledSubset(N, count[k], rng.stream(`task/${t.info.id}/measured`)));
  plan.forEach((t, k) => {
    if (t.kind !== 'control') {
      for (const r of measured[k]) labels[r * K + k] = full[k]![r];
      return;
    }
    // Control: the source's measured label values, randomly permuted onto the control's own compounds —
    // same label counts, no relation to the fingerprints (a true null as a target).
    const src = t.source!;
    const values = Int8Array.from(measured[src], (r) => labels[r * K + src]);
    rng.stream(`task/${t.info.id}/permutation`).shuffle(values);
    measured[k].forEach((r, i) => (labels[r * K + k] = values[i]));
  });
  // the held-out test sample: every task labelled (a control gets its source's held-out labels, permuted)
  if (o.testCompounds > 0) {
    plan.forEach((t, k) => {
      if (t.kind !== 'control') for (let r = N; r < total; r++) labels[r * K + k] = full[k]![r];
    });
    plan.forEach((t, k) => {
      if (t.kind !== 'control') return;
      const values = Int8Array.from({ length: o.testCompounds }, (_, i) => labels[(N + i) * K + t.source!]);
      rng.stream(`task/${t.info.id}/test-permutation`).shuffle(values);
      values.forEach((v, i) => (labels[(N + i) * K + k] = v));
    });
  }

  const ds: MultiTaskDataset = {
    name: 'synthetic',
    tasks: plan.map((t) => t.info),
    samples: Array.from({ length: total }, (_, r) => ({
      id: `cpd${pad(r, total)}`,
      scaffold: `chemotype${pad(fp.chemotype[r], o.chemotypes)}`,
    })),
    features: fp.features,
    labels,
    meta: {
      source: 'synthetic',
      ...(o.testCompounds > 0 ? { heldOutTest: { from: N, to: total } } : {}),
      description:
        `planted-transfer data: ${N} compounds in ${o.chemotypes} chemotypes, ${o.dim}-bit fingerprints; ` +
        (o.testCompounds > 0 ? `plus ${o.testCompounds} held-out test compounds labelled for every task; ` : '') +
        `families ${JSON.stringify(o.families)} (ρ = ${o.rho}), ${o.independent} independent, ${o.controls} label-permuted control(s); ` +
        `sample scaffold keys are the latent chemotypes`,
      planted: {
        family: plan.map((t) => (t.kind === 'family' ? `fam${t.family}` : null)),
        controls: plan.flatMap((t, k) => (t.kind === 'control' ? [k] : [])),
        rho: o.rho,
      },
      warnings: [],
      options: { ...o },
    },
  };
  return validateDataset(ds);
}

/** Parses raw options (errors name the option and the expected form) and builds the data set. */
export function generateSynthetic(raw: SyntheticOptionsInput = {}): MultiTaskDataset {
  return buildSynthetic(parseOptions('dataset "synthetic"', syntheticOptionsSchema, raw));
}

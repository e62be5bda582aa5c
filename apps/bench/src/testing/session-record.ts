/** Test helper: a session line of a results log, with a fixed environment (the tests read its ids and suite only). */
import { RESULTS_SCHEMA_VERSION, type SessionRecord } from '@transferbench/core';

export const sessionRecord = (sessionId = 's', suite = { name: 's', hash: 'h' }): SessionRecord => ({
  type: 'session',
  schemaVersion: RESULTS_SCHEMA_VERSION,
  sessionId,
  suite,
  seeds: [1],
  resumed: false,
  startedAt: '2025-01-01T00:00:00Z',
  runner: { name: 'r', concurrency: 1 },
  environment: {
    packages: {},
    git: { sha: null, dirty: null },
    node: 'v20',
    platform: 'linux',
    arch: 'x64',
    cpu: { model: 'cpu', count: 2 },
    engine: null,
    capturedAt: '2025-01-01T00:00:00Z',
  },
});

import { packageTestConfig } from '../../vitest.shared.ts';

// pure functions and schemas: every test well under a second; one module graph for all files
export default packageTestConfig({ testTimeout: 10_000, isolate: false });

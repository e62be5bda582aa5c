import { packageTestConfig } from '../../vitest.shared.ts';

// Planted-effect tests train many small models. The bound stays at its former 120 s while the estimator tests
// are being cut down to seconds (issue 13); lower it with them.
export default packageTestConfig({ testTimeout: 120_000 });

import { packageTestConfig } from '../../vitest.shared.ts';

// parsers, featurization and splits on small inputs; the tests on the shared data sets (RDKit over thousands of
// SMILES) set their own longer timeout
export default packageTestConfig({ testTimeout: 20_000, isolate: false });

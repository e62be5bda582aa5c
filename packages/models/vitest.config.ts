import { packageTestConfig } from '../../vitest.shared.ts';

// engines and kernels on small shapes: the slowest test (train-pool, 1–3 worker threads) takes about 3 s on a quiet machine
export default packageTestConfig({ testTimeout: 20_000, isolate: false });

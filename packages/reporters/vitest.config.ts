import { packageTestConfig } from '../../vitest.shared.ts';

// renders fixture bundles and drives one headless Chromium page: each test about a second at most on a quiet machine
export default packageTestConfig({ testTimeout: 15_000, hookTimeout: 30_000, isolate: false });

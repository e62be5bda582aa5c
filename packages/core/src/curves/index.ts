// Learning-curve families, bounded LM fitting, Wald/F/bootstrap inference (DESIGN §4).
export * from './family.ts';
export * from './model.ts';
export * from './data.ts';
export * from './fit.ts';
export * from './inference.ts';
export * from './f-test.ts';
export * from './bootstrap.ts';

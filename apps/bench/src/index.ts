// apps/bench public surface (for tests and the queue worker): the program builder.
export { buildProgram } from './program.ts';

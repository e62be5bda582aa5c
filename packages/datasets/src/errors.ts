/**
 * Errors in a user's data or data options. Their message is the whole story (file, line, column or option,
 * and what was expected), so they extend core's InvalidOptionsError: the bench prints such errors without a
 * stack trace. `file`, `field` and `expected` carry the same facts for programs.
 */
import { InvalidOptionsError } from '@transferbench/core';

export class DataError extends InvalidOptionsError {
  constructor(
    message: string,
    /** the data file concerned, when there is one */
    readonly file?: string,
    /** the column, option or task the problem is in */
    readonly field?: string,
    /** what was expected there */
    readonly expected?: string,
  ) {
    super(message);
    // the base class types `name` as its own literal; the subclass's name is what a stack trace should show
    Object.defineProperty(this, 'name', { value: new.target.name, configurable: true, writable: true });
  }
}

/** A problem in an input file, located as precisely as known: "file line L, column C: detail (expected …)". */
export class DataFileError extends DataError {
  readonly line?: number;
  constructor(
    file: string,
    where: { line?: number; column?: number | string } | null,
    readonly detail: string,
    expected?: string,
    /** the option or field concerned when it is not the column (default: the column) */
    field?: string,
  ) {
    const loc = where
      ? [where.line !== undefined ? `line ${where.line}` : '', where.column !== undefined ? `column ${where.column}` : '']
          .filter(Boolean)
          .join(', ')
      : '';
    super(
      `${file}${loc ? ` ${loc}` : ''}: ${detail}${expected ? ` (expected ${expected})` : ''}`,
      file,
      field ?? (where?.column !== undefined ? String(where.column) : undefined),
      expected,
    );
    this.line = where?.line;
  }
}

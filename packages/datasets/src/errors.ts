/** A problem in an input file, located as precisely as known: "file line L, column C: message". */
export class DataFileError extends Error {
  constructor(
    readonly file: string,
    readonly where: { line?: number; column?: number | string } | null,
    detail: string,
  ) {
    const loc = where
      ? [where.line !== undefined ? `line ${where.line}` : '', where.column !== undefined ? `column ${where.column}` : '']
          .filter(Boolean)
          .join(', ')
      : '';
    super(`${file}${loc ? ` ${loc}` : ''}: ${detail}`);
    this.name = 'DataFileError';
  }
}

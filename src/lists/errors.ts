/**
 * An error in an input file, naming the file and the place (line, record) so a user can find it.
 * Importers throw only this for bad input; anything else is a bug.
 */
export class InputFormatError extends Error {
  readonly file: string;
  readonly where: string | undefined;
  constructor(file: string, where: string | undefined, message: string) {
    super(`${file}${where ? ` (${where})` : ''}: ${message}`);
    this.name = 'InputFormatError';
    this.file = file;
    this.where = where;
  }
}

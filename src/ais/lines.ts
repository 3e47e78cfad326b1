/**
 * Byte chunks in, lines out, in bounded memory: a line longer than the cap is cut to `cap + 1` characters
 * (so the decoder refuses it as `tooLong`) and the rest of it is skipped unread, however long it runs.
 */

/** Longer than any sentence the decoder accepts; what is kept of an overlong line while skipping to its end. */
export const DEFAULT_LINE_CAP = 64 * 1024;

export class LineSplitter {
  private readonly cap: number;
  private carry = '';
  /** Inside an overlong line whose kept part was already emitted: drop bytes until the next newline. */
  private skipping = false;

  constructor(cap = DEFAULT_LINE_CAP) {
    this.cap = cap;
  }

  /** Calls onLine for every complete line in the chunk (without its `\n`; a `\r` is left to the parser). */
  push(chunk: Uint8Array, onLine: (line: string) => void): void {
    // latin1 maps every byte to one character: NMEA is ASCII, and garbage bytes stay countable, never throw
    const text = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
    let start = 0;
    let nl = text.indexOf('\n');
    if (this.skipping) {
      if (nl < 0) return;
      this.skipping = false;
      start = nl + 1;
      nl = text.indexOf('\n', start);
    } else if (this.carry !== '' && nl >= 0) {
      const line = this.carry + text.slice(0, nl);
      this.carry = '';
      onLine(line.length > this.cap ? line.slice(0, this.cap + 1) : line);
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    while (nl >= 0) {
      onLine(nl - start > this.cap ? text.slice(start, start + this.cap + 1) : text.slice(start, nl));
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    if (start < text.length) {
      const rest = this.carry + text.slice(start);
      if (rest.length > this.cap) {
        onLine(rest.slice(0, this.cap + 1));
        this.carry = '';
        this.skipping = true;
      } else this.carry = rest;
    }
  }

  /** End of input: a last line without a terminator is still a line. */
  end(onLine: (line: string) => void): void {
    if (this.carry !== '') onLine(this.carry);
    this.carry = '';
    this.skipping = false;
  }
}

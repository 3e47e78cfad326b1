/**
 * Scratch buffer of de-armoured 6-bit symbols shared by the sentence parser and the payload decoder: the parser
 * de-armours while it checksums (one pass over the payload instead of two), and the decoder reads fields from it.
 * Everything here is synchronous, so one buffer serves all callers; `payload` says whose symbols these are.
 */
export const scratch = {
  symbols: new Uint8Array(1024),
  /** Number of valid symbols. */
  length: 0,
  /** The payload string the symbols belong to ('' when none). */
  payload: '',
};

/** Make room for `n` symbols plus the zeroed tail the decoder may read past the end. */
export function reserveSymbols(n: number): Uint8Array {
  if (scratch.symbols.length < n + 8) scratch.symbols = new Uint8Array((n + 8) * 2);
  return scratch.symbols;
}

import { InputFormatError } from './errors.ts';
import type { ByteSource } from './types.ts';

/** Largest single line/text value we accept before calling the input hostile (a 1 GB line, say). */
export const MAX_FIELD_CHARS = 4 * 1024 * 1024;

/**
 * Decodes a byte stream to text chunks. UTF-8 by default (strict: invalid bytes are an error naming the
 * byte offset), UTF-16 when a BOM says so, and the encoding an XML declaration names (e.g. ISO-8859-1).
 */
export async function* decodeText(input: ByteSource, file: string): AsyncGenerator<string> {
  let decoder: TextDecoder | undefined;
  let offset = 0;
  for await (const chunk of input) {
    if (typeof chunk === 'string') {
      yield chunk;
      continue;
    }
    if (decoder === undefined) decoder = new TextDecoder(sniffEncoding(chunk), { fatal: true });
    try {
      const text = decoder.decode(chunk, { stream: true });
      if (text) yield text;
    } catch {
      throw new InputFormatError(
        file,
        `near byte ${offset}`,
        `not valid ${decoder.encoding} text (wrong encoding?)`,
      );
    }
    offset += chunk.byteLength;
  }
  if (decoder) {
    try {
      const tail = decoder.decode();
      if (tail) yield tail;
    } catch {
      throw new InputFormatError(
        file,
        `at byte ${offset}`,
        `file ends inside a ${decoder.encoding} character`,
      );
    }
  }
}

function sniffEncoding(head: Uint8Array): string {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  const ascii = Buffer.from(head.subarray(0, 200)).toString('latin1');
  const m = /^<\?xml[^>]*encoding=["']([A-Za-z0-9._-]+)["']/.exec(ascii);
  if (m) {
    const label = m[1].toLowerCase();
    try {
      return new TextDecoder(label).encoding;
    } catch {
      return 'utf-8';
    }
  }
  return 'utf-8';
}

/** Reads the first `maxBytes` of a file as text, for format detection. */
export async function readHead(input: ByteSource, maxBytes = 65536): Promise<string> {
  const parts: Uint8Array[] = [];
  let n = 0;
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    parts.push(bytes);
    n += bytes.byteLength;
    if (n >= maxBytes) break;
  }
  const buf = Buffer.concat(parts).subarray(0, maxBytes);
  if (buf[0] === 0xff && buf[1] === 0xfe) return buf.subarray(2).toString('utf16le');
  return new TextDecoder('utf-8', { fatal: false }).decode(buf).replace(/^\uFEFF/, '');
}

/** Collapses whitespace runs and trims: list files pad values (`<FIRST_NAME> RI </FIRST_NAME>`). */
export function clean(value: string | null | undefined): string | undefined {
  if (value == null) return undefined;
  const v = value.replace(/\s+/g, ' ').trim();
  return v === '' ? undefined : v;
}

/**
 * Reading AIS inputs from disk or stdin: the raw bytes of a file, gunzipped when it starts with the gzip
 * magic bytes, chunk by chunk (memory stays bounded whatever the size).
 */
import { createReadStream } from 'node:fs';
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

const READ_CHUNK = 1 << 20;

/** The bytes of a file (or `-` for stdin), gunzipped when compressed. `onRawBytes` counts bytes read from disk. */
export async function* inputChunks(
  file: string,
  onRawBytes: (n: number) => void,
  chunkBytes = READ_CHUNK,
): AsyncGenerator<Uint8Array> {
  const input: Readable =
    file === '-' ? process.stdin : createReadStream(file, { highWaterMark: chunkBytes });
  const it = input[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let head: Buffer | null = null;
  // a pipe may hand over a single byte first: gather two to see the magic
  while (head === null || head.length < 2) {
    const next = await it.next();
    if (next.done) break;
    head = head === null ? next.value : Buffer.concat([head, next.value]);
  }
  if (head === null) return;
  onRawBytes(head.length);
  if (head[0] !== 0x1f || head[1] !== 0x8b) {
    yield head;
    for (let next = await it.next(); !next.done; next = await it.next()) {
      onRawBytes(next.value.length);
      yield next.value;
    }
    return;
  }
  const first = head;
  async function* raw(): AsyncGenerator<Buffer> {
    yield first;
    for (let next = await it.next(); !next.done; next = await it.next()) {
      onRawBytes(next.value.length);
      yield next.value;
    }
  }
  const gunzip = createGunzip({ chunkSize: 256 * 1024 });
  // errors of either side end the consumer's loop with the error (pipeline destroys gunzip)
  pipeline(Readable.from(raw()), gunzip, () => {});
  yield* gunzip as AsyncIterable<Buffer>;
}

/** The first bytes of a file (decompressed when gzip), to detect its format. */
export async function peekInput(file: string, bytes = 4096): Promise<string> {
  let text = '';
  for await (const chunk of inputChunks(file, () => {})) {
    text += Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1');
    if (text.length >= bytes) break;
  }
  return text.slice(0, bytes);
}

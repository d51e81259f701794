// Reading the A/R file as decoded text chunks (32 KiB at a time, strict UTF-8), shared by the
// streaming readers and the slow pass that locates a syntax error.
import { closeSync, openSync, readSync } from 'node:fs';
import { TextDecoder } from 'node:util';

export class JsonShapeError extends Error {}

const CHUNK_BYTES = 1 << 15;

export /** Calls `onChunk` with each decoded chunk of the file, the last one (possibly '') flagged. */
function readTextChunks(
  path: string,
  onChunk: (text: string, last: boolean, bytes: number) => void,
): void {
  const fd = openSync(path, 'r');
  try {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      onChunk(decodeChunk(decoder, n === 0 ? undefined : buffer.subarray(0, n)), n === 0, n);
      if (n === 0) return;
    }
  } finally {
    closeSync(fd);
  }
}

function decodeChunk(decoder: TextDecoder, bytes: Uint8Array | undefined): string {
  try {
    return bytes === undefined ? decoder.decode() : decoder.decode(bytes, { stream: true });
  } catch {
    throw new JsonShapeError('the file is not valid UTF-8 text');
  }
}

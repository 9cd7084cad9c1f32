/** PostgreSQL protocol message codes met during COPY out (protocol-message-formats). */
const COPY_DATA = 0x64; // d
const ERROR_RESPONSE = 0x45; // E
/** Messages that may come between CopyData messages; any other ends copy-out mode. */
const INTERSPERSED = new Set([
  0x48, // CopyOutResponse (H)
  COPY_DATA,
  0x53, // ParameterStatus (S)
  0x4e, // NoticeResponse (N)
  0x41, // NotificationResponse (A)
]);

export interface Decoded {
  /** The CopyData payloads of the chunk, concatenated (the CSV bytes). */
  readonly data: Buffer;
  /**
   * `done`: the message ending copy-out (CopyDone) was consumed; `error`: an ErrorResponse starts
   * at `rest`. Either way the decoder is finished and `rest` goes back to the pg connection.
   */
  readonly stop: 'done' | 'error' | null;
  /** Bytes after the stop, not consumed (empty unless `stop`). */
  readonly rest: Buffer;
}

/**
 * Decodes the message stream of a `COPY … TO STDOUT` into the data it carries, chunk by chunk as
 * the socket delivers it. PostgreSQL sends one CopyData message per row (5 header bytes + the row),
 * so a 10 M-row extract is 10 M messages: pg-copy-streams takes each row out as its own Buffer
 * slice in a list and concatenates them again, about 0.6–1 s of main-thread CPU per million rows.
 * Here each chunk's payloads are copied straight into one output buffer (one copy per row, no
 * per-row objects). Same messages and the same end and error handling as pg-copy-streams' copy-to:
 * interspersed notices are skipped, the first other message ends copy-out after it is consumed, an
 * ErrorResponse is left unconsumed for pg.
 */
export class CopyDataDecoder {
  /** Code of the message whose body is being read. */
  private code = 0;
  /** Body bytes of that message still to come (0: at a message boundary). */
  private remaining = 0;
  /** An incomplete message header (< 5 bytes) left at the end of the previous chunk. */
  private pending: Buffer | null = null;
  private finished = false;

  decode(input: Buffer): Decoded {
    if (this.finished) throw new Error('CopyDataDecoder: copy-out already ended');
    let chunk = input;
    if (this.pending) {
      chunk = Buffer.concat([this.pending, input]);
      this.pending = null;
    }
    const n = chunk.length;
    const out = Buffer.allocUnsafe(n);
    let o = 0;
    let p = 0;
    while (p < n) {
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, n - p);
        if (this.code === COPY_DATA) {
          if (take < 16) {
            for (let i = 0; i < take; i++) out[o + i] = chunk[p + i] as number;
          } else {
            chunk.copy(out, o, p, p + take);
          }
          o += take;
        }
        p += take;
        this.remaining -= take;
        if (this.remaining > 0) break;
        if (!INTERSPERSED.has(this.code)) return this.stop('done', out, o, chunk, p);
        continue;
      }
      if (n - p < 5) {
        this.pending = Buffer.from(chunk.subarray(p));
        break;
      }
      const code = chunk[p] as number;
      if (code === ERROR_RESPONSE) return this.stop('error', out, o, chunk, p);
      const length = chunk.readUInt32BE(p + 1) - 4;
      p += 5;
      this.code = code;
      this.remaining = length;
      if (length === 0 && !INTERSPERSED.has(code)) return this.stop('done', out, o, chunk, p);
    }
    return { data: out.subarray(0, o), stop: null, rest: EMPTY };
  }

  private stop(stop: 'done' | 'error', out: Buffer, o: number, chunk: Buffer, p: number): Decoded {
    this.finished = true;
    return { data: out.subarray(0, o), stop, rest: chunk.subarray(p) };
  }
}

const EMPTY = Buffer.alloc(0);

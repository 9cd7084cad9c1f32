import type { IncomingMessage } from 'node:http';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BodyIncompleteError, BodyTooLargeError, readBody } from './read-body.ts';

const request = () => new PassThrough() as unknown as IncomingMessage & PassThrough;

describe('readBody', () => {
  it('reads a body sent in one chunk', async () => {
    const req = request();
    const body = readBody(req, 100);
    req.end(Buffer.from('{"query":"{ snapshot { id } }"}'));
    await expect(body).resolves.toBe('{"query":"{ snapshot { id } }"}');
  });

  it('joins chunks before decoding, so a character split across chunks survives', async () => {
    const req = request();
    const body = readBody(req, 100);
    const bytes = Buffer.from('kelurahan "Palangka" — ✓', 'utf8');
    const cut = bytes.indexOf(0xe2) + 1; // inside the three bytes of the dash
    req.write(bytes.subarray(0, cut));
    req.write(bytes.subarray(cut, cut + 3));
    req.end(bytes.subarray(cut + 3));
    await expect(body).resolves.toBe('kelurahan "Palangka" — ✓');
  });

  it('reads an empty body as an empty string', async () => {
    const req = request();
    const body = readBody(req, 100);
    req.end();
    await expect(body).resolves.toBe('');
  });

  it('refuses a body over the limit without reading the rest', async () => {
    const req = request();
    const body = readBody(req, 10);
    req.write(Buffer.alloc(6, 'a'));
    req.write(Buffer.alloc(6, 'b'));
    await expect(body).rejects.toBeInstanceOf(BodyTooLargeError);
    expect(req.listenerCount('data')).toBe(0);
    expect(req.isPaused()).toBe(true);
  });

  it('rejects when the request closes before its body ended', async () => {
    const req = request();
    const body = readBody(req, 100);
    req.write('{"query":');
    req.destroy();
    await expect(body).rejects.toBeInstanceOf(BodyIncompleteError);
  });

  it('rejects with the stream error', async () => {
    const req = request();
    const body = readBody(req, 100);
    req.destroy(new Error('socket hang up'));
    await expect(body).rejects.toThrow('socket hang up');
  });
});

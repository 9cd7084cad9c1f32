import { describe, expect, it } from 'vitest';
import { SerialQueue } from './serialQueue.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SerialQueue', () => {
  it('never overlaps tasks and keeps submission order', async () => {
    const queue = new SerialQueue();
    const events: string[] = [];
    const task = (name: string, ms: number) => async () => {
      events.push(`start ${name}`);
      await sleep(ms);
      events.push(`end ${name}`);
      return name;
    };
    const results = await Promise.all([
      queue.push(task('a', 20)),
      queue.push(task('b', 1)),
      queue.push(task('c', 5)),
    ]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
  });

  it('rejects only the failing caller and carries on', async () => {
    const queue = new SerialQueue();
    const failed = queue.push(async () => {
      throw new Error('boom');
    });
    const next = queue.push(async () => 'ok');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ok');
    expect(queue.pending).toBe(0);
  });
});

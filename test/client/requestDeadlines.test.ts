import { afterEach, describe, expect, it, vi } from 'vitest';
import { RequestDeadlines, type WaitingRequest } from '../../src/client/RequestDeadlines.js';

/** A waiting request that records how it ended. */
function waiting(deadline: number, log: string[], name: string): WaitingRequest {
  return { deadline, fail: (why) => log.push(`${name}:${why}`) };
}

describe('RequestDeadlines: one timer for the deadlines of every request a transport waits on', () => {
  afterEach(() => void vi.useRealTimers());

  it('each request fails at its own deadline, not before, whatever order they were added in; answered ones never fail', () => {
    vi.useFakeTimers();
    const log: string[] = [];
    const deadlines = new RequestDeadlines();
    const now = Date.now();
    const slow = waiting(now + 300, log, 'slow');
    const answered = waiting(now + 100, log, 'answered');
    const fast = waiting(now + 200, log, 'fast');
    deadlines.add(slow);
    deadlines.add(answered); // earlier than the armed deadline: the timer moves
    deadlines.add(fast);
    vi.advanceTimersByTime(50);
    expect(deadlines.delete(answered)).toBe(true);
    vi.advanceTimersByTime(149);
    expect(log).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(log).toEqual(['fast:timeout']);
    vi.advanceTimersByTime(99);
    expect(log).toEqual(['fast:timeout']);
    vi.advanceTimersByTime(1);
    expect(log).toEqual(['fast:timeout', 'slow:timeout']);
    expect(deadlines.delete(fast)).toBe(false); // an answer after the timeout settles nothing
    vi.advanceTimersByTime(10_000);
    expect(log).toHaveLength(2);
  });

  it('a lost connection fails every waiting request at once, and none again at its deadline', () => {
    vi.useFakeTimers();
    const log: string[] = [];
    const deadlines = new RequestDeadlines();
    const a = waiting(Date.now() + 100, log, 'a');
    deadlines.add(a);
    deadlines.add(waiting(Date.now() + 200, log, 'b'));
    deadlines.failAll();
    expect(log).toEqual(['a:lost', 'b:lost']);
    expect(deadlines.delete(a)).toBe(false);
    vi.advanceTimersByTime(1_000);
    expect(log).toEqual(['a:lost', 'b:lost']);
    deadlines.add(waiting(Date.now() + 100, log, 'c')); // the next connection's requests still time out
    vi.advanceTimersByTime(100);
    expect(log).toEqual(['a:lost', 'b:lost', 'c:timeout']);
  });

  it('keeps a Node process alive only while a request waits (like a timer per request did)', () => {
    const deadlines = new RequestDeadlines();
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timers();
    const request = waiting(Date.now() + 60_000, [], 'r');
    deadlines.add(request);
    expect(timers()).toBe(before + 1);
    deadlines.delete(request);
    expect(timers()).toBe(before);
    deadlines.add(request);
    expect(timers()).toBe(before + 1);
    deadlines.failAll();
    expect(timers()).toBe(before);
  });
});

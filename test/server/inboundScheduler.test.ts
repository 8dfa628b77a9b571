import { describe, expect, it } from 'vitest';
import { createInboundScheduler } from '../../src/server/createInboundScheduler.js';

/** A fake event loop: `later` callbacks run when `turn()` is called; each command advances the clock by `costMs`. */
function fakeLoop() {
  let clock = 0;
  let queue: (() => void)[] = [];
  const ran: string[] = [];
  return {
    ran,
    now: () => clock,
    later: (fn: () => void) => void queue.push(fn),
    /** A command that takes `costMs` when it runs. */
    command: (name: string, costMs: number) => () => {
      ran.push(name);
      clock += costMs;
    },
    /** The check phase: runs what was scheduled before it began. */
    turn() {
      const now = queue;
      queue = [];
      for (const fn of now) fn();
    },
    get pending() {
      return queue.length;
    },
  };
}

describe('inbound scheduler: a class\'s commands wait once a turn has spent its budget; others run as they are read', () => {
  it('past 2 ms in one turn, class commands are deferred while an unrelated invite read after them runs at once', () => {
    const loop = fakeLoop();
    const inbound = createInboundScheduler({ budgetMs: 2, now: loop.now, later: loop.later });
    for (let i = 0; i < 10; i++) inbound.submit(`member${i}`, true, loop.command(`accept${i}`, 0.5));
    inbound.submit('probe', false, loop.command('invite', 0.1));
    // 4 accepts fill the 2 ms; the 6 others wait; the unrelated invite does not.
    expect(loop.ran).toEqual(['accept0', 'accept1', 'accept2', 'accept3', 'invite']);
    expect(inbound.size).toBe(6);
    for (let i = 0; i < 10 && inbound.size > 0; i++) loop.turn();
    expect(inbound.size).toBe(0);
    expect(loop.ran.slice(5)).toEqual(['accept4', 'accept5', 'accept6', 'accept7', 'accept8', 'accept9']);
  });

  it('a deferred connection\'s later commands wait behind its first, even unrelated ones; other connections are not held', () => {
    const loop = fakeLoop();
    const inbound = createInboundScheduler({ budgetMs: 1, now: loop.now, later: loop.later });
    inbound.submit('a', true, loop.command('a1', 2));
    inbound.submit('b', true, loop.command('b1', 1));
    inbound.submit('b', false, loop.command('b2', 0.1));
    inbound.submit('c', false, loop.command('c1', 0.1));
    expect(loop.ran).toEqual(['a1', 'c1']);
    loop.turn();
    loop.turn();
    expect(loop.ran).toEqual(['a1', 'c1', 'b1', 'b2']);
  });

  it('deferred turns run about the budget\'s worth: the count per turn follows the measured cost', () => {
    const loop = fakeLoop();
    const inbound = createInboundScheduler({ budgetMs: 2, now: loop.now, later: loop.later });
    inbound.submit('first', true, loop.command('first', 3));
    for (let i = 0; i < 60; i++) inbound.submit(`m${i}`, true, loop.command(`m${i}`, 0.5));
    const perTurn: number[] = [];
    while (inbound.size > 0) {
      const before = loop.ran.length;
      loop.turn();
      if (loop.ran.length > before) perTurn.push(loop.ran.length - before);
    }
    // The first deferred turn runs 8 (4 ms); then each runs 2 ms / 0.5 ms = 4 commands.
    expect(perTurn[0]).toBe(8);
    expect(perTurn.slice(1, -1).every((n) => n === 4)).toBe(true);
    expect(loop.ran).toHaveLength(61);
  });

  it('flush runs a connection\'s deferred commands at once, in order (before its disconnect is handled)', () => {
    const loop = fakeLoop();
    const inbound = createInboundScheduler({ budgetMs: 1, now: loop.now, later: loop.later });
    inbound.submit('x', true, loop.command('x0', 1));
    inbound.submit('a', true, loop.command('a1', 0.1));
    inbound.submit('b', true, loop.command('b1', 0.1));
    inbound.submit('a', false, loop.command('a2', 0.1));
    inbound.flush('a');
    expect(loop.ran).toEqual(['x0', 'a1', 'a2']);
    expect(inbound.size).toBe(1);
    loop.turn();
    loop.turn();
    expect(loop.ran).toEqual(['x0', 'a1', 'a2', 'b1']);
  });
});

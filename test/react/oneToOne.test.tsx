import { act } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createMemoryStorage } from '../../src/server/index.js';
import { useCall, useCallActions, useIncomingInvitation, useInvite } from '../../src/react/index.js';
import { connectClient, eventually, renderHookAs, startServer } from './support/ringkit.js';

describe('a 1v1 call through the hooks, two users on a real server', () => {
  it('alice calls bob: calling → ringing → connected → hung up, on both sides, with the room', async () => {
    const storage = createMemoryStorage();
    const server = await startServer({ storage });
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const a = renderHookAs(alice, () => useCall());
    const b = renderHookAs(bob, () => ({ call: useCall(), incoming: useIncomingInvitation() }));
    expect(a.result.current.status).toBe('idle');
    expect(b.result.current.call.status).toBe('idle');

    await act(() => a.result.current.call('bob', { roomID: 'room-1' }));
    expect(a.result.current).toMatchObject({ status: 'calling', direction: 'outgoing', peer: 'bob', roomID: 'room-1', error: null });

    await eventually(() => expect(b.result.current.call.status).toBe('ringing'));
    expect(b.result.current.call).toMatchObject({ direction: 'incoming', peer: 'alice', roomID: 'room-1', callID: a.result.current.callID });
    const ringing = b.result.current.incoming;
    expect(ringing.invitation?.inviteID).toBe(a.result.current.callID);
    expect(ringing.secondsRemaining).toBeGreaterThan(0);
    expect(ringing.secondsRemaining).toBeLessThanOrEqual(30);
    expect(ringing.acceptButtonProps).toMatchObject({ type: 'button', disabled: false });

    await act(() => b.result.current.call.accept());
    await eventually(() => expect(a.result.current.status).toBe('connected'));
    expect(b.result.current.call.status).toBe('connected');
    expect(b.result.current.incoming.invitation).toBeUndefined();

    await act(() => a.result.current.hangUp());
    await eventually(() => expect(b.result.current.call).toMatchObject({ status: 'ended', reason: 'hungUp' }));
    expect(a.result.current).toMatchObject({ status: 'ended', reason: 'hungUp' });
    expect(a.result.current.duration).toBeGreaterThanOrEqual(0);
    expect(await storage.getInvitation(a.result.current.callID!)).toMatchObject({ state: 'ended', endReason: 'ended', endedBy: 'alice' });
  });

  it('ends with rejected for the caller when the callee declines, and cancelled for the callee when the caller gives up', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const a = renderHookAs(alice, () => useCall());
    const b = renderHookAs(bob, () => useCall());

    await act(() => a.result.current.call('bob', { roomID: 'r' }));
    await eventually(() => expect(b.result.current.status).toBe('ringing'));
    await act(() => b.result.current.reject());
    await eventually(() => expect(a.result.current).toMatchObject({ status: 'ended', reason: 'rejected' }));
    expect(b.result.current).toMatchObject({ status: 'ended', reason: 'rejected' });
    // Advanced mode keeps a call open while its inviter is in it; a 1v1 call over for alice is ended for good, so she is not left busy.
    await eventually(() => expect(a.result.current.invitation).toMatchObject({ state: 'ended', endedBy: 'alice' }));

    act(() => a.result.current.reset());
    expect(a.result.current.status).toBe('idle');
    await act(() => a.result.current.call('bob', { roomID: 'r2' }));
    await eventually(() => expect(b.result.current).toMatchObject({ status: 'ringing', roomID: 'r2' }));
    await act(() => a.result.current.hangUp());
    await eventually(() => expect(b.result.current).toMatchObject({ status: 'ended', reason: 'cancelled' }));
    expect(a.result.current).toMatchObject({ status: 'ended', reason: 'cancelled' });
    await eventually(() => expect(a.result.current.invitation?.state).toBe('ended'));
  });

  it('stops ringing on bob’s other device with answeredElsewhere when he accepts on one', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const phone = await connectClient(server, 'bob', { deviceID: 'phone' });
    const laptop = await connectClient(server, 'bob', { deviceID: 'laptop' });
    const a = renderHookAs(alice, () => useCall());
    const p = renderHookAs(phone, () => useCall());
    const l = renderHookAs(laptop, () => ({ call: useCall(), incoming: useIncomingInvitation() }));

    await act(() => a.result.current.call('bob', { roomID: 'r' }));
    await eventually(() => expect(l.result.current.call.status).toBe('ringing'));
    await eventually(() => expect(p.result.current.status).toBe('ringing'));
    await act(() => p.result.current.accept());
    await eventually(() => expect(l.result.current.call).toMatchObject({ status: 'ended', reason: 'answeredElsewhere' }));
    expect(l.result.current.incoming.invitation).toBeUndefined();
    await eventually(() => expect(a.result.current.status).toBe('connected'));
    expect(p.result.current.status).toBe('connected');
  });

  it('reports failures as state, never throwing, and disables actions while disconnected', async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const offline = await connectClient(server, 'carol', { connect: false });

    const actions = renderHookAs(alice, () => useCallActions('no-such-call'));
    let result: unknown = 'unset';
    await act(async () => {
      result = await actions.result.current.end();
    });
    expect(result).toBeUndefined();
    expect(actions.result.current.error).toEqual({ code: 'INVITATION_NOT_FOUND', message: expect.any(String) });

    const invite = renderHookAs(offline, () => useInvite());
    expect(invite.result.current).toMatchObject({ disabled: true, disabledReason: { code: 'NOT_CONNECTED' } });
    await act(async () => {
      result = await invite.result.current.invite('alice');
    });
    expect(result).toBeUndefined();
    expect(invite.result.current.error?.code).toBe('NOT_CONNECTED');
    await act(() => offline.connect());
    await eventually(() => expect(invite.result.current).toMatchObject({ disabled: false, disabledReason: null }));
    await act(() => invite.result.current.invite('alice'));
    expect(invite.result.current.error).toBeNull();
    expect(invite.result.current.invitation?.users.map((u) => u.userID)).toEqual(['alice']);
  });
});

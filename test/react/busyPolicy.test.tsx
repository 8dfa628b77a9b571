import { act } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { BUSY_REJECT_DATA, useBusy, useCall, useIncomingInvitation } from '../../src/react/index.js';
import { connectClient, eventually, renderHookAs, startServer } from './support/ringkit.js';

describe('busy policy', () => {
  it("'reject' turns away a call while the app marks me busy: it never shows, once, and the caller hears busy", async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const rejects = vi.spyOn(bob, 'reject');
    const shown: (string | undefined)[] = [];
    const b = renderHookAs(bob, () => {
      const first = useIncomingInvitation({ busyPolicy: 'reject' });
      const second = useIncomingInvitation({ busyPolicy: 'reject' });
      shown.push(first.invitation?.inviteID, second.invitation?.inviteID);
      return { busy: useBusy(), call: useCall({ busyPolicy: 'reject' }) };
    });
    act(() => b.result.current.busy.setBusy(true));
    expect(b.result.current.busy).toMatchObject({ busy: true, markedBusy: true });

    const a = renderHookAs(alice, () => useCall());
    await act(() => a.result.current.call('bob', { roomID: 'r' }));
    await eventually(() => expect(a.result.current).toMatchObject({ status: 'ended', reason: 'busy' }));
    const bobInCall = a.result.current.invitation?.users.find((u) => u.userID === 'bob');
    expect(bobInCall).toMatchObject({ state: 'rejected', data: BUSY_REJECT_DATA });
    expect(shown.every((id) => id === undefined)).toBe(true);
    expect(b.result.current.call.status).toBe('idle');
    expect(rejects).toHaveBeenCalledTimes(1);
  });

  it("'reject' turns away a second call while I am accepted in an advanced call", async () => {
    const server = await startServer();
    const [alice, bob, carol] = await Promise.all(['alice', 'bob', 'carol'].map((id) => connectClient(server, id)));
    const b = renderHookAs(bob!, () => ({ call: useCall({ busyPolicy: 'reject' }), incoming: useIncomingInvitation({ busyPolicy: 'reject' }), busy: useBusy() }));
    const a = renderHookAs(alice!, () => useCall());
    const c = renderHookAs(carol!, () => useCall());

    await act(() => a.result.current.call('bob', { roomID: 'r1' }));
    await eventually(() => expect(b.result.current.call.status).toBe('ringing'));
    await act(() => b.result.current.call.accept());
    await eventually(() => expect(b.result.current.call.status).toBe('connected'));
    expect(b.result.current.busy).toMatchObject({ busy: true, markedBusy: false });

    await act(() => c.result.current.call('bob', { roomID: 'r2' }));
    await eventually(() => expect(c.result.current).toMatchObject({ status: 'ended', reason: 'busy' }));
    expect(b.result.current.call).toMatchObject({ status: 'connected', roomID: 'r1' });
    expect(b.result.current.incoming.invitation).toBeUndefined();
  });

  it("'ring' lets a call ring while busy (call waiting)", async () => {
    const server = await startServer();
    const alice = await connectClient(server, 'alice');
    const bob = await connectClient(server, 'bob');
    const b = renderHookAs(bob, () => ({ incoming: useIncomingInvitation({ busyPolicy: 'ring' }), busy: useBusy() }));
    act(() => b.result.current.busy.setBusy(true));
    const a = renderHookAs(alice, () => useCall());
    await act(() => a.result.current.call('bob', { roomID: 'r' }));
    await eventually(() => expect(b.result.current.incoming.invitation?.inviteID).toBe(a.result.current.callID));
    expect(a.result.current.status).toBe('calling');
  });
});

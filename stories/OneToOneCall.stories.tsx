import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { useEffect, useState, type CSSProperties } from 'react';
import type { SignalingClient } from '../src/index.js';
import { RingkitProvider, useCall } from '../src/react/index.js';
import { loopbackUsers } from './support/loopbackUsers.js';

const pane: CSSProperties = { border: '1px solid var(--rk-color-border)', borderRadius: 8, padding: 16, width: 260, fontFamily: 'system-ui' };

/** One user's phone, built on `useCall` alone. */
function Phone({ peer }: { peer: string }) {
  const call = useCall({ busyPolicy: 'reject' });
  return (
    <div style={pane} data-rk-state={call.status} role="region" aria-label={`${peer === 'bob' ? 'alice' : 'bob'}'s phone`}>
      <p>
        <b>{call.status}</b> {call.reason ? `(${call.reason})` : ''} {call.peer ?? ''}
      </p>
      {call.status === 'idle' && <button onClick={() => void call.call(peer, { roomID: 'story-room' })}>Call {peer}</button>}
      {call.status === 'ringing' && (
        <>
          <button onClick={() => void call.accept()}>Answer</button> <button onClick={() => void call.reject()}>Decline</button>
        </>
      )}
      {(call.status === 'calling' || call.status === 'connected') && <button onClick={() => void call.hangUp()}>Hang up</button>}
      {call.status === 'ended' && <button onClick={call.reset}>OK</button>}
    </div>
  );
}

/** Alice and Bob side by side on an in-page ringkit. */
function TwoPhones() {
  const [clients, setClients] = useState<SignalingClient[]>();
  useEffect(() => {
    let closed = false;
    const ready = loopbackUsers(['alice', 'bob']);
    void ready.then(({ clients: c }) => !closed && setClients(c));
    return () => {
      closed = true;
      void ready.then(({ server, clients: c }) => {
        c.forEach((client) => client.disconnect());
        server.close();
      });
    };
  }, []);
  if (!clients) return <p>connecting…</p>;
  const [alice, bob] = clients as [SignalingClient, SignalingClient];
  return (
    <div style={{ display: 'flex', gap: 16 }}>
      <RingkitProvider client={alice}>
        <Phone peer="bob" />
      </RingkitProvider>
      <RingkitProvider client={bob}>
        <Phone peer="alice" />
      </RingkitProvider>
    </div>
  );
}

const meta: Meta<typeof TwoPhones> = { title: 'Flows/One-to-one call', component: TwoPhones };
export default meta;

/** Call from one pane, answer, decline or hang up in the other: the real engine decides. */
export const AliceAndBob: StoryObj<typeof TwoPhones> = {
  play: async ({ canvas, step }) => {
    const alicePhone = await canvas.findByRole('region', { name: "alice's phone" });
    const alice = within(alicePhone);
    const bob = within(canvas.getByRole('region', { name: "bob's phone" }));
    await step('alice calls bob, bob answers', async () => {
      await userEvent.click(alice.getByRole('button', { name: 'Call bob' }));
      await userEvent.click(await bob.findByRole('button', { name: 'Answer' }));
      await waitFor(() => expect(alice.getByText('connected')).toBeVisible());
      await expect(bob.getByText('connected')).toBeVisible();
    });
    await step('bob hangs up: the call ends for both', async () => {
      await userEvent.click(bob.getByRole('button', { name: 'Hang up' }));
      await waitFor(() => expect(alicePhone).toHaveTextContent(/ended \(hungUp\)/));
      await expect(bob.getByRole('button', { name: 'OK' })).toBeEnabled();
    });
  },
};

import { render, screen, within } from '@testing-library/react';
import '@testing-library/jest-dom/vitest';
import userEvent from '@testing-library/user-event';
import { createRef } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { SignalingClient } from '../../../src/client/SignalingClient.js';
import {
  CallHistoryList,
  InCallView,
  OutgoingCallDialog,
  Phone,
  RingkitLabelsProvider,
  RingkitProvider,
  useCall,
  type RingkitLocale,
} from '../../../src/react/index.js';
import { connectClient, eventually, startServer, type TestClient } from '../support/ringkit.js';
import { expectAccessible } from './support/expectAccessible.js';

async function people<const T extends string[]>(...ids: T): Promise<{ [K in keyof T]: TestClient }> {
  const server = await startServer();
  return (await Promise.all(ids.map((id) => connectClient(server, id)))) as { [K in keyof T]: TestClient };
}

function renderAs(client: SignalingClient, ui: React.ReactNode, locale: RingkitLocale = 'en') {
  return render(
    <RingkitLabelsProvider locale={locale}>
      <RingkitProvider client={client}>{ui}</RingkitProvider>
    </RingkitLabelsProvider>,
  );
}

/** The newest invitation `client` holds. */
const newest = (client: SignalingClient) => client.getInvitations().sort((a, b) => b.createTime - a.createTime)[0]!;
const phone = () => within(screen.getByRole('region', { name: 'Phone' }));
/** The phone's own status line (the history and the ringing dialog have theirs). */
const outcome = (name = 'Phone') =>
  within(screen.getByRole('region', { name }))
    .getAllByRole('status')
    .find((e) => e.classList.contains('rk-phone__outcome'))!;

describe('Phone', () => {
  it('calls a contact: the Calling card in the phone, the in-call view once answered (no lingering card), Hang up, the outcome', async () => {
    const user = userEvent.setup();
    const [alice, bob] = await people('alice', 'bob');
    const ref = createRef<HTMLElement>();
    const { container } = renderAs(alice, <Phone ref={ref} contacts={['bob']} getUser={(id) => (id === 'bob' ? { name: 'Bob Lee' } : undefined)} />);
    expect(ref.current).toBe(screen.getByRole('region', { name: 'Phone' }));
    await eventually(() => expect(phone().getByRole('button', { name: 'Call Bob Lee' })).toBeEnabled());
    expect(phone().getByRole('textbox', { name: 'Call someone' })).toBeInTheDocument();
    await expectAccessible(container);

    await user.click(phone().getByRole('button', { name: 'Call Bob Lee' }));
    const card = await phone().findByRole('dialog', { name: 'Calling Bob Lee' });
    expect(card).toHaveAttribute('data-rk-placement', 'inline');
    expect(phone().queryByRole('textbox', { name: 'Call someone' })).toBeNull();
    await expectAccessible(container);

    await eventually(() => expect(bob.getInvitations()).toHaveLength(1));
    await bob.accept(newest(bob).inviteID);
    const inCall = await phone().findByRole('region', { name: 'In a call with Bob Lee' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(within(inCall).getByRole('timer', { name: 'Call duration' })).toHaveTextContent(/^0:0\d$/);
    await expectAccessible(container);

    await user.click(within(inCall).getByRole('button', { name: 'Hang up' }));
    await eventually(() => expect(outcome()).toHaveTextContent('Call with Bob Lee ended'));
    expect(screen.queryByRole('region', { name: 'In a call with Bob Lee' })).toBeNull();
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByRole('region', { name: 'Phone' })).toHaveAttribute('data-rk-state', 'ended');
    await user.click(phone().getByRole('button', { name: 'OK' }));
    expect(outcome()).toHaveTextContent('');
    expect(screen.getByRole('region', { name: 'Phone' })).toHaveAttribute('data-rk-state', 'idle');
  });

  it('leaves me out of the contacts, and says so when the server refuses a call (dialling myself) until OK or the next call', async () => {
    const user = userEvent.setup();
    const [alice, bob] = await people('alice', 'bob');
    const { container } = renderAs(alice, <Phone contacts={['alice', 'bob']} />);
    await eventually(() => expect(phone().getByRole('button', { name: 'Call bob' })).toBeEnabled());
    expect(phone().queryByRole('button', { name: 'Call alice' })).toBeNull();
    expect(within(phone().getByRole('list', { name: 'Contacts' })).getAllByRole('listitem')).toHaveLength(1);

    await user.type(phone().getByRole('textbox', { name: 'Call someone' }), 'alice');
    await user.click(phone().getByRole('button', { name: 'Call' }));
    await eventually(() => expect(outcome()).toHaveTextContent('Could not call alice'));
    expect(screen.getByRole('region', { name: 'Phone' })).toHaveAttribute('data-rk-state', 'idle');
    await expectAccessible(container);
    await user.click(phone().getByRole('button', { name: 'OK' }));
    expect(outcome()).toHaveTextContent('');

    // Refused again, then a call that goes through clears it.
    await user.clear(phone().getByRole('textbox', { name: 'Call someone' }));
    await user.type(phone().getByRole('textbox', { name: 'Call someone' }), 'alice');
    await user.click(phone().getByRole('button', { name: 'Call' }));
    await eventually(() => expect(outcome()).toHaveTextContent('Could not call alice'));
    await user.click(phone().getByRole('button', { name: 'Call bob' }));
    await phone().findByRole('dialog', { name: 'Calling bob' });
    expect(outcome()).toHaveTextContent('');
    await eventually(() => expect(bob.getInvitations()).toHaveLength(1));
  });

  it('dials any userID; a declined call closes the card and says so; in Chinese', async () => {
    const user = userEvent.setup();
    const [alice, bob] = await people('alice', 'bob');
    renderAs(alice, <Phone />, 'zh');
    const region = () => within(screen.getByRole('region', { name: '电话' }));
    const field = region().getByRole('textbox', { name: '呼叫他人' });
    await eventually(() => expect(region().getByText('在线')).toBeInTheDocument());
    expect(region().getByRole('button', { name: '呼叫' })).toBeDisabled();
    await user.type(field, 'bob');
    await user.click(region().getByRole('button', { name: '呼叫' }));
    await region().findByRole('dialog', { name: '正在呼叫bob' });
    await eventually(() => expect(bob.getInvitations()).toHaveLength(1));
    await bob.reject(newest(bob).inviteID);
    await eventually(() => expect(outcome('电话')).toHaveTextContent('bob 拒绝了通话'));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it("says it was my own connection, not the callee, when my call was cancelled because I was gone (callerGone)", async () => {
    const user = userEvent.setup();
    const [alice, bob] = await people('alice', 'bob');
    renderAs(alice, <Phone contacts={['bob']} />);
    await eventually(() => expect(phone().getByRole('button', { name: 'Call bob' })).toBeEnabled());
    await user.click(phone().getByRole('button', { name: 'Call bob' }));
    await phone().findByRole('dialog', { name: 'Calling bob' });
    await eventually(() => expect(bob.getInvitations()).toHaveLength(1));
    // alice leaves (an explicit disconnect): the server cancels bob's ringing with callerGone.
    alice.disconnect();
    await eventually(() => expect(newest(bob).users.find((u) => u.userID === 'bob')).toMatchObject({ state: 'cancelled', reason: 'callerGone' }));
    await alice.connect();
    await eventually(() => expect(outcome()).toHaveTextContent('Call to bob ended: your connection was lost'));
    expect(outcome()).not.toHaveTextContent('bob went offline');
  });

  it('answers an incoming call in the ringing dialog and shows the in-call view; the history row of a call in progress has no Call back', async () => {
    const user = userEvent.setup();
    const [alice, bob] = await people('alice', 'bob');
    const onCallBack = vi.fn();
    renderAs(
      alice,
      <>
        <Phone history={false} />
        <CallHistoryList onCallBack={onCallBack} />
      </>,
    );
    await eventually(() => expect(alice.connectionState).toBe('connected'));
    await bob.invite('alice', { mode: 'advanced', data: JSON.stringify({ roomID: 'r1' }) });
    const ringing = await screen.findByRole('alertdialog', { name: 'bob is calling' });
    await user.click(within(ringing).getByRole('button', { name: 'Accept' }));
    await phone().findByRole('region', { name: 'In a call with bob' });
    const log = within(screen.getByRole('group', { name: 'Call history' }));
    await eventually(() => expect(log.getAllByRole('listitem')[0]).toHaveAttribute('data-rk-kind', 'ongoing'));
    expect(within(log.getAllByRole('listitem')[0]!).queryByRole('button')).toBeNull();
  });
});

describe('OutgoingCallDialog placement and closing', () => {
  it('floats by default, says Accepted, closes by itself (focus back where it was), and never comes back after the hang-up', async () => {
    const user = userEvent.setup();
    const [alice, bob] = await people('alice', 'bob');
    const onClose = vi.fn();
    function Caller() {
      const call = useCall();
      return (
        <>
          <button onClick={() => void call.call('bob', { roomID: 'r' })}>Call</button>
          <OutgoingCallDialog inviteID={call.callID} answeredMs={300} onClose={onClose} />
        </>
      );
    }
    renderAs(alice, <Caller />);
    await eventually(() => expect(alice.connectionState).toBe('connected'));
    await user.click(screen.getByRole('button', { name: 'Call' }));
    const dialog = await screen.findByRole('dialog', { name: 'Calling bob' });
    expect(dialog).toHaveAttribute('data-rk-placement', 'bottom-end');
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();

    await eventually(() => expect(bob.getInvitations()).toHaveLength(1));
    const { inviteID } = newest(bob);
    await bob.accept(inviteID);
    await eventually(() => expect(dialog).toHaveAttribute('data-rk-state', 'answered'));
    expect(dialog).toHaveAccessibleDescription('Answered');
    await eventually(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('button', { name: 'Call' })).toHaveFocus();

    await bob.end(inviteID);
    await eventually(() => expect(alice.getInvitation(inviteID)?.state).toBe('ended'));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('closes at once when the call ends while it still says Accepted', async () => {
    const [alice, bob] = await people('alice', 'bob');
    const onClose = vi.fn();
    renderAs(alice, <OutgoingCallDialog answeredMs={60_000} onClose={onClose} />);
    const { inviteID } = await alice.invite('bob', { mode: 'advanced' });
    await screen.findByRole('dialog', { name: 'Calling bob' });
    await bob.accept(inviteID);
    await eventually(() => expect(screen.getByRole('dialog')).toHaveAttribute('data-rk-state', 'answered'));
    await bob.end(inviteID);
    await eventually(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});

describe('InCallView', () => {
  it('shows the call another useCall of this device placed, once connected; Hang up ends it for both', async () => {
    const user = userEvent.setup();
    const [alice, bob] = await people('alice', 'bob');
    function Dialer() {
      const call = useCall();
      return <button onClick={() => void call.call('bob', { roomID: 'room-7' })}>Call bob</button>;
    }
    const ref = createRef<HTMLElement>();
    const { container } = renderAs(
      alice,
      <>
        <Dialer />
        <InCallView ref={ref}>{(call) => <p>Media of {call.roomID}</p>}</InCallView>
      </>,
    );
    await eventually(() => expect(alice.connectionState).toBe('connected'));
    await user.click(screen.getByRole('button', { name: 'Call bob' }));
    await eventually(() => expect(bob.getInvitations()).toHaveLength(1));
    expect(screen.queryByRole('region')).toBeNull();
    const { inviteID } = newest(bob);
    await bob.accept(inviteID);
    const view = await screen.findByRole('region', { name: 'In a call with bob' });
    expect(ref.current).toBe(view);
    expect(within(view).getByRole('heading', { name: 'bob' })).toBeInTheDocument();
    expect(within(view).getByText('Media of room-7')).toBeInTheDocument();
    await expectAccessible(container);
    await user.click(within(view).getByRole('button', { name: 'Hang up' }));
    await eventually(() => expect(bob.getInvitation(inviteID)?.state).toBe('ended'));
    await eventually(() => expect(screen.queryByRole('region')).toBeNull());
  });
});

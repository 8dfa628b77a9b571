import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { useEffect, useState } from 'react';
import type { SignalingClient } from '../src/index.js';
import { CallView, Phone, type GetUser, type UseCallMediaResult } from '../src/react/index.js';
import type { CallMediaSnapshot, RemotePeer } from '../src/media/index.js';
import { IDLE_CALL_MEDIA } from '../src/react/hooks/useCallMedia.js';
import { clientsOf, ringkitUsers, UserPane } from './support/ringkitUsers.js';
import { storyLabels } from './support/storyLabels.js';

// Real calls: alice and bob on the in-page engine (the relay included), real RTCPeerConnections
// over loopback, Chromium's fake camera (a test pattern) and microphone (vite.config.ts). The
// states a healthy page does not reach on its own (reconnecting, failed, a refused microphone)
// are shown from a given `media` object, the way an app can drive the view from its own hook.

const NAMES: Record<string, string> = { alice: 'Alice Chen', bob: 'Bob Lee', carol: 'Carol Wu' };
const getUser: GetUser = (id) => (NAMES[id] ? { name: NAMES[id] } : undefined);

/** A loader: alice calls bob (audio or video) and bob accepts, before the story renders. */
const acceptedCall = (video: boolean) => async () => {
  const { ringkit } = await ringkitUsers(['alice', 'bob'])();
  const [alice, bob] = ringkit.clients as [SignalingClient, SignalingClient];
  const { inviteID } = await alice.invite('bob', { mode: 'advanced', data: JSON.stringify({ roomID: 'story', video }) });
  await bob.accept(inviteID);
  return { ringkit, inviteID };
};

function TwoSides({ loaded }: { loaded: Record<string, unknown> }) {
  const [alice, bob] = clientsOf(loaded) as [SignalingClient, SignalingClient];
  const inviteID = loaded.inviteID as string;
  return (
    <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
      {[alice, bob].map((client) => (
        <UserPane key={client.userID} client={client} width={380}>
          <CallView getUser={getUser} options={{ inviteID, iceServers: [] }} aria-label={`Call: ${client.userID}`} />
        </UserPane>
      ))}
    </div>
  );
}

/** A fake camera stream for the given-media stories (stopped when the story unmounts). */
function useFakeCamera(): MediaStream | null {
  const [stream, setStream] = useState<MediaStream | null>(null);
  useEffect(() => {
    let live: MediaStream | null = null;
    let gone = false;
    void navigator.mediaDevices.getUserMedia({ video: { width: 320, height: 180 } }).then((s) => {
      if (gone) return s.getTracks().forEach((t) => t.stop());
      live = s;
      setStream(s);
    });
    return () => {
      gone = true;
      live?.getTracks().forEach((t) => t.stop());
    };
  }, []);
  return stream;
}

const peer = (userID: string, over: Partial<RemotePeer> = {}): RemotePeer => ({
  userID,
  state: 'connected',
  stream: null,
  mic: true,
  camera: false,
  quality: { roundTripTimeMs: 48, packetLossPercent: 0, inboundKbps: 40, outboundKbps: 40, level: 'good' },
  ...over,
});

/** A media object in a given state (what `useCallMedia` would return), for the states a story cannot make happen. */
function givenMedia(snapshot: Partial<CallMediaSnapshot>): UseCallMediaResult {
  const none = () => undefined;
  const button = { type: 'button' as const, onClick: none, disabled: false };
  const base: CallMediaSnapshot = {
    ...IDLE_CALL_MEDIA,
    state: 'connected',
    quality: { roundTripTimeMs: 48, packetLossPercent: 0, inboundKbps: 40, outboundKbps: 40, level: 'good' },
    signaling: 'connected',
    ...snapshot,
  };
  return {
    ...base,
    inviteID: 'story',
    media: null,
    toggleMic: none,
    toggleCamera: none,
    selectMicrophone: none,
    selectCamera: none,
    selectSpeaker: none,
    resumeAudio: none,
    retry: none,
    hangUp: none,
    micButtonProps: { ...button, 'aria-pressed': !base.mic, 'data-rk-state': base.mic ? 'on' : 'off' },
    cameraButtonProps: { ...button, 'aria-pressed': !base.camera, 'data-rk-state': base.camera ? 'on' : 'off' },
    hangUpButtonProps: button,
  };
}

function Given({ loaded, snapshot, camera }: { loaded: Record<string, unknown>; snapshot: (stream: MediaStream | null) => Partial<CallMediaSnapshot>; camera?: boolean }) {
  const stream = useFakeCamera();
  const [alice] = clientsOf(loaded) as [SignalingClient];
  return (
    <UserPane client={alice} width={420}>
      <CallView getUser={getUser} media={givenMedia(snapshot(camera ? stream : null))} />
    </UserPane>
  );
}

const meta: Meta<typeof CallView> = { title: 'Components/CallView', component: CallView };
export default meta;
type Story = StoryObj<typeof CallView>;

const pane = (canvas: HTMLElement, name: string) => within(canvas).getByRole('region', { name });

/** An audio call after Accept: avatars, names, "Connected" with the connection's quality, the controls. */
export const AudioCall: Story = {
  loaders: [acceptedCall(false)],
  render: (_, { loaded }) => <TwoSides loaded={loaded} />,
  play: async ({ canvasElement, globals }) => {
    const L = storyLabels(globals);
    for (const name of ['alice', 'bob']) {
      const side = within(pane(canvasElement, name));
      await waitFor(() => expect(side.getByRole('status')).toHaveTextContent(L.callView.states.connected), { timeout: 15_000 });
      await expect(side.getByRole('toolbar', { name: L.callControls.title })).toBeVisible();
    }
    const bob = within(pane(canvasElement, 'bob'));
    await userEvent.click(within(pane(canvasElement, 'alice')).getByRole('button', { name: L.callControls.mute }));
    await waitFor(() => expect(bob.getByRole('img', { name: L.callView.muted('Alice Chen') })).toBeVisible());
  },
};

/** A video call after Accept: the other side's camera, my own mirrored in the corner. */
export const VideoCall: Story = {
  loaders: [acceptedCall(true)],
  render: (_, { loaded }) => <TwoSides loaded={loaded} />,
  play: async ({ canvasElement, globals }) => {
    const L = storyLabels(globals);
    for (const name of ['alice', 'bob']) {
      const view = pane(canvasElement, name);
      await waitFor(() => expect(within(view).getByRole('status')).toHaveTextContent(L.callView.states.connected), { timeout: 15_000 });
      await waitFor(() => expect(view.querySelectorAll('video').length).toBe(2), { timeout: 15_000 });
    }
  },
};

/** A connection that worked is being restored (ICE restart): the overlay over the tiles. */
export const Reconnecting: Story = {
  loaders: [ringkitUsers(['alice'])],
  render: (_, { loaded }) => <Given loaded={loaded} snapshot={() => ({ state: 'reconnecting', peers: [peer('bob', { state: 'reconnecting' })] })} />,
  play: async ({ canvas, globals }) => {
    await expect(canvas.getByRole('status')).toHaveTextContent(storyLabels(globals).callView.states.reconnecting);
  },
};

/** ICE failed (e.g. UDP blocked and no TURN server): what happened, what to do, and Try again. */
export const Failed: Story = {
  loaders: [ringkitUsers(['alice'])],
  render: (_, { loaded }) => <Given loaded={loaded} snapshot={() => ({ state: 'failed', peers: [peer('bob', { state: 'failed' })] })} />,
  play: async ({ canvas, globals }) => {
    const L = storyLabels(globals).callView;
    await expect(canvas.getByRole('alert')).toHaveTextContent(L.failedHint);
    await expect(canvas.getByRole('button', { name: L.retry })).toBeEnabled();
  },
};

/** The microphone was refused: the call goes on receiving only, and the view says how to fix it. */
export const MicrophoneRefused: Story = {
  loaders: [ringkitUsers(['alice'])],
  render: (_, { loaded }) => (
    <Given loaded={loaded} snapshot={() => ({ peers: [peer('bob')], error: { code: 'MEDIA_DENIED', device: 'microphone', message: 'Permission denied' } })} />
  ),
  play: async ({ canvas, globals }) => {
    const L = storyLabels(globals).callView;
    await expect(canvas.getByRole('alert')).toHaveTextContent(L.mediaErrors.MEDIA_DENIED(L.devices.microphone));
  },
};

/** A group video call: bob's camera is off and he is muted, carol is still connecting. */
export const GroupWithMutedAndConnecting: Story = {
  loaders: [ringkitUsers(['alice'])],
  render: (_, { loaded }) => (
    <Given
      loaded={loaded}
      camera
      snapshot={(stream) => ({
        kind: 'video',
        state: 'connecting',
        camera: true,
        localStream: stream,
        peers: [peer('bob', { mic: false }), peer('carol', { state: 'connecting' })],
      })}
    />
  ),
  play: async ({ canvas, globals }) => {
    const L = storyLabels(globals).callView;
    await expect(canvas.getByRole('img', { name: L.muted('Bob Lee') })).toBeVisible();
    await expect(canvas.getByRole('figure', { name: 'Carol Wu' })).toHaveTextContent(L.peerStates.connecting);
  },
};

/** In the call alone, waiting for the others (a group call nobody else joined yet). */
export const Waiting: Story = {
  loaders: [ringkitUsers(['alice'])],
  render: (_, { loaded }) => <Given loaded={loaded} camera snapshot={(stream) => ({ kind: 'video', state: 'connecting', camera: true, localStream: stream ?? new MediaStream() })} />,
  play: async ({ canvas, globals }) => {
    await expect(canvas.getByRole('status')).toHaveTextContent(storyLabels(globals).callView.waiting);
  },
};

/**
 * Hosted in the kit's `Phone` (its `InCallView` keeps the one Hang up): `<Phone>{() => <CallView hangUp={false} />}</Phone>`.
 * alice called bob and he accepted; each side's phone shows the call with its media.
 */
export const InPhone: Story = {
  loaders: [acceptedCall(true)],
  render: (_, { loaded, globals }) => {
    const [alice, bob] = clientsOf(loaded) as [SignalingClient, SignalingClient];
    return (
      <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
        {[alice, bob].map((client) => (
          <UserPane key={client.userID} client={client} width={400}>
            <Phone getUser={getUser} labels={{ title: `${storyLabels(globals).phone.title} · ${client.userID}` }}>{() => <CallView hangUp={false} getUser={getUser} aria-label={`Call: ${client.userID}`} />}</Phone>
          </UserPane>
        ))}
      </div>
    );
  },
  play: async ({ canvasElement, globals }) => {
    const L = storyLabels(globals);
    for (const name of ['alice', 'bob']) {
      const side = within(pane(canvasElement, name));
      await waitFor(() => expect(side.getByRole('region', { name: `Call: ${name}` })).toHaveAttribute('data-rk-state', 'connected'), { timeout: 15_000 });
      await expect(side.getAllByRole('button', { name: L.inCallView.hangUp })).toHaveLength(1);
    }
  },
};

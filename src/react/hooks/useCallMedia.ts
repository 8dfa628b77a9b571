import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { useStore } from 'zustand';
import { leaveCall } from '../../client/leaveCall.js';
import type { SignalingClient } from '../../client/SignalingClient.js';
import type { CallMedia, CallMediaOptions, CallMediaSnapshot } from '../../media/callMediaTypes.js';
import { createCallMedia } from '../../media/createCallMedia.js';
import type { Invitation } from '../../protocol/types.js';
import type { RingkitState } from '../../store/RingkitState.js';
import { useRingkitStoreApi } from './useRingkitStoreApi.js';

/**
 * Options of `useCallMedia`: which call (default: the call this device is in), and
 * `createCallMedia`'s options (read when the call's media starts).
 * @example const o: UseCallMediaOptions = { iceServers: fetchTurnCredentials, maxMeshPeers: 4 }
 */
export interface UseCallMediaOptions extends CallMediaOptions {
  /** The call; default the newest active advanced-mode call I am accepted in on this device. `null`: none. */
  inviteID?: string | null;
  /** What Hang up does after closing the media; default: a one-to-one call is ended for both, a group call is left. */
  onHangUp?: (inviteID: string) => unknown;
}

/**
 * Props for a button, as the hook's prop bags give them (spread them, or `mergeProps` with yours).
 * @example <button {...micButtonProps}>Mute</button>
 */
export interface CallMediaButtonProps {
  type: 'button';
  onClick: () => void;
  disabled: boolean;
  'aria-pressed'?: boolean;
  'data-rk-state'?: string;
}

/**
 * What `useCallMedia` returns: the media snapshot, the controls, and prop bags for the usual buttons.
 * @example const { state, localStream, peers, micButtonProps, cameraButtonProps, hangUpButtonProps } = useCallMedia()
 */
export interface UseCallMediaResult extends CallMediaSnapshot {
  /** The call these media belong to (null: none). */
  inviteID: string | null;
  /** The framework-free media object (null while there is no call). */
  media: CallMedia | null;
  toggleMic(): void;
  toggleCamera(): void;
  selectMicrophone(deviceID: string): void;
  selectCamera(deviceID: string): void;
  selectSpeaker(deviceID: string): void;
  resumeAudio(): void;
  retry(): void;
  /** Stops the media at once, then ends (1v1) or leaves (group) the call, or calls `onHangUp`. */
  hangUp(): void;
  /** Mute toggle: `aria-pressed` is true while muted. */
  micButtonProps: CallMediaButtonProps;
  /** Camera toggle: `aria-pressed` is true while the camera is off. */
  cameraButtonProps: CallMediaButtonProps;
  hangUpButtonProps: CallMediaButtonProps;
}

/**
 * The media of no call (before one connects, or once it ended): what `useCallMedia` reads then.
 * @example const preview: CallMediaSnapshot = { ...IDLE_CALL_MEDIA, state: 'connecting' }
 */
export const IDLE_CALL_MEDIA: CallMediaSnapshot = {
  state: 'idle',
  kind: 'audio',
  localStream: null,
  mic: true,
  camera: false,
  peers: [],
  overLimit: [],
  quality: { roundTripTimeMs: null, packetLossPercent: null, inboundKbps: null, outboundKbps: null, level: 'unknown' },
  error: null,
  devices: { microphones: [], cameras: [], speakers: [] },
  microphoneID: null,
  cameraID: null,
  speakerID: null,
  canSelectSpeaker: false,
  audioBlocked: false,
  signaling: 'disconnected',
  iceRestarts: 0,
};

const noSubscription = () => () => undefined;

/** The newest active advanced call I hold on this device (a string: a stable selector result). */
function myCallHere(state: RingkitState, deviceID: string): string | null {
  let newest: Invitation | undefined;
  for (const invitation of Object.values(state.invitations)) {
    if (invitation.state !== 'active' || invitation.mode !== 'advanced') continue;
    const me = invitation.users.find((u) => u.userID === state.userID);
    if (me?.state !== 'accepted' || (me.deviceID !== undefined && me.deviceID !== deviceID)) continue;
    if (!newest || invitation.createTime > newest.createTime) newest = invitation;
  }
  return newest?.inviteID ?? null;
}

/**
 * The audio and video of a call (`ringkit/media`'s `createCallMedia`, bound to React): started
 * when the hook mounts for a call I am in, stopped when the call ends, I leave, or it unmounts.
 * Returns the local and remote streams, the state (`connecting`, `connected`, `reconnecting`,
 * `failed`), quality from getStats, the controls, and prop bags for mute, camera and hang up.
 * @example
 * const m = useCallMedia({ iceServers: [{ urls: 'stun:stun.example.com' }] })
 * <video autoPlay playsInline muted ref={(v) => { if (v) v.srcObject = m.peers[0]?.stream ?? null }} />
 * <button {...m.micButtonProps}>Mute</button> <button {...m.hangUpButtonProps}>Hang up</button>
 */
export function useCallMedia(options: UseCallMediaOptions = {}, client?: SignalingClient): UseCallMediaResult {
  const store = useRingkitStoreApi(client);
  const target = store.client;
  const current = useStore(store, (s) => myCallHere(s, target.deviceID));
  const inviteID = options.inviteID === undefined ? current : options.inviteID;
  const latest = useRef(options);
  latest.current = options;
  const [media, setMedia] = useState<CallMedia | null>(null);

  useEffect(() => {
    // No WebRTC here (a server render, jsdom): nothing to start; the view stays idle.
    if (!inviteID || typeof RTCPeerConnection === 'undefined' || typeof MediaStream === 'undefined') return;
    const { inviteID: _ignored, onHangUp: _onHangUp, ...mediaOptions } = latest.current;
    const created = createCallMedia(target, inviteID, mediaOptions);
    setMedia(created);
    return () => {
      created.close();
      setMedia((m) => (m === created ? null : m));
    };
  }, [target, inviteID]);

  const live = media && inviteID ? media : null;
  const snapshot = useSyncExternalStore(
    live ? live.subscribe : noSubscription,
    () => live?.getSnapshot() ?? IDLE_CALL_MEDIA,
    () => IDLE_CALL_MEDIA,
  );

  const toggleMic = useCallback(() => live?.setMic(!live.getSnapshot().mic), [live]);
  const toggleCamera = useCallback(() => void live?.setCamera(!live.getSnapshot().camera), [live]);
  const hangUp = useCallback(() => {
    if (!inviteID) return;
    live?.close();
    if (latest.current.onHangUp) return void latest.current.onHangUp(inviteID);
    const invitation = target.getInvitation(inviteID);
    void (invitation ? leaveCall(target, invitation) : target.quit(inviteID)).catch(() => undefined);
  }, [live, inviteID, target]);

  const closed = snapshot.state === 'closed' || snapshot.state === 'idle';
  return useMemo(
    () => ({
      ...snapshot,
      inviteID,
      media: live,
      toggleMic,
      toggleCamera,
      selectMicrophone: (id: string) => void live?.selectMicrophone(id),
      selectCamera: (id: string) => void live?.selectCamera(id),
      selectSpeaker: (id: string) => void live?.selectSpeaker(id),
      resumeAudio: () => void live?.resumeAudio(),
      retry: () => live?.retry(),
      hangUp,
      micButtonProps: { type: 'button', onClick: toggleMic, disabled: closed || !snapshot.localStream?.getAudioTracks().length, 'aria-pressed': !snapshot.mic, 'data-rk-state': snapshot.mic ? 'on' : 'off' },
      cameraButtonProps: { type: 'button', onClick: toggleCamera, disabled: closed, 'aria-pressed': !snapshot.camera, 'data-rk-state': snapshot.camera ? 'on' : 'off' },
      hangUpButtonProps: { type: 'button', onClick: hangUp, disabled: !inviteID || snapshot.state === 'closed' },
    }),
    [snapshot, inviteID, live, toggleMic, toggleCamera, hangUp, closed],
  );
}

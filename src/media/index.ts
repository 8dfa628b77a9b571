/**
 * `ringkit/media`: audio and video for ringkit calls, peer to peer (browser only; the browser's
 * WebRTC, no other dependency). `createCallMedia` follows an invitation: once you are in the
 * call, it captures, connects to every other participant over the server's media-signal relay,
 * and stops everything when the call ends.
 * @module
 */
export { createCallMedia } from './createCallMedia.js';
export type {
  CallMedia,
  CallMediaClient,
  CallMediaError,
  CallMediaOptions,
  CallMediaSnapshot,
  CallMediaState,
  IceServersOption,
  MediaDevices,
  RemotePeer,
} from './callMediaTypes.js';
export { callMediaKind } from './callMediaKind.js';
export {
  clientSignalChannel,
  createMemorySignalHub,
  type MediaSignalChannel,
  type MediaSignalRelay,
  type MemorySignalHub,
  type ReceivedSignal,
} from './MediaSignalChannel.js';
export type { PeerState, PeerLinkTimings } from './PeerLink.js';
export { qualityLevel, readQuality, worstQuality, UNKNOWN_QUALITY, type CallQuality, type QualitySample } from './readQuality.js';
export { decodeSignal, encodeSignal, MEDIA_SIGNAL_VERSION, type SignalBody, type SignalMessage } from './signalMessage.js';

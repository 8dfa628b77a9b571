import type { CallMediaError, CallMediaState } from '../../media/callMediaTypes.js';
import type { CallQuality } from '../../media/readQuality.js';
import type { LabelTable } from './commonLabels.js';

/**
 * Every visible string of `CallView` and its parts.
 * @example const labels: Partial<CallViewLabels> = { reconnecting: 'Hold on…' }
 */
export interface CallViewLabels {
  /** The view's accessible name. */
  title: string;
  /** The tile of my own camera. */
  self: string;
  /** The status line of each state (`connected` is read once, then the line stays quiet). */
  states: Record<CallMediaState, string>;
  /** Shown while I am in the call alone. */
  waiting: string;
  /** The overlay while a connection that worked is being restored. */
  reconnecting: string;
  /** The failed state: what happened, what the user can do, and the button. */
  failedTitle: string;
  failedHint: string;
  retry: string;
  /** Said about a participant whose microphone is off, or whose camera is off. */
  muted: (name: string) => string;
  cameraOff: (name: string) => string;
  /** A participant's connection, on their tile. */
  peerStates: { connecting: string; reconnecting: string; failed: string };
  /** My camera or microphone could not be used. */
  mediaErrors: Record<CallMediaError['code'], (device: string) => string>;
  devices: { microphone: string; camera: string };
  /** The browser blocked the call's sound until a click. */
  audioBlocked: string;
  /** More people accepted than a peer-to-peer call connects. */
  overLimit: (names: string[]) => string;
  /** The quality line, e.g. "Good connection · 42 ms". */
  quality: (quality: CallQuality) => string;
}

const ms = (q: CallQuality) => (q.roundTripTimeMs === null ? '' : ` · ${q.roundTripTimeMs} ms`);
const loss = (q: CallQuality) => (q.packetLossPercent ? ` · ${q.packetLossPercent}%` : '');

/**
 * The built-in `CallViewLabels` in English and Simplified Chinese.
 * @example callViewLabels.zh.reconnecting // '正在重新连接…'
 */
export const callViewLabels: LabelTable<CallViewLabels> = {
  en: {
    title: 'Call',
    self: 'You',
    states: {
      idle: 'Not in a call',
      connecting: 'Connecting…',
      connected: 'Connected',
      reconnecting: 'Reconnecting…',
      failed: 'The call could not connect',
      closed: 'Call ended',
    },
    waiting: 'Waiting for others to join…',
    reconnecting: 'Reconnecting…',
    failedTitle: 'The call could not connect',
    failedHint: 'Your network or a firewall may be blocking calls. Try again, or hang up and call back from another network.',
    retry: 'Try again',
    muted: (name) => `${name}: microphone off`,
    cameraOff: (name) => `${name}: camera off`,
    peerStates: { connecting: 'Connecting…', reconnecting: 'Reconnecting…', failed: 'Could not connect' },
    mediaErrors: {
      MEDIA_DENIED: (device) => `No access to your ${device}: allow it in the browser's site settings, then rejoin.`,
      NO_DEVICE: (device) => `No ${device} found: the others cannot ${device === 'camera' ? 'see' : 'hear'} you.`,
      MEDIA_FAILED: (device) => `Your ${device} could not start (is another app using it?).`,
    },
    devices: { microphone: 'microphone', camera: 'camera' },
    audioBlocked: 'Click to hear the call',
    overLimit: (names) => `Too many people for a direct call: ${names.join(', ')} not connected.`,
    quality: (q) => `${{ unknown: 'Measuring connection', good: 'Good connection', fair: 'Fair connection', poor: 'Poor connection' }[q.level]}${ms(q)}${loss(q)}`,
  },
  zh: {
    title: '通话',
    self: '我',
    states: {
      idle: '未在通话中',
      connecting: '正在连接…',
      connected: '已连接',
      reconnecting: '正在重新连接…',
      failed: '通话无法连接',
      closed: '通话已结束',
    },
    waiting: '正在等待其他人加入…',
    reconnecting: '正在重新连接…',
    failedTitle: '通话无法连接',
    failedHint: '网络或防火墙可能阻止了通话。请重试，或挂断后换一个网络回拨。',
    retry: '重试',
    muted: (name) => `${name}：麦克风已关闭`,
    cameraOff: (name) => `${name}：摄像头已关闭`,
    peerStates: { connecting: '正在连接…', reconnecting: '正在重新连接…', failed: '无法连接' },
    mediaErrors: {
      MEDIA_DENIED: (device) => `无法使用${device}：请在浏览器的网站设置中允许，然后重新加入。`,
      NO_DEVICE: (device) => `未找到${device}：其他人${device === '摄像头' ? '看不到' : '听不到'}你。`,
      MEDIA_FAILED: (device) => `${device}无法启动（是否被其他应用占用？）。`,
    },
    devices: { microphone: '麦克风', camera: '摄像头' },
    audioBlocked: '点击以收听通话',
    overLimit: (names) => `人数超过直连通话的上限：${names.join('、')} 未连接。`,
    quality: (q) => `${{ unknown: '正在测量网络', good: '网络良好', fair: '网络一般', poor: '网络较差' }[q.level]}${ms(q)}${loss(q)}`,
  },
};

import { CallView, type UseCallResult } from '../../src/react/index.js';
import { formatDuration } from './formatDuration.js';
import { useDemoLabels, type KnownEndReason } from './labels.js';

/**
 * The one-to-one call as this tab sees it: idle, calling (the kit's `OutgoingCallDialog` shows who
 * rings, with Cancel), the call with its timer, audio or video and controls (the kit's `CallView`:
 * mute, camera, devices, Hang up), or how the call ended. The status line is a polite live region that
 * is always there, so screen readers hear each change. A call answered on another of my devices leaves this tab idle: the kit's
 * RingingDialog already says so in its own status line.
 * @example <PhoneCard call={useCall()} />
 */
export function PhoneCard({ call }: { call: UseCallResult }) {
  const t = useDemoLabels();
  const peer = call.peer ?? '';
  const status = call.status === 'ended' && call.reason === 'answeredElsewhere' ? 'idle' : call.status;
  const ended = status === 'ended' ? (t.ended[(call.reason ?? 'hungUp') as KnownEndReason] ?? t.ended.hungUp) : undefined;
  const missed = status === 'ended' && call.direction === 'incoming' && (call.reason === 'cancelled' || call.reason === 'timeout' || call.reason === 'callerGone');
  const text = {
    idle: t.idle,
    calling: t.calling(peer),
    ringing: t.incomingFrom(peer),
    connected: t.inCallWith(peer),
    ended: missed ? t.incomingMissed(peer) : ended?.(peer),
  }[status];
  return (
    <section className="demo-phone" data-rk-state={status} aria-labelledby="demo-phone">
      <h2 id="demo-phone">{t.phone}</h2>
      <p role="status" className="demo-phone__status">
        {text}
      </p>
      {call.status === 'connected' && (
        <>
          <p className="demo-timer">
            <span role="timer" aria-label={t.duration}>
              {formatDuration(call.duration)}
            </span>
          </p>
          <CallView className="demo-call" options={{ inviteID: call.callID, iceServers: [], onHangUp: () => call.hangUp() }} />
        </>
      )}
      {status === 'ended' && (
        <button type="button" className="rk-button" onClick={call.reset}>
          {t.ok}
        </button>
      )}
      {call.error && <p className="demo-problem">{call.error.message}</p>}
    </section>
  );
}

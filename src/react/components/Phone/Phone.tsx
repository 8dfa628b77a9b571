import { forwardRef, useCallback, useEffect, useId, useMemo, useState, type HTMLAttributes, type ReactNode } from 'react';
import type { SignalingClient } from '../../../client/SignalingClient.js';
import { isOneToOneCall } from '../../../protocol/isOneToOneCall.js';
import type { Invitation } from '../../../protocol/types.js';
import { useCall, type CallOptions, type UseCallResult } from '../../hooks/useCall.js';
import { useConnectionState } from '../../hooks/useConnectionState.js';
import { useRingkitStore } from '../../hooks/useRingkitStore.js';
import type { BusyPolicy } from '../../../store/rules/createBusyRejecter.js';
import { useRingkitLabels } from '../../labels/RingkitLabelsProvider.js';
import { mergeProps } from '../../mergeProps.js';
import { CallHistoryList } from '../CallHistoryList/CallHistoryList.js';
import { DetachedCallNotice } from '../DetachedCallNotice/DetachedCallNotice.js';
import { InCallView } from '../InCallView/InCallView.js';
import { OutgoingCallDialog, type OutgoingCallDialogProps } from '../OutgoingCallDialog/OutgoingCallDialog.js';
import { RingingDialog, type RingingDialogProps } from '../RingingDialog/RingingDialog.js';
import { useDisplayUser, type GetUser } from '../../context/RingkitUsersProvider.js';
import type { PhoneEndReason, PhoneLabels } from '../../labels/phoneLabels.js';
import { PhoneContacts } from './PhoneContacts.js';
import { PhoneContext, type PhoneContextValue } from './PhoneContext.js';
import { PhoneDialer } from './PhoneDialer.js';

/**
 * How `Phone` places a call: `useCall().call`'s options, with the media room made per call.
 * @example const o: PhoneCallOptions = { data: { video: true }, timeout: 45, roomID: (peer) => `support-${peer}` }
 */
export interface PhoneCallOptions extends Omit<CallOptions, 'roomID'> {
  /** The media room of a new call to `peer` (default: a fresh random ID). */
  roomID?: (peer: string) => string;
}

/**
 * Props of `Phone`.
 * @example const p: PhoneProps = { contacts: ['bob', 'carol'], getUser: (id) => directory[id] }
 */
export interface PhoneProps extends Omit<HTMLAttributes<HTMLElement>, 'children'> {
  /** People to call with one click (userIDs; names and avatars from `getUser`; the signed-in user is left out). */
  contacts?: readonly string[];
  /** A field to call any userID (default true). */
  dialer?: boolean;
  /** The call history under the contacts, with "Call back" (default true). */
  history?: boolean;
  /** A call arriving while I am in one: `'reject'` answers busy (default), `'ring'` lets it ring (call waiting). */
  busyPolicy?: BusyPolicy;
  /** Options of every call placed here (video, timeout, room). */
  callOptions?: PhoneCallOptions;
  /** The incoming calls that ring here (default: one-to-one calls, the kind this phone places). */
  filter?: (invitation: Invitation) => boolean;
  /** The ringtone of incoming calls (`RingingDialog`'s `ringtone`). */
  ringtone?: RingingDialogProps['ringtone'];
  /** The ringback of outgoing calls (`OutgoingCallDialog`'s `ringback`). */
  ringback?: OutgoingCallDialogProps['ringback'];
  /** The media view shown in the connected call (e.g. `(call) => <MyRoom roomID={call.roomID!} />`). */
  children?: ReactNode | ((call: UseCallResult) => ReactNode);
  labels?: Partial<PhoneLabels>;
  getUser?: GetUser;
  client?: SignalingClient;
}


const newRoomID = () => `room-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/**
 * A complete one-to-one phone from the kit's parts, on one `useCall`: a card with the connection
 * state, a dial field, your contacts and the call history ("Call back") while idle; the
 * "Calling …" card (`OutgoingCallDialog`, inline) while a call rings out; the modal
 * `RingingDialog` when a call comes in; the `InCallView` (peer, timer, Hang up, your media view
 * as `children`) once connected; and a line saying how the last call ended. Calls carry a fresh
 * `roomID` each (`callOptions.roomID` to choose), which both sides read as `call.roomID`. Calling
 * someone again replaces my earlier call that still rings for them, e.g. one a crashed tab left
 * (`callOptions.replaceEarlier`, default true), and `DetachedCallNotice` offers to continue or
 * cancel such a call.
 * A `section` named "Phone"; the ref is that element.
 * @example
 * <RingkitProvider url="http://localhost:3478" userID="alice">
 *   <Phone contacts={['bob', 'carol']} />
 * </RingkitProvider>
 */
export const Phone = forwardRef<HTMLElement, PhoneProps>(function Phone(
  {
    contacts,
    dialer = true,
    history = true,
    busyPolicy = 'reject',
    callOptions,
    filter = isOneToOneCall,
    ringtone,
    ringback,
    children,
    labels: own,
    getUser,
    client,
    ...props
  },
  ref,
) {
  const call = useCall({ busyPolicy }, client);
  const connection = useConnectionState(client);
  const labels = useRingkitLabels('phone', own);
  const titleID = useId();
  const peer = useDisplayUser(call.peer ?? '', getUser);
  // A call answered on another of my devices is the ringing dialog's to say: this phone is idle.
  const status = call.status === 'ended' && call.reason === 'answeredElsewhere' ? 'idle' : call.status;
  const canDial = connection === 'connected' && (status === 'idle' || status === 'ended');

  const self = useRingkitStore((s) => s.userID, client);
  // A call the server refused (e.g. to myself, or over a limit) never leaves idle: say so until
  // dismissed, another call is placed, or one rings.
  const [refused, setRefused] = useState<string | null>(null);
  const refusedUser = useDisplayUser(refused ?? '', getUser);
  useEffect(() => {
    if (status !== 'idle') setRefused(null);
  }, [status]);

  const { call: place } = call;
  const dial = useCallback(
    (userID: string) => {
      const { roomID = newRoomID, ...options } = callOptions ?? {};
      setRefused(null);
      void place(userID, { ...options, roomID: roomID(userID) }).then((placed) => placed || setRefused(userID));
    },
    [place, callOptions],
  );
  const value = useMemo<PhoneContextValue>(
    () => ({ call, connection, canDial, dial, labels, getUser, self }),
    [call, connection, canDial, dial, labels, getUser, self],
  );

  const outcome = status === 'ended' ? endedText(call, labels, peer.name) : refused && status === 'idle' ? labels.ended.failed(refusedUser.name) : null;
  const dismiss = () => {
    setRefused(null);
    call.reset();
  };
  const root = { ref, className: 'rk-root rk-phone', 'aria-labelledby': titleID, 'data-rk-state': status };
  return (
    <PhoneContext.Provider value={value}>
      <section {...mergeProps(root, props as Record<string, unknown>)}>
        <header className="rk-phone__header">
          <h2 id={titleID} className="rk-phone__title">
            {labels.title}
          </h2>
          <span className="rk-phone__connection" data-rk-connection={connection}>
            {labels.connection[connection]}
          </span>
        </header>
        <DetachedCallNotice getUser={getUser} client={client} />
        <div className={outcome ? 'rk-phone__notice' : 'rk-phone__notice rk-visually-hidden'} data-rk-visible={outcome ? '' : undefined}>
          <p role="status" className="rk-phone__outcome">
            {outcome}
          </p>
          {outcome && (
            <button type="button" className="rk-button rk-phone__dismiss" onClick={dismiss}>
              {labels.dismiss}
            </button>
          )}
        </div>
        {status === 'calling' && !call.callID && <p className="rk-phone__placing">{labels.placing(peer.name)}</p>}
        <OutgoingCallDialog
          inviteID={call.direction === 'outgoing' ? call.callID : null}
          placement="inline"
          answeredMs={0}
          outcomeMs={0}
          ringback={ringback}
          getUser={getUser}
          client={client}
        />
        <InCallView call={call} getUser={getUser} client={client}>
          {children}
        </InCallView>
        {status !== 'calling' && status !== 'connected' && (
          <div className="rk-phone__home">
            {connection !== 'connected' && <p className="rk-phone__offline">{labels.offline}</p>}
            {dialer && <PhoneDialer />}
            {contacts && contacts.some((userID) => userID !== self) && <PhoneContacts contacts={contacts} />}
            {history && (
              <CallHistoryList
                className="rk-phone__history"
                getUser={getUser}
                client={client}
                onCallBack={(record) => record.peers[0] && canDial && dial(record.peers[0])}
              />
            )}
          </div>
        )}
        <RingingDialog busyPolicy={busyPolicy} filter={filter} ringtone={ringtone} getUser={getUser} client={client} />
      </section>
    </PhoneContext.Provider>
  );
});

/** How the last call ended, in words (none for a call I declined myself). */
function endedText(call: UseCallResult, labels: PhoneLabels, name: string): string | null {
  const reason = (call.reason ?? 'hungUp') as PhoneEndReason;
  if (call.direction === 'incoming') {
    if (reason === 'cancelled' || reason === 'timeout' || reason === 'callerGone') return labels.missed(name);
    if (reason === 'rejected' || reason === 'busy') return null;
    return labels.ended.hungUp(name);
  }
  return (labels.ended[reason] ?? labels.ended.hungUp)(name);
}

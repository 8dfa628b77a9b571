import { useCallback, useRef, useState } from 'react';
import {
  CallHistoryList,
  DetachedCallNotice,
  IncomingCallToast,
  OutgoingCallDialog,
  RingingDialog,
  useCall,
  useIncomingCallNotification,
  useConnectionState,
  useRingkitEvent,
  useRingkitStoreApi,
  type BusyPolicy,
} from '../../src/react/index.js';
import { isCall, isGroupCall, isOneToOneCall } from './callFilters.js';
import { Classroom } from './Classroom.js';
import { DialForm } from './DialForm.js';
import { GroupCallPanel } from './GroupCallPanel.js';
import { LOBBY_GROUP } from './groups.js';
import { useDemoLabels } from './labels.js';
import { OnlineUsers } from './OnlineUsers.js';
import { PhoneCard } from './PhoneCard.js';
import { RingWhenClosedSwitch } from './RingWhenClosedSwitch.js';
import { useGroupMembership } from './useGroupMembership.js';
import { useOnlineUsers } from './useOnlineUsers.js';

type Tab = 'calls' | 'group' | 'classroom';

/**
 * Everything a signed-in user sees: connection state, the phone (one `useCall` for the whole
 * page), who is online, the call history (the kit's `CallHistoryList`), group calls and the
 * classroom. An outgoing call shows the kit's `OutgoingCallDialog`; one-to-one calls ring in
 * the kit's `RingingDialog` (with call waiting when the busy setting lets calls ring), group calls
 * in its `IncomingCallToast`; a system notification tells of a call while the tab is hidden, once
 * the user allows it (`useIncomingCallNotification`). A call a crashed tab of mine left behind is
 * offered to continue here or end (`DetachedCallNotice`).
 * @example <RingkitProvider url={location.origin} userID="alice"><Workspace userID="alice" onSignOut={leave} /></RingkitProvider>
 */
export function Workspace({ userID, onSignOut }: { userID: string; onSignOut: () => void }) {
  const t = useDemoLabels();
  const connection = useConnectionState();
  const [busyPolicy, setBusyPolicy] = useState<BusyPolicy>('reject');
  const call = useCall({ busyPolicy });
  const online = useOnlineUsers();
  const notifications = useIncomingCallNotification({ busyPolicy, filter: isCall });
  const [tab, setTab] = useState<Tab>('calls');
  useGroupMembership(LOBBY_GROUP);
  const store = useRingkitStoreApi();
  // Accepting a group call (in the toast, on this device) opens the group-call tab.
  useRingkitEvent('inviteeAccepted', ({ inviteID, invitee, deviceID }) => {
    const invitation = store.getState().invitations[inviteID];
    if (invitee === userID && deviceID === store.client.deviceID && invitation && isGroupCall(invitation)) setTab('group');
  });
  const [video, setVideo] = useState(false);
  const dial = (callee: string) => void call.call(callee, { roomID: `room-${crypto.randomUUID().slice(0, 8)}`, ...(video && { data: { video: true } }) });
  const canDial = connection === 'connected' && (call.status === 'idle' || call.status === 'ended');
  // Signing out turns ringing-while-closed off first, so this browser stops ringing for this user.
  const disablePush = useRef<() => Promise<void>>(() => Promise.resolve());
  const registerDisable = useCallback((disable: () => Promise<void>) => void (disablePush.current = disable), []);
  const signOut = () => void disablePush.current().finally(onSignOut);
  const tabs: [Tab, string][] = [
    ['calls', t.tabCalls],
    ['group', t.tabGroup],
    ['classroom', t.tabClassroom],
  ];

  return (
    <main className="demo-workspace">
      <div className="demo-bar">
        <span>{t.signedInAs(userID)}</span>
        <span role="status" className="demo-connection" data-state={connection}>
          {t.connection}: {t.connectionState[connection]}
        </span>
        {notifications.permission === 'default' && (
          <button type="button" className="rk-button" onClick={() => void notifications.requestPermission()}>
            {t.notifyMe}
          </button>
        )}
        <RingWhenClosedSwitch registerDisable={registerDisable} />
        <button type="button" className="rk-button" onClick={signOut}>
          {t.signOut}
        </button>
      </div>
      <DetachedCallNotice />
      <PhoneCard call={call} />
      <div role="tablist" aria-label={t.tabs} className="demo-tabs">
        {tabs.map(([id, label]) => (
          <button key={id} type="button" role="tab" id={`tab-${id}`} aria-selected={tab === id} aria-controls={`panel-${id}`} onClick={() => setTab(id)}>
            {label}
          </button>
        ))}
      </div>
      <section role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="demo-panel">
        {tab === 'calls' && (
          <div className="demo-columns">
            <div>
              <OnlineUsers online={online} self={userID} disabled={!canDial} onCall={dial} />
              <DialForm disabled={!canDial} onCall={dial} />
              <label className="demo-setting">
                <input type="checkbox" checked={video} onChange={(e) => setVideo(e.target.checked)} /> {t.videoCall}
              </label>
              <label className="demo-setting">
                {t.whenBusy}{' '}
                <select value={busyPolicy} onChange={(e) => setBusyPolicy(e.target.value === 'ring' ? 'ring' : 'reject')}>
                  <option value="reject">{t.busyReject}</option>
                  <option value="ring">{t.busyRing}</option>
                </select>
              </label>
            </div>
            <CallHistoryList onCallBack={(record) => record.peers[0] && canDial && dial(record.peers[0])} />
          </div>
        )}
        {tab === 'group' && <GroupCallPanel online={online} self={userID} />}
        {tab === 'classroom' && <Classroom self={userID} />}
      </section>
      <OutgoingCallDialog inviteID={call.direction === 'outgoing' ? call.callID : null} />
      <RingingDialog busyPolicy={busyPolicy} filter={isOneToOneCall} />
      <IncomingCallToast busyPolicy={busyPolicy} filter={isGroupCall} />
    </main>
  );
}

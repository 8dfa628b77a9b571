import { useState } from 'react';
import type { Invitation } from '../../src/index.js';
import { encodeCallData, useActiveInvitations, useInvite } from '../../src/react/index.js';
import { GroupCallCard } from './GroupCallCard.js';
import { LOBBY_GROUP } from './groups.js';
import { MemberChoice } from './MemberChoice.js';
import { useDemoLabels } from './labels.js';

/**
 * Group calls (advanced mode in the lobby group): start one with the people picked, and every
 * call in progress with its participants and actions (join, add people, leave, end).
 * @example <GroupCallPanel online={online} self="alice" />
 */
export function GroupCallPanel({ online, self }: { online: readonly string[]; self: string }) {
  const t = useDemoLabels();
  const calls = useActiveInvitations({ mode: 'advanced', groupID: LOBBY_GROUP });
  const { inviteInGroup, pending, error } = useInvite();
  const [picked, setPicked] = useState<readonly string[]>([]);
  const [video, setVideo] = useState(false);
  const candidates = online.filter((u) => u !== self);
  const start = () => {
    const roomID = `group-${crypto.randomUUID().slice(0, 8)}`;
    void inviteInGroup(LOBBY_GROUP, [...picked], { mode: 'advanced', data: encodeCallData({ roomID, ...(video && { video: true }) }) }).then((r) => r && setPicked([]));
  };
  return (
    <div className="demo-columns">
      <section aria-labelledby="demo-group-start">
        <h2 id="demo-group-start">{t.startGroupCall}</h2>
        <MemberChoice label={t.members} candidates={candidates} picked={picked} onChange={setPicked} />
        <label className="demo-setting">
          <input type="checkbox" checked={video} onChange={(e) => setVideo(e.target.checked)} /> {t.videoCall}
        </label>
        <button type="button" className="rk-button" disabled={picked.length === 0 || pending} onClick={start}>
          {t.startGroupCall}
        </button>
        {error && <p className="demo-problem">{error.message}</p>}
      </section>
      <section aria-labelledby="demo-group-calls">
        <h2 id="demo-group-calls">{t.groupCalls}</h2>
        {calls.length === 0 && <p className="demo-hint">{t.noGroupCalls}</p>}
        {calls.map((call: Invitation) => (
          <GroupCallCard key={call.inviteID} invitation={call} online={online} />
        ))}
      </section>
    </div>
  );
}


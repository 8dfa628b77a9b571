import type { Invitation } from '../../src/index.js';
import { useIncomingInvitation } from '../../src/react/index.js';
import { LOBBY_GROUP } from './groups.js';
import { useDemoLabels } from './labels.js';

const isGroupCall = (i: Invitation) => i.mode === 'advanced' && i.groupID === LOBBY_GROUP;

/**
 * An invitation to a group call, wherever the user is in the page.
 * @example <GroupRinging onAccepted={() => setTab('group')} />
 */
export function GroupRinging({ onAccepted }: { onAccepted: () => void }) {
  const t = useDemoLabels();
  const incoming = useIncomingInvitation({ filter: isGroupCall });
  if (!incoming.invitation) return null;
  return (
    <aside role="alertdialog" aria-labelledby="demo-group-ringing" className="demo-toast">
      <p id="demo-group-ringing">{t.groupRinging(incoming.invitation.inviter)}</p>
      <div className="demo-actions">
        <button
          className="rk-button" data-rk-variant="accept"
          {...incoming.acceptButtonProps}
          onClick={() => void incoming.accept().then((result) => result && onAccepted())}
        >
          {t.accept}
        </button>
        <button className="rk-button" data-rk-variant="reject" {...incoming.rejectButtonProps}>
          {t.reject}
        </button>
      </div>
    </aside>
  );
}

import { forwardRef, useMemo, type HTMLAttributes, type ReactNode } from 'react';
import type { SignalingClient } from '../../../client/SignalingClient.js';
import { useRaiseHand } from '../../hooks/useRaiseHand.js';
import { useRingkitLabels } from '../../labels/RingkitLabelsProvider.js';
import { mergeProps } from '../../mergeProps.js';
import type { GetUser } from '../../context/RingkitUsersProvider.js';
import type { RaiseHandPanelLabels } from '../../labels/raiseHandPanelLabels.js';
import { RaiseHandAskForm } from './RaiseHandAskForm.js';
import { RaiseHandPanelContext } from './RaiseHandPanelContext.js';
import { RaiseHandQueue } from './RaiseHandQueue.js';
import { RaiseHandSpeaker } from './RaiseHandSpeaker.js';
import { RaiseHandStudentControls } from './RaiseHandStudentControls.js';
import { RaiseHandTeacherActions } from './RaiseHandTeacherActions.js';

/**
 * Props of `RaiseHandPanel`.
 * @example const p: RaiseHandPanelProps = { groupID: 'class-1', view: 'student' }
 */
export interface RaiseHandPanelProps extends Omit<HTMLAttributes<HTMLElement>, 'children'> {
  groupID: string;
  /**
   * Which side to show. Default: as `useRaiseHand` detects it (the round's inviter is the teacher,
   * an asked member a student); before any round, the teacher's "Ask" form (any member may ask).
   */
  view?: 'teacher' | 'student';
  labels?: Partial<RaiseHandPanelLabels>;
  getUser?: GetUser;
  client?: SignalingClient;
  /** Your own layout of the parts (`RaiseHandQueue`, `RaiseHandAskForm`, …) instead of the default one. */
  children?: ReactNode;
}

/**
 * The classroom's raise-hand panel on `useRaiseHand`. Teacher: ask the class (optional question),
 * the raised hands as an ordered queue with positions, "Invite to speak" per student or "Invite
 * next", "Lower all", and who is speaking now. Student: "Raise hand" / "Lower hand" with my place
 * in line, and "You are invited to speak" with Accept / Decline.
 * @example
 * <RaiseHandPanel groupID="class-1" getUser={(id) => roster[id]} />
 * <RaiseHandPanel groupID="class-1" view="student" labels={{ raiseHand: 'Hand up' }} />
 */
export const RaiseHandPanel = forwardRef<HTMLDivElement, RaiseHandPanelProps>(function RaiseHandPanel({ groupID, view, labels: own, getUser, client, children, ...props }, ref) {
  const hand = useRaiseHand(groupID, client);
  const labels = useRingkitLabels('raiseHandPanel', own);
  const context = useMemo(() => ({ hand, labels, getUser }), [hand, labels, getUser]);
  const side = view ?? (hand.role === 'student' ? 'student' : 'teacher');
  const state = !hand.round ? 'idle' : hand.closed ? 'closed' : hand.open ? 'open' : 'answered';
  const asked = hand.round?.users.length ?? 0;
  const canAsk = !hand.round || hand.closed || (!hand.open && hand.raisedHands.length === 0);
  const root = {
    className: 'rk-root rk-raise-hand-panel',
    role: 'group',
    'aria-label': labels.title,
    'data-rk-view': side,
    'data-rk-state': state,
  };
  const defaultLayout =
    side === 'teacher' ? (
      <>
        {canAsk && <RaiseHandAskForm />}
        {hand.prompt && !canAsk && <p className="rk-raise-hand-panel__prompt">{hand.prompt}</p>}
        <RaiseHandSpeaker />
        {hand.round && !hand.closed && <RaiseHandQueue />}
        {hand.round && !hand.closed && <RaiseHandTeacherActions />}
      </>
    ) : (
      <>
        {hand.prompt && hand.role === 'student' && !hand.closed && <p className="rk-raise-hand-panel__prompt">{hand.prompt}</p>}
        <RaiseHandStudentControls />
        <RaiseHandSpeaker />
      </>
    );
  return (
    <RaiseHandPanelContext.Provider value={context}>
      <div ref={ref} {...mergeProps(root, props)}>
        <p role="status" className="rk-raise-hand-panel__status">
          {hand.closed ? labels.roundClosed : hand.round && side === 'teacher' ? labels.summary(hand.raisedHands.length, asked) : ''}
        </p>
        {children ?? defaultLayout}
        {hand.error && (
          <p role="alert" className="rk-raise-hand-panel__error">
            {hand.error.message}
          </p>
        )}
      </div>
    </RaiseHandPanelContext.Provider>
  );
});

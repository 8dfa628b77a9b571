import type { HTMLAttributes } from 'react';
import { mergeProps } from '../../mergeProps.js';
import { useCallViewContext } from './CallViewContext.js';
import { CallViewSelf } from './CallViewSelf.js';
import { CallViewTile } from './CallViewTile.js';

/**
 * The tiles: every other participant and my own (in the corner of a one-to-one call, in the grid
 * of a group call), and the "Reconnecting…"
 * overlay while a connection is being restored.
 * @example <CallView><CallViewStage /><CallControls /></CallView>
 */
export function CallViewStage(props: HTMLAttributes<HTMLDivElement>) {
  const { media, labels } = useCallViewContext();
  // One other person: their tile fills the stage, mine in the corner; otherwise every tile (mine too) in a grid.
  const own = { className: 'rk-call-view__stage', 'data-rk-count': media.peers.length, 'data-rk-layout': media.peers.length === 1 ? 'spotlight' : 'grid' };
  return (
    <div {...mergeProps(own, props as Record<string, unknown>)}>
      <div className="rk-call-view__peers">
        {media.peers.map((peer) => (
          <CallViewTile key={peer.userID} peer={peer} />
        ))}
      </div>
      <CallViewSelf />
      {media.state === 'reconnecting' && (
        <div className="rk-call-view__overlay" aria-hidden="true">
          <span className="rk-call-view__spinner" />
          {labels.reconnecting}
        </div>
      )}
    </div>
  );
}

import { createContext, useContext } from 'react';
import type { ConnectionState } from '../../../protocol/events.js';
import type { UseCallResult } from '../../hooks/useCall.js';
import type { GetUser } from '../../context/RingkitUsersProvider.js';
import type { PhoneLabels } from '../../labels/phoneLabels.js';

/**
 * What the parts of `Phone` share: its call, whether a call can be placed now, and how to place one.
 * @example const { dial, canDial } = usePhoneContext()
 */
export interface PhoneContextValue {
  call: UseCallResult;
  connection: ConnectionState;
  /** Connected, and no call in progress. */
  canDial: boolean;
  /** Calls a user with the phone's call options (a fresh room each call). */
  dial: (userID: string) => void;
  labels: PhoneLabels;
  getUser: GetUser | undefined;
  /** The signed-in user ('' until the client knows it): left out of the contacts (nobody calls themselves). */
  self: string;
}

/**
 * The context `Phone` provides to its parts.
 * @example <PhoneContext.Provider value={value}><PhoneDialer /></PhoneContext.Provider>
 */
export const PhoneContext = createContext<PhoneContextValue | null>(null);

/**
 * The enclosing `Phone`'s call and dialling, for its parts and your own markup inside it.
 * @example function QuickDial() { const { dial, canDial } = usePhoneContext(); return <button disabled={!canDial} onClick={() => dial('support')}>Support</button> }
 */
export function usePhoneContext(): PhoneContextValue {
  const value = useContext(PhoneContext);
  if (!value) throw new Error('ringkit: Phone parts must be rendered inside <Phone>');
  return value;
}

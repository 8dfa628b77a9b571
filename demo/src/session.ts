/**
 * Who this tab is signed in as. Kept in sessionStorage, so a reload stays signed in as the same
 * device while a new tab signs in afresh (a second tab of one user is a second device).
 * @example const session = readSession() ?? signIn('alice')
 */
export interface DemoSession {
  userID: string;
  deviceID: string;
}

const KEY = 'ringkit-demo-session';

/** The session of this tab, if signed in. */
export function readSession(): DemoSession | null {
  try {
    const value = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as DemoSession | null;
    return value && typeof value.userID === 'string' && typeof value.deviceID === 'string' ? value : null;
  } catch {
    return null;
  }
}

/** Signs this tab in as `userID` on a new device ID. */
export function signIn(userID: string): DemoSession {
  const session = { userID, deviceID: `tab-${crypto.randomUUID().slice(0, 8)}` };
  sessionStorage.setItem(KEY, JSON.stringify(session));
  return session;
}

/** Forgets this tab's session. */
export function signOut(): void {
  sessionStorage.removeItem(KEY);
}

/** Why a userID cannot be used (ringkit's ID rules: 1–64 bytes, no surrounding spaces), or null. */
export function userIDProblem(userID: string): 'empty' | 'spaces' | 'long' | null {
  if (userID.length === 0) return 'empty';
  if (userID.trim() !== userID) return 'spaces';
  if (new TextEncoder().encode(userID).length > 64) return 'long';
  return null;
}

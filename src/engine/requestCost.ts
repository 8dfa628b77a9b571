/** How many invitations one rate token pays for in a list a request carries. */
const IDS_PER_TOKEN = 50;

/**
 * What a request costs against its user's rate budget: 1, plus 1 per 50 inviteIDs it makes the
 * server look up (`session:sync`'s known IDs, `session:missedSeen`'s list). So a user cannot turn
 * the cheap-looking bookkeeping budget into thousands of storage reads per request (issue 13,
 * defect 2); a client's own sync at reconnect (its active invitations) still costs 1 or 2.
 * @example requestCost('session:sync', { known: { a: 1 } }) // 1
 */
export function requestCost(name: string, payload: unknown): number {
  const p = payload as { known?: unknown; inviteIDs?: unknown } | null;
  let ids = 0;
  if (name === 'session:sync' && p?.known !== null && typeof p?.known === 'object') ids = Object.keys(p.known).length;
  if (name === 'session:missedSeen' && Array.isArray(p?.inviteIDs)) ids = p.inviteIDs.length;
  return 1 + Math.floor(ids / IDS_PER_TOKEN);
}

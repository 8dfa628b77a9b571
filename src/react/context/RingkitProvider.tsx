import { QueryClient, QueryClientContext, QueryClientProvider } from '@tanstack/react-query';
import { useContext, useEffect, useState, type ReactNode } from 'react';
import { createSignalingClient, type CreateSignalingClientOptions } from '../../client/createSignalingClient.js';
import type { SignalingClient } from '../../client/SignalingClient.js';
import { acceptFromNotification } from '../../client/push/acceptFromNotification.js';
import { storeForClient } from '../internal/storeForClient.js';
import { RingkitContext } from './RingkitContext.js';

/**
 * Props of `RingkitProvider`: a client you created and connect yourself, or the options to create
 * one (`url` + `token`, or `userID` in development mode), which the provider then connects once
 * per lifetime (also under StrictMode) and disconnects on unmount. `token` may be a function: it
 * is called at every (re)connect, so an expiring JWT is replaced by a fresh one. The options are
 * read once: give the provider a new `key` to sign in as someone else.
 * @example const props: RingkitProviderProps = { url: 'http://localhost:3478', userID: 'alice', children: <App /> }
 */
export type RingkitProviderProps = {
  children?: ReactNode;
  /**
   * Accept the call the user accepted on a ringkit notification (Web Push), once connected: the
   * one named in the page's URL by the service worker, or sent to this open tab. Default true.
   */
  acceptFromNotification?: boolean;
} & (
  | { client: SignalingClient }
  | ({ client?: undefined } & CreateSignalingClientOptions)
);

const onServer = () => typeof window === 'undefined';
const serverRenderOptions = (options: CreateSignalingClientOptions): CreateSignalingClientOptions => ({ ...options, deviceID: options.deviceID ?? 'server-render' });

/**
 * Gives its subtree one client and its store, and a TanStack `QueryClient` when the app has not
 * provided one.
 * @example
 * <RingkitProvider url="https://signal.example.com" token={() => fetch('/ringkit-token').then((r) => r.text())}>
 *   <App />
 * </RingkitProvider>
 */
export function RingkitProvider(props: RingkitProviderProps) {
  const { children, client: given, acceptFromNotification: acceptCalls = true, ...options } = props;
  // A server render never connects (effects do not run there): its client gets a fixed deviceID, so
  // the render draws no random number (Next.js refuses crypto.randomUUID() while prerendering).
  const [owned] = useState(() => (given ? undefined : createSignalingClient(onServer() ? serverRenderOptions(options) : options)));
  const client = (given ?? owned)!;
  const store = storeForClient(client);
  const appQueryClient = useContext(QueryClientContext);
  const [ownQueryClient] = useState(() => (appQueryClient ? undefined : new QueryClient()));

  useEffect(() => store.attach(), [store]);
  useEffect(() => (acceptCalls ? acceptFromNotification(client) : undefined), [client, acceptCalls]);
  useEffect(() => {
    if (!owned) return;
    // Connecting one task later lets StrictMode's mount-unmount-mount pass without opening a
    // socket it would close at once ("WebSocket is closed before the connection is established").
    let started = false;
    const timer = setTimeout(() => {
      started = true;
      owned.connect().catch(() => undefined); // failures show as connection state and lastError
    });
    return () => {
      clearTimeout(timer);
      if (started) owned.disconnect();
    };
  }, [owned]);

  const tree = <RingkitContext.Provider value={store}>{children}</RingkitContext.Provider>;
  return ownQueryClient ? <QueryClientProvider client={ownQueryClient}>{tree}</QueryClientProvider> : tree;
}

import { cleanup, render, renderHook, waitFor } from '@testing-library/react';
import { StrictMode, type ReactNode } from 'react';
import { afterEach } from 'vitest';
import type { SignalingClient } from '../../../src/client/SignalingClient.js';
import { RingkitProvider } from '../../../src/react/index.js';
import { connectClient, startServer, type TestClient } from '../../support/harness.js';

// Registered after the harness's hook, so (hooks run as a stack) components unmount before clients disconnect.
afterEach(() => cleanup());

export { connectClient, startServer, type TestClient };

/** A wrapper giving `client` to the hooks under test (in StrictMode when asked). */
export function providerFor(client: SignalingClient, strict = false) {
  return function Wrapper({ children }: { children: ReactNode }) {
    const tree = <RingkitProvider client={client}>{children}</RingkitProvider>;
    return strict ? <StrictMode>{tree}</StrictMode> : tree;
  };
}

/** Renders `hook` as `client`'s user. */
export function renderHookAs<T>(client: SignalingClient, hook: () => T, options: { strict?: boolean } = {}) {
  return renderHook(hook, { wrapper: providerFor(client, options.strict) });
}

/** Renders `ui` as `client`'s user. */
export function renderAs(client: SignalingClient, ui: ReactNode, options: { strict?: boolean } = {}) {
  return render(ui, { wrapper: providerFor(client, options.strict) });
}

/** Retries `assertion` until it passes (live updates arrive over a real socket). */
export function eventually(assertion: () => void, timeout = 5000): Promise<void> {
  return waitFor(assertion, { timeout });
}

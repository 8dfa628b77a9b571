import { act } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryStorage } from '../../src/engine/memory/createMemoryStorage.js';
import { usePushSubscription } from '../../src/react/index.js';
import { generateVapidKeys } from '../../src/server/index.js';
import { connectClient, eventually, renderHookAs, startServer } from './support/ringkit.js';

/**
 * jsdom has no service workers, Push API or notifications: these stand-ins record what the hook
 * asks of them (the real worker runs in Chromium: test/push/serviceWorker.test.ts).
 */
function fakeBrowser(options: { permission?: NotificationPermission; answer?: NotificationPermission; existing?: boolean } = {}) {
  const keys = { p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM', auth: 'tBHItJI5svbpez7KI4CCXg' };
  let current: { options: { applicationServerKey: ArrayBuffer }; toJSON(): object; unsubscribe(): Promise<boolean> } | null = null;
  const make = (key: ArrayBuffer) => ({
    options: { applicationServerKey: key },
    toJSON: () => ({ endpoint: 'https://push.example/bob', expirationTime: null, keys }),
    unsubscribe: vi.fn(async () => ((current = null), true)),
  });
  const pushManager = {
    getSubscription: vi.fn(async () => current),
    subscribe: vi.fn(async (o: { applicationServerKey: Uint8Array }) => (current = make(new Uint8Array(o.applicationServerKey).buffer))),
  };
  const registration = { pushManager, scope: 'http://localhost/' };
  const requestPermission = vi.fn(async () => (notification.permission = options.answer ?? 'granted'));
  const notification = { permission: options.permission ?? 'default', requestPermission };
  const register = vi.fn(async () => registration);
  vi.stubGlobal('Notification', notification);
  vi.stubGlobal('PushManager', function PushManager() {});
  Object.defineProperty(navigator, 'serviceWorker', {
    configurable: true,
    value: { register, ready: Promise.resolve(registration), getRegistration: async () => registration, addEventListener() {}, removeEventListener() {} },
  });
  return {
    pushManager,
    register,
    requestPermission,
    /** Starts with a subscription the browser already has (a returning visitor). */
    subscribeNow: (key: Uint8Array) => (current = make(new Uint8Array(key).buffer)),
  };
}

afterEach(() => {
  vi.unstubAllGlobals();
  delete (navigator as unknown as { serviceWorker?: unknown }).serviceWorker;
});

const vapid = generateVapidKeys();
const keyBytes = new Uint8Array(Buffer.from(vapid.publicKey, 'base64url'));

async function setup() {
  const storage = createMemoryStorage();
  const server = await startServer({
    storage,
    webPush: { vapidPublicKey: vapid.publicKey, vapidPrivateKey: vapid.privateKey, subject: 'mailto:ops@ringkit.test', allowedEndpointHosts: ['push.example'] },
  });
  const bob = await connectClient(server, 'bob', { deviceID: 'laptop' });
  const stored = async () => (await storage.pushSubscriptionsOf!('bob')).map((s) => [s.deviceID, s.subscription.endpoint]);
  return { bob, stored };
}

describe('usePushSubscription', () => {
  it('asks for permission only on enable, subscribes with the VAPID key, stores the subscription for this device, and disable removes it everywhere', async () => {
    const browser = fakeBrowser();
    const { bob, stored } = await setup();
    const { result } = renderHookAs(bob, () => usePushSubscription({ vapidPublicKey: vapid.publicKey, serviceWorkerUrl: '/sw.js' }));
    await eventually(() => expect(result.current.switchProps.disabled).toBe(false));
    expect(result.current).toMatchObject({ supported: true, enabled: false });
    expect(browser.requestPermission).not.toHaveBeenCalled();

    await act(() => result.current.enable());
    expect(browser.requestPermission).toHaveBeenCalledTimes(1);
    expect(browser.register).toHaveBeenCalledWith('/sw.js', undefined);
    expect(new Uint8Array(browser.pushManager.subscribe.mock.calls[0]![0].applicationServerKey)).toEqual(keyBytes);
    expect(result.current.switchProps['aria-checked']).toBe(true);
    expect(await stored()).toEqual([['laptop', 'https://push.example/bob']]);

    const subscription = await browser.pushManager.getSubscription();
    await act(() => result.current.disable());
    expect(subscription!.unsubscribe).toHaveBeenCalled();
    expect(result.current.enabled).toBe(false);
    expect(await stored()).toEqual([]);
  });

  it('a refused permission leaves it off with the reason, and stores nothing', async () => {
    fakeBrowser({ answer: 'denied' });
    const { bob, stored } = await setup();
    const { result } = renderHookAs(bob, () => usePushSubscription({ vapidPublicKey: vapid.publicKey }));
    await act(() => result.current.enable());
    expect(result.current.enabled).toBe(false);
    expect(result.current.error?.message).toMatch(/not allowed/);
    expect(await stored()).toEqual([]);
  });

  it('a returning visitor with permission and a subscription is stored again once connected, without a prompt', async () => {
    const browser = fakeBrowser({ permission: 'granted' });
    browser.subscribeNow(keyBytes);
    const { bob, stored } = await setup();
    const { result } = renderHookAs(bob, () => usePushSubscription({ vapidPublicKey: vapid.publicKey }));
    await eventually(() => expect(result.current.enabled).toBe(true));
    expect(browser.requestPermission).not.toHaveBeenCalled();
    expect(await stored()).toEqual([['laptop', 'https://push.example/bob']]);
  });

  it('is unsupported (and its switch disabled) where the browser has no Push API', async () => {
    const { bob } = await setup();
    const { result } = renderHookAs(bob, () => usePushSubscription({ vapidPublicKey: vapid.publicKey }));
    expect(result.current.supported).toBe(false);
    expect(result.current.switchProps).toMatchObject({ role: 'switch', 'aria-checked': false, disabled: true });
  });
});

/**
 * The demo's service worker (served as /sw.js): rings this browser for calls while no tab of the
 * demo is open (Web Push), through the kit's worker module.
 */
import { installRingkitServiceWorker } from '../src/client/push/serviceWorker.js';

installRingkitServiceWorker();

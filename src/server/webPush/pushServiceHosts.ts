/**
 * The push services of the major browsers: where a subscription's endpoint may point by default.
 * Chrome, Edge on Android, Opera, Samsung Internet and other Chromium browsers use FCM; Firefox
 * Mozilla's autopush; Safari (macOS, and iOS/iPadOS home-screen web apps) Apple's service; Edge on
 * Windows WNS. `*.` matches any subdomain.
 * @example createRingkitServer({ webPush: { ...keys, allowedEndpointHosts: [...DEFAULT_PUSH_SERVICE_HOSTS, 'push.example.com'] } })
 */
export const DEFAULT_PUSH_SERVICE_HOSTS: readonly string[] = [
  'fcm.googleapis.com',
  'android.googleapis.com',
  'updates.push.services.mozilla.com',
  'web.push.apple.com',
  '*.push.apple.com',
  '*.notify.windows.com',
];

/**
 * A matcher for an allow-list of push service hosts: an endpoint must be an `https:` URL whose
 * hostname equals an entry, or ends with `.suffix` for an entry `*.suffix` (the port is not
 * compared). This keeps the server from sending requests to arbitrary hosts.
 * @example isAllowedEndpoint(['127.0.0.1'])('https://127.0.0.1:8443/push/1') // true
 */
export function isAllowedEndpoint(hosts: readonly string[]): (endpoint: string) => boolean {
  const exact = new Set(hosts.filter((h) => !h.startsWith('*.')).map((h) => h.toLowerCase()));
  const suffixes = hosts.filter((h) => h.startsWith('*.')).map((h) => h.slice(1).toLowerCase());
  return (endpoint) => {
    let url: URL;
    try {
      url = new URL(endpoint);
    } catch {
      return false;
    }
    if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') return false;
    const host = url.hostname.toLowerCase().replace(/^\[|\]$/g, '');
    return exact.has(host) || suffixes.some((suffix) => host.endsWith(suffix) && host.length > suffix.length);
  };
}

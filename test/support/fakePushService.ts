import { execFileSync } from 'node:child_process';
import { createECDH, randomBytes, type ECDH } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decrypt } from 'http_ece';
import { onTestFinished } from 'vitest';
import type { PushSubscriptionData, RingkitPushPayload } from '../../src/protocol/push.js';

/** A self-signed certificate for `127.0.0.1` and `localhost` (made once per test process with openssl). */
export interface TestCertificate {
  key: Buffer;
  cert: Buffer;
  /** The certificate's PEM file, for NODE_EXTRA_CA_CERTS. */
  certFile: string;
}

let certificate: TestCertificate | undefined;

/**
 * A throwaway self-signed certificate with `subjectAltName=IP:127.0.0.1,DNS:localhost`, made with openssl.
 * @example const { cert } = testCertificate(); new https.Agent({ ca: cert })
 */
export function testCertificate(): TestCertificate {
  if (certificate) return certificate;
  const dir = mkdtempSync(join(tmpdir(), 'ringkit-push-cert-'));
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '2',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', keyFile, '-out', certFile,
  ], { stdio: 'ignore' });
  certificate = { key: readFileSync(keyFile), cert: readFileSync(certFile), certFile };
  return certificate;
}

/** One push as the fake push service received it, decrypted with the subscription's keys. */
export interface ReceivedPush {
  /** The subscription's name (the last path segment of its endpoint). */
  name: string;
  headers: IncomingHttpHeaders;
  payload: RingkitPushPayload;
}

/** A browser-side subscription: its JSON for the server and the private key that decrypts its pushes. */
export interface TestSubscription {
  name: string;
  json: PushSubscriptionData;
  ecdh: ECDH;
}

/**
 * A push service on `https://127.0.0.1:<port>` (self-signed certificate) that records every push,
 * decrypts it with the keys of the subscription it was made for, and answers 201 (or the status
 * set with `answer`). Closed after the test.
 * @example
 * const service = await startFakePushService()
 * const sub = service.subscription('bob-laptop')
 * await bob.setPushSubscription(sub.json)
 */
export async function startFakePushService() {
  const { key, cert } = testCertificate();
  const subscriptions = new Map<string, TestSubscription>();
  const statuses = new Map<string, number>();
  const received: ReceivedPush[] = [];
  const failures: string[] = [];
  const server: Server = createServer({ key, cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const name = (req.url ?? '').split('/').pop() ?? '';
      const sub = subscriptions.get(name);
      try {
        if (!sub) throw new Error(`push for unknown subscription ${name}`);
        const plain = decrypt(Buffer.concat(chunks), { version: 'aes128gcm', privateKey: sub.ecdh, authSecret: sub.json.keys.auth });
        received.push({ name, headers: req.headers, payload: JSON.parse(plain.toString('utf8')) as RingkitPushPayload });
      } catch (err) {
        failures.push(String(err));
      }
      res.writeHead(statuses.get(name) ?? 201).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  );
  return {
    origin: `https://127.0.0.1:${port}`,
    received,
    /** Pushes that could not be decrypted or parsed (must stay empty). */
    failures,
    /** A new subscription with its own keys, at `https://127.0.0.1:<port>/push/<name>` (or another host name of this machine). */
    subscription(name: string, host = '127.0.0.1'): TestSubscription {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const json = {
        endpoint: `https://${host}:${port}/push/${name}`,
        expirationTime: null,
        keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: randomBytes(16).toString('base64url') },
      };
      const sub = { name, json, ecdh };
      subscriptions.set(name, sub);
      return sub;
    },
    /** Makes the service answer `status` for one subscription (e.g. 410 Gone). */
    answer(name: string, status: number) {
      statuses.set(name, status);
    },
    /** Pushes received for one subscription. */
    pushesFor(name: string): ReceivedPush[] {
      return received.filter((p) => p.name === name);
    },
  };
}

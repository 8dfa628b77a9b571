import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumLaunchOptions } from '../support/chromiumLaunchOptions.js';
import { extractCodeBlocks } from './extractCodeBlocks.js';
import { run } from './support/run.js';
import { startProcess, type StartedProcess } from './support/startProcess.js';
import { writeNextApp } from './support/writeNextApp.js';
import { writeViteApp } from './support/writeViteApp.js';
import { synthesizeTone } from '../../src/react/media/builtInTones.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
const readmeBlocks = extractCodeBlocks(readFileSync(join(root, 'README.md'), 'utf8'), ['tsx']);
/** The README's "ring a second tab" example, exactly as a user pastes it into src/App.tsx. */
const readmeApp = readmeBlocks[0]!.code;
/**
 * The README's Next.js `app/page.tsx` blocks (Server Components), as pasted: the Next.js section's
 * at `/`, the Components quick start's at `/phone` (create-next-app's Cache Components made `next
 * build` refuse the latter once, when it awaited searchParams outside <Suspense>).
 */
const [readmeNextPage, readmeComponentsNextPage] = readmeBlocks.filter((b) => b.code.startsWith('// app/page.tsx')).map((b) => b.code) as [string, string];

/** React 18 for the second Vite app (the peer range says >=18). */
const REACT_18 = { react: '18.3.1', 'react-dom': '18.3.1', '@types/react': '18.3.27', '@types/react-dom': '18.3.7' };

/**
 * The parts page of the Next.js app: a Server Component that renders the provider, RingingDialog
 * with a ringtone and OutgoingCallDialog with a ringback (files in public/) straight from
 * ringkit/react, and a small client component that places the call.
 */
const partsPage = `import { Suspense } from 'react';
import { OutgoingCallDialog, RingingDialog, RingkitProvider } from 'ringkit/react';
import { CallButton } from './CallButton';

type Props = { searchParams: Promise<{ user?: string }> };

export default function Parts({ searchParams }: Props) {
  return (
    <Suspense>
      <Signed searchParams={searchParams} />
    </Suspense>
  );
}

async function Signed({ searchParams }: Props) {
  const { user = 'alice' } = await searchParams;
  return (
    <RingkitProvider url="http://localhost:3478" userID={user}>
      <h1>Parts page of {user}</h1>
      <CallButton other={user === 'alice' ? 'bob' : 'alice'} />
      <RingingDialog ringtone="/sounds/ring.wav" />
      <OutgoingCallDialog ringback="/sounds/ringback.wav" />
    </RingkitProvider>
  );
}
`;
/**
 * A page with no request data and no <Suspense> above ringkit: Next.js prerenders it whole at build
 * time. A countdown or call timer that read the clock then (Date.now()) failed `next build` with
 * "did not produce a static shell"; the README's pages hid it inside their <Suspense>.
 */
const staticPage = `import { Phone, RingkitProvider } from 'ringkit/react';

export default function Static() {
  return (
    <RingkitProvider url="http://localhost:3478" userID="alice">
      <Phone contacts={['bob']} />
    </RingkitProvider>
  );
}
`;
const callButton = `'use client';
import { useCall, useConnectionState } from 'ringkit/react';

export function CallButton({ other }: { other: string }) {
  const connection = useConnectionState();
  const call = useCall();
  return (
    <p>
      {connection}{' '}
      <button disabled={call.disabled || (call.status !== 'idle' && call.status !== 'ended')} onClick={() => void call.call(other, { roomID: 'room-1' })}>
        Place a call to {other}
      </button>{' '}
      {call.status === 'connected' && <button onClick={() => void call.hangUp()}>End the call</button>}
    </p>
  );
}
`;

/** Packages that only the server (or Redis scale-out) uses: a browser app must bundle none of them. */
const SERVER_MODULE = /node_modules\/(socket\.io|engine\.io|ws|pino|jose|redis|@redis\/[^/]+|@socket\.io\/redis-adapter)\/|node_modules\/ringkit\/dist\/(server|cli|createRingkitServer|redisServerOptions)/;

let dir: string;
let app: string;
let app18: string;
let nextApp: string;
/** What `next build` printed. */
let nextBuildLog = '';
/** The signaling server of the Next.js app's pages (built in: they are compiled with its URL). */
let nextSignaling: StartedProcess | undefined;

// One pack for the three apps, which then install and build side by side (the npm cache is shared;
// the first run downloads Next.js, later ones install offline): it still takes a few minutes.
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ringkit-pack-'));
  app = join(dir, 'my-app');
  app18 = join(dir, 'my-app-react18');
  nextApp = join(dir, 'my-next-app');
  const [packed] = JSON.parse(await run('npm', ['pack', '--json', '--pack-destination', dir], root)) as [{ filename: string }];
  const tarball = join(dir, packed.filename);
  const install = (where: string) => run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], where, 420_000);
  const viteBuild = async (where: string) => {
    await install(where);
    await run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], where);
    await run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], where);
  };
  writeViteApp(app, { tarball, appTsx: `${readmeApp}\n`, versions: pkg.devDependencies });
  writeViteApp(app18, { tarball, appTsx: `${readmeApp}\n`, versions: { ...pkg.devDependencies, ...REACT_18 } });
  writeNextApp(nextApp, {
    tarball,
    reactQuery: pkg.devDependencies['@tanstack/react-query']!,
    pages: { 'page.tsx': `${readmeNextPage}\n`, 'phone/page.tsx': `${readmeComponentsNextPage}\n`, 'parts/page.tsx': partsPage, 'parts/CallButton.tsx': callButton, 'static/page.tsx': staticPage },
    publicFiles: { 'sounds/ring.wav': new Uint8Array(synthesizeTone('ringtone')), 'sounds/ringback.wav': new Uint8Array(synthesizeTone('ringback')) },
  });
  await Promise.all([
    viteBuild(app),
    viteBuild(app18),
    (async () => {
      await install(nextApp);
      // The pages say http://localhost:3478 (`npm start`), as the README does; they get this test's server instead.
      nextSignaling = await startProcess(process.execPath, ['node_modules/.bin/ringkit-server', '--dev', '--port', '0'], { cwd: nextApp, ready: /ringkit signaling server: (http:\/\/\S+)/ });
      for (const page of ['app/page.tsx', 'app/phone/page.tsx', 'app/parts/page.tsx']) {
        writeFileSync(join(nextApp, page), readFileSync(join(nextApp, page), 'utf8').replace('http://localhost:3478', nextSignaling.match[1]!));
      }
      nextBuildLog = await run('sh', ['-c', `'${process.execPath}' node_modules/next/dist/bin/next build 2>&1`], nextApp, 420_000, nextEnv);
    })(),
  ]);
}, 900_000);

/** Next.js without telemetry (no network), as TOOLCHAIN.md says. */
const nextEnv = { NEXT_TELEMETRY_DISABLED: '1' };

afterAll(async () => {
  await nextSignaling?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 120_000);

// Each step runs tsc, Vite or Chromium on a shared machine: generous timeouts.
describe('ringkit installed from its tarball into a fresh Vite React app', { timeout: 180_000 }, () => {
  it('installs no Redis client, and one copy each of React and react-query (the app’s)', () => {
    const modules = join(app, 'node_modules');
    for (const name of ['redis', '@redis/client', '@socket.io/redis-adapter']) expect(existsSync(join(modules, name)), name).toBe(false);
    const nested = existsSync(join(modules, 'ringkit/node_modules')) ? readdirSync(join(modules, 'ringkit/node_modules')) : [];
    expect(nested).not.toContain('react');
    expect(nested).not.toContain('react-dom');
    expect(nested).not.toContain('@tanstack');
    expect(existsSync(join(modules, 'ringkit/dist/styles.css'))).toBe(true);
  });

  it('bundles no server code and one React, and type-checked the README example as App.tsx', () => {
    const ids = (JSON.parse(readFileSync(join(app, 'modules.json'), 'utf8')) as string[]).map((id) => id.replaceAll('\\', '/'));
    expect(ids.some((id) => id.includes('node_modules/ringkit/dist/react.js'))).toBe(true);
    expect(ids.filter((id) => SERVER_MODULE.test(id))).toEqual([]);
    const copies = (name: string) => new Set(ids.map((id) => new RegExp(`^(.*node_modules/${name})/`).exec(id)?.[1]).filter(Boolean));
    expect([...copies('react')]).toEqual([join(app, 'node_modules/react')]);
    expect([...copies('react-dom')]).toEqual([join(app, 'node_modules/react-dom')]);
    expect([...copies('@tanstack/react-query')]).toEqual([join(app, 'node_modules/@tanstack/react-query')]);

    const assets = join(app, 'dist/assets');
    const js = readdirSync(assets).filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(assets, f), 'utf8')).join('\n');
    for (const serverText of ['DEVELOPMENT MODE', 'storage unavailable', 'the token has expired']) expect(js).not.toContain(serverText);
    const css = readdirSync(assets).filter((f) => f.endsWith('.css')).map((f) => readFileSync(join(assets, f), 'utf8')).join('\n');
    expect(css).toContain('--rk-');
  });

  it("ringkit's declarations type-check with skipLibCheck off, for every entry, without the Redis packages", async () => {
    writeFileSync(join(app, 'entries.ts'), ["import * as a from 'ringkit';", "import * as r from 'ringkit/react';", "import * as s from 'ringkit/server';", "import * as e from 'ringkit/engine';", "import * as w from 'ringkit/service-worker';", "import * as m from 'ringkit/media';", 'console.log(a, r, s, e, w, m);', ''].join('\n'));
    const options = { target: 'ES2022', module: 'ESNext', moduleResolution: 'bundler', lib: ['ES2023', 'DOM', 'DOM.Iterable'], types: ['node'], jsx: 'react-jsx', strict: true, noEmit: true, skipLibCheck: false };
    writeFileSync(join(app, 'tsconfig.entries.json'), JSON.stringify({ compilerOptions: options, files: ['entries.ts'] }));
    await expect(run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.entries.json'], app)).resolves.toBe('');
  });

  it('runs ringkit-server from the package, and --redis names the optional packages it lacks', async () => {
    const server = await startProcess(process.execPath, ['node_modules/.bin/ringkit-server', '--dev', '--port', '0'], { cwd: app, ready: /ringkit signaling server: (http:\/\/\S+)/ });
    await server.stop();
    const refused = await run(process.execPath, ['node_modules/.bin/ringkit-server', '--dev', '--port', '0', '--redis', 'redis://127.0.0.1:1'], app).then(
      () => 'started',
      (err: Error) => err.message,
    );
    expect(refused).toContain('optional peer dependency "redis"');
    expect(refused).toContain('npm install redis@^6.3.1 @socket.io/redis-adapter@^8.3.0');
  });

  // require() of an ES module needs Node 20.19 / 22.12 (process.features.require_module); older ones get ERR_REQUIRE_ESM.
  it.skipIf(!(process.features as { require_module?: boolean }).require_module)('a CommonJS server requires ringkit/server and ringkit (exports say "default", not only "import")', async () => {
    const script = [
      "const { createRingkitServer } = require('ringkit/server');",
      "const { createSignalingClient } = require('ringkit');",
      "createRingkitServer({ port: 0, auth: { dev: true } }).then(async (server) => {",
      "  const [alice, bob] = ['alice', 'bob'].map((userID) => createSignalingClient({ url: server.url, userID }));",
      '  await Promise.all([alice.connect(), bob.connect()]);',
      "  const ringing = new Promise((resolve) => bob.on('invitationReceived', (e) => resolve(e.inviter)));",
      "  await alice.invite('bob');",
      "  console.log('bob rings for', await ringing);",
      '  alice.disconnect();',
      '  bob.disconnect();',
      '  await server.close();',
      '});',
      '',
    ].join('\n');
    writeFileSync(join(app, 'server.cjs'), script);
    await expect(run(process.execPath, ['server.cjs'], app, 60_000, { LOG_LEVEL: 'silent' })).resolves.toContain('bob rings for alice');
  });

  it('the README example rings a second tab in StrictMode dev mode without a console error or warning', () => ringReadmeApp(app));

  it("the 'use client' directive opens the built ringkit/react (React Server Components need it first)", () => {
    expect(readFileSync(join(app, 'node_modules/ringkit/dist/react.js'), 'utf8')).toMatch(/^["']use client["'];\n/);
    for (const entry of ['index.js', 'server.js']) expect(readFileSync(join(app, 'node_modules/ringkit/dist', entry), 'utf8')).not.toContain('use client');
    // A production build even when packed from a test run: production React has no jsxDEV.
    expect(readFileSync(join(app, 'node_modules/ringkit/dist/react.js'), 'utf8')).not.toContain('react/jsx-dev-runtime');
  });

  it('installs with no install script for npm to approve (the tarball has no prepare)', () => {
    const manifest = JSON.parse(readFileSync(join(app, 'node_modules/ringkit/package.json'), 'utf8')) as { scripts?: Record<string, string> };
    for (const script of ['preinstall', 'install', 'postinstall', 'prepare']) expect(manifest.scripts?.[script], script).toBeUndefined();
  });
});

describe('the same README example in a Vite app on React 18', { timeout: 180_000 }, () => {
  it('installed React 18, type-checked and built, and rings a second tab without a console error or warning', async () => {
    expect((JSON.parse(readFileSync(join(app18, 'node_modules/react/package.json'), 'utf8')) as { version: string }).version).toBe('18.3.1');
    expect(existsSync(join(app18, 'node_modules/ringkit/node_modules/react'))).toBe(false);
    await ringReadmeApp(app18);
  });
});

describe('ringkit in a Next.js 16 App Router app, rendered by Server Components', { timeout: 240_000 }, () => {
  it('builds with no error or warning about ringkit', () => {
    expect(nextBuildLog).toMatch(/Compiled successfully|Generating static pages/);
    expect(nextBuildLog).not.toMatch(/⨯|error|warn.*ringkit/i);
    expect(nextBuildLog).toMatch(/○ \/static\b/); // prerendered whole, as static HTML
  });

  for (const route of [
    { name: "the README's Next.js page (Phone)", path: '/', call: 'Call bob', answer: 'Accept', hangUp: 'Hang up' },
    { name: "the Components quick start's Next.js page (Phone)", path: '/phone', call: 'Call bob', answer: 'Accept', hangUp: 'Hang up' },
    { name: 'the parts page (RingingDialog and OutgoingCallDialog with sound files, a client call button)', path: '/parts', call: 'Place a call to bob', answer: 'Accept', hangUp: 'End the call' },
  ]) {
    it(`${route.name}: renders on the server, rings a second tab, no server-side or console error`, async () => {
      const port = await freePort();
      const next = await startProcess(process.execPath, ['node_modules/next/dist/bin/next', 'start', '--port', String(port), '--hostname', '127.0.0.1'], {
        cwd: nextApp,
        env: nextEnv,
        ready: /Ready in/,
      });
      const base = `http://127.0.0.1:${port}`;
      const browser = await chromium.launch(chromiumLaunchOptions);
      try {
        const html = await (await fetch(`${base}${route.path}?user=alice`)).text();
        expect(html).toContain(route.path === '/parts' ? 'Parts page of' : 'rk-phone'); // rendered on the server, not an empty shell
        const tabs = await browser.newContext();
        const errors: string[] = [];
        const open = async (user: string): Promise<Page> => {
          const page = await tabs.newPage();
          page.on('console', (m) => void (['error', 'warning'].includes(m.type()) && errors.push(`${user}: ${m.text()}`)));
          page.on('pageerror', (e) => errors.push(`${user}: ${e.message}`));
          await page.goto(`${base}${route.path}?user=${user}`);
          return page;
        };
        const alice = await open('alice');
        const bob = await open('bob');
        const placeCall = alice.getByRole('button', { name: route.call });
        await expect.poll(() => placeCall.isEnabled(), { timeout: 30_000 }).toBe(true);
        await placeCall.click();
        const ringing = bob.getByRole('alertdialog', { name: 'alice is calling' });
        await ringing.waitFor({ timeout: 30_000 });
        // The ringtone sounds (its mute toggle shows only while audible), once Bob allows sound if
        // the browser asks for a gesture first; Alice clicked, so her ringback sounds at once.
        const mute = ringing.getByRole('button', { name: 'Mute ringtone' });
        const unlock = ringing.getByRole('button', { name: 'Sound is blocked — click to enable ringing' });
        await mute.or(unlock).waitFor();
        if (await unlock.isVisible()) await unlock.click();
        await mute.waitFor();
        // The caller's toggle mutes the ringback, and says so (the ringtone is the callee's).
        await alice.getByRole('dialog', { name: /Calling bob/ }).getByRole('button', { name: 'Mute ringback' }).waitFor();
        await ringing.getByRole('button', { name: route.answer }).click();
        await alice.getByRole('button', { name: route.hangUp }).click();
        await expect.poll(() => alice.getByRole('button', { name: route.call }).isEnabled(), { timeout: 30_000 }).toBe(true);
        expect(errors).toEqual([]);
        expect(next.output()).not.toMatch(/⨯|Error|error/);
      } finally {
        await browser.close();
        await next.stop();
      }
    });
  }
});

/** Opens the README example as alice and bob and rings, answers and hangs up. */
async function ringReadmeApp(appDir: string): Promise<void> {
  const server = await startProcess(process.execPath, ['node_modules/.bin/ringkit-server', '--dev', '--port', '0'], { cwd: appDir, ready: /ringkit signaling server: (http:\/\/\S+)/ });
  // As pasted it points at `npm start`'s port (3478); here it points at this test's own server.
  writeFileSync(join(appDir, 'src/App.tsx'), readmeApp.replace('http://localhost:3478', server.match[1]!));
  const port = await freePort();
  const vite = await startProcess(process.execPath, ['node_modules/vite/bin/vite.js', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], {
    cwd: appDir,
    ready: /Local:\s+(http:\S+)/,
  });
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const tabs = await browser.newContext();
    const errors: string[] = [];
    const open = async (user: string): Promise<Page> => {
      const page = await tabs.newPage();
      // Chromium reports a socket closed while connecting as a warning; React reports problems as errors.
      page.on('console', (m) => void (['error', 'warning'].includes(m.type()) && errors.push(`${user}: ${m.text()}`)));
      page.on('pageerror', (e) => errors.push(`${user}: ${e.message}`));
      await page.goto(`${vite.match[1]}?user=${user}`);
      await page.getByText(`${user}: connected`).waitFor({ timeout: 30_000 });
      return page;
    };
    const alice = await open('alice');
    const bob = await open('bob');

    await alice.getByRole('button', { name: 'Call bob' }).click();
    await bob.getByText('alice is calling').waitFor();
    await bob.getByRole('button', { name: 'Answer' }).click();
    await alice.getByText('connected bob (room alice-bob)').waitFor();
    await bob.getByText('connected alice (room alice-bob)').waitFor();
    await alice.getByRole('button', { name: 'Hang up' }).click();
    await bob.getByText(/Call ended: hungUp/).waitFor();
    expect(errors).toEqual([]);
  } finally {
    await browser.close();
    await vite.stop();
    await server.stop();
  }
}

/** A TCP port nothing listens on right now (Vite wants a number up front). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

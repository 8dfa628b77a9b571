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
import { startProcess } from './support/startProcess.js';
import { writeViteApp } from './support/writeViteApp.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
/** The README's "ring a second tab" example, exactly as a user pastes it into src/App.tsx. */
const readmeApp = extractCodeBlocks(readFileSync(join(root, 'README.md'), 'utf8'), ['tsx'])[0]!.code;

/** Packages that only the server (or Redis scale-out) uses: a browser app must bundle none of them. */
const SERVER_MODULE = /node_modules\/(socket\.io|engine\.io|ws|pino|jose|redis|@redis\/[^/]+|@socket\.io\/redis-adapter)\/|node_modules\/ringkit\/dist\/(server|cli|createRingkitServer|redisServerOptions)/;

let dir: string;
let app: string;

// One pack and one install (from the warm npm cache) for every check below: it takes a while.
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ringkit-pack-'));
  app = join(dir, 'my-app');
  const [packed] = JSON.parse(await run('npm', ['pack', '--json', '--pack-destination', dir], root)) as [{ filename: string }];
  writeViteApp(app, { tarball: join(dir, packed.filename), appTsx: `${readmeApp}\n`, versions: pkg.devDependencies });
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund'], app);
  await run(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json'], app);
  await run(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], app);
}, 480_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

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

  it('the README example rings a second tab in StrictMode dev mode without a console error or warning', async () => {
    const server = await startProcess(process.execPath, ['node_modules/.bin/ringkit-server', '--dev', '--port', '0'], { cwd: app, ready: /ringkit signaling server: (http:\/\/\S+)/ });
    // As pasted it points at `npm start` (port 3478); here it points at this test's own server.
    writeFileSync(join(app, 'src/App.tsx'), readmeApp.replace('http://localhost:3478', server.match[1]!));
    const port = await freePort();
    const vite = await startProcess(process.execPath, ['node_modules/vite/bin/vite.js', '--port', String(port), '--strictPort', '--host', '127.0.0.1'], {
      cwd: app,
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
  });
});

/** A TCP port nothing listens on right now (Vite wants a number up front). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * Screenshots of the kit's phone in a default app page, the way a new user sees it: the README's
 * components quick start (`<Phone>` in a provider, no app CSS) and the parts alone (the floating
 * "Calling …" card and `InCallView` next to the app's own button), inside the stylesheet of
 * `npm create vite -- --template react-ts` (its index.css centres text and sets fonts and colours),
 * with a real signaling server in development mode, two browser pages (alice and bob) in real
 * Chromium, light and dark (the system colour scheme), English and Chinese.
 *
 *   npx tsx scripts/templateScreenshots.ts [--out .tmp/template-screenshots]
 *
 * PNGs: `<out>/<state>--<light|dark>-<en|zh>.png` for the states idle, calling, incoming, in-call,
 * declined (the Phone) and parts-calling, parts-accepted, parts-in-call (the parts). Look at them
 * with an image viewer; they are not committed.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { chromium, type Browser, type Page } from 'playwright-core';
import { pino } from 'pino';
import { createServer } from 'vite';
import { createRingkitServer } from '../src/server/index.js';
import { chromiumLaunchOptions } from '../test/support/chromiumLaunchOptions.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const outIndex = process.argv.indexOf('--out');
const out = resolve(outIndex >= 0 ? process.argv[outIndex + 1]! : join(root, '.tmp', 'template-screenshots'));
const app = join(root, '.tmp', 'template-app');

/** The app: the template's index.css, then the README's quick start (or the parts), per ?user, ?lang, ?view. */
function writeApp(signalURL: string) {
  rmSync(app, { recursive: true, force: true });
  mkdirSync(join(app, 'src'), { recursive: true });
  writeFileSync(
    join(app, 'index.html'),
    `<!doctype html><html lang="en"><head><meta charset="UTF-8" /><meta name="viewport" content="width=device-width, initial-scale=1.0" /><title>my-app</title><link rel="icon" href="data:," /></head><body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body></html>`,
  );
  writeFileSync(
    join(app, 'src', 'main.tsx'),
    `import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import '../../../scripts/fixtures/vite-react-ts-index.css';
import 'ringkit/styles.css';
import { InCallView, OutgoingCallDialog, Phone, RingkitLabelsProvider, RingkitProvider, useCall } from 'ringkit/react';

const params = new URLSearchParams(location.search);
const me = params.get('user') ?? 'alice';
const names: Record<string, string> = { alice: 'Alice Liddell', bob: 'Bob Lee', carol: 'Carol Wu' };
const getUser = (id: string) => (names[id] ? { name: names[id] } : undefined);

/** The parts alone: the app's own button and line, the floating card, the in-call view. */
function Parts() {
  const call = useCall();
  return (
    <main>
      <h1>My app</h1>
      <p>Some text of the app, centred by the template.</p>
      <button type="button" onClick={() => void call.call('bob', { roomID: 'room-1' })}>Call Bob</button>
      <OutgoingCallDialog inviteID={call.direction === 'outgoing' ? call.callID : null} getUser={getUser} />
      <InCallView call={call} getUser={getUser} />
    </main>
  );
}

function App() {
  return (
    <RingkitProvider url=${JSON.stringify(signalURL)} userID={me}>
      {params.get('view') === 'parts' ? <Parts /> : <Phone contacts={['alice', 'bob', 'carol'].filter((id) => id !== me)} getUser={getUser} />}
    </RingkitProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <RingkitLabelsProvider locale={params.get('lang') === 'zh' ? 'zh' : 'en'}>
      <App />
    </RingkitLabelsProvider>
  </StrictMode>,
);
`,
  );
}

async function shoot(page: Page, name: string) {
  await page.waitForTimeout(250); // let transitions and the timer settle
  await page.screenshot({ path: join(out, `${name}.png`) });
  console.log(join(out, `${name}.png`));
}

async function pages(browser: Browser, base: string, scheme: 'light' | 'dark', lang: string, users: [user: string, view: string][]) {
  return Promise.all(
    users.map(async ([user, view]) => {
      const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1100, height: 820 } });
      const page = await context.newPage();
      page.on('console', (m) => m.type() === 'error' && console.error(`[${user}] ${m.text()}`));
      await page.goto(`${base}/?user=${user}&lang=${lang}&view=${view}`);
      return page;
    }),
  );
}

const server = await createRingkitServer({ port: 0, host: '127.0.0.1', auth: { dev: true }, logger: pino({ level: 'silent' }) });
writeApp(server.url);
const vite = await createServer({
  root: app,
  configFile: false,
  logLevel: 'warn',
  plugins: [react()],
  resolve: {
    alias: [
      { find: 'ringkit/styles.css', replacement: join(root, 'src/react/styles.css') },
      { find: 'ringkit/react', replacement: join(root, 'src/react/index.ts') },
    ],
  },
  server: { host: '127.0.0.1', port: 0, fs: { allow: [root] } },
});
await vite.listen();
const base = vite.resolvedUrls!.local[0]!.replace(/\/$/, '');
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ ...chromiumLaunchOptions, headless: true });
try {
  for (const scheme of ['light', 'dark'] as const) {
    for (const lang of ['en', 'zh']) {
      const tag = `${scheme}-${lang}`;
      const L = lang === 'zh' ? { call: '呼叫Bob Lee', accept: '接听', reject: '拒绝', cancel: '取消' } : { call: 'Call Bob Lee', accept: 'Accept', reject: 'Reject', cancel: 'Cancel' };
      // The Phone: alice calls bob (bob declines), then bob calls alice (she answers).
      const [alice, bob] = (await pages(browser, base, scheme, lang, [['alice', 'phone'], ['bob', 'phone']])) as [Page, Page];
      await alice.getByRole('button', { name: L.call }).and(alice.locator(':enabled')).waitFor();
      await shoot(alice, `idle--${tag}`);
      await alice.getByRole('button', { name: L.call }).click();
      await bob.getByRole('alertdialog').waitFor();
      await shoot(alice, `calling--${tag}`);
      await bob.getByRole('alertdialog').getByRole('button', { name: L.reject }).click();
      await alice.locator('.rk-phone__notice[data-rk-visible]').waitFor();
      await shoot(alice, `declined--${tag}`);
      await bob.getByRole('button', { name: lang === 'zh' ? '呼叫Alice Liddell' : 'Call Alice Liddell' }).click();
      await alice.getByRole('alertdialog').waitFor();
      await shoot(alice, `incoming--${tag}`);
      await alice.getByRole('alertdialog').getByRole('button', { name: L.accept }).click();
      await alice.getByRole('timer').waitFor();
      await alice.waitForTimeout(1500);
      await shoot(alice, `in-call--${tag}`);
      await Promise.all([alice.context().close(), bob.context().close()]);

      // The parts: the floating card over the app, "Accepted", then the in-call view.
      const [carolApp, bob2] = (await pages(browser, base, scheme, lang, [['carol', 'parts'], ['bob', 'phone']])) as [Page, Page];
      await carolApp.waitForFunction(() => document.querySelector('button')?.textContent === 'Call Bob');
      await carolApp.waitForTimeout(500);
      await carolApp.getByRole('button', { name: 'Call Bob' }).click();
      await carolApp.getByRole('dialog').waitFor();
      await bob2.getByRole('alertdialog').waitFor();
      await shoot(carolApp, `parts-calling--${tag}`);
      await bob2.getByRole('alertdialog').getByRole('button', { name: L.accept }).click();
      await carolApp.locator('.rk-outgoing-call-dialog[data-rk-state="answered"]').waitFor();
      await shoot(carolApp, `parts-accepted--${tag}`);
      await carolApp.locator('.rk-outgoing-call-dialog').waitFor({ state: 'detached' });
      await shoot(carolApp, `parts-in-call--${tag}`);
      await Promise.all([carolApp.context().close(), bob2.context().close()]);
    }
  }
} finally {
  await browser.close();
  await vite.close();
  await server.close();
}

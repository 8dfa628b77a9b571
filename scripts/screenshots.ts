/**
 * Screenshots of Storybook stories in real Chromium, after each story's play function finished.
 *
 *   npx tsx scripts/screenshots.ts <story-id>… [--theme light|dark|both] [--locale en|zh|both]
 *                                   [--url http://localhost:6006] [--out .tmp/screenshots]
 *   npx tsx scripts/screenshots.ts --readme        # the README's PNGs, into docs/images/
 *
 * A story ID is what Storybook shows in the URL (`?path=/story/<id>`), e.g.
 * `components-ringingdialog--ringing`; a prefix ending in `--` takes every story of a file
 * (`components-ringingdialog--`). Without `--url` the script builds Storybook into
 * .tmp/storybook-static and serves it itself; with `--url` it uses a running `npm run storybook`.
 * Each PNG is `<out>/<id>--<theme>-<locale>.png`, cropped to the story's content. A story whose
 * play function fails (or that never finishes) is reported, and the exit code is 1.
 * Look at the PNGs with an image viewer; do not commit them (only the README set is committed).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { chromiumLaunchOptions } from '../test/support/chromiumLaunchOptions.js';

/** The README's screenshots: story ID → file in docs/images/. */
const README_SET: Record<string, string> = {
  'components-ringingdialog--ringing': 'ringing-dialog.png',
  'components-outgoingcalldialog--several-invitees': 'outgoing-call-dialog.png',
  'components-raisehandpanel--teacher-queue': 'raise-hand-panel.png',
  'flows-classroom--classroom': 'classroom.png',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function choices(value: string | undefined, all: string[], fallback: string): string[] {
  return value === 'both' ? all : [value ?? fallback];
}

/** Serves a built Storybook on a free port. */
function serve(root: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(root, path);
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(readFileSync(file));
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    done({ server, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` });
  }));
}

/** Every story ID the Storybook knows, to expand `prefix--` arguments. */
async function storyIDs(base: string): Promise<string[]> {
  const index = (await (await fetch(`${base}/index.json`)).json()) as { entries: Record<string, { type: string }> };
  return Object.entries(index.entries).filter(([, e]) => e.type === 'story').map(([id]) => id);
}

/** Opens a story and waits until its play function and checks finished; returns an error text or null. */
async function openStory(page: Page, base: string, id: string, theme: string, locale: string): Promise<string | null> {
  await page.goto(`${base}/iframe.html?id=${id}&viewMode=story&globals=theme:${theme};locale:${locale}`);
  try {
    await page.waitForFunction(
      () => (window as unknown as { __STORYBOOK_PREVIEW__?: { currentRender?: { phase?: string } } }).__STORYBOOK_PREVIEW__?.currentRender?.phase === 'finished',
      undefined,
      { timeout: 30_000 },
    );
  } catch {
    return 'did not finish within 30 s';
  }
  const failed = await page.evaluate(() => document.body.classList.contains('sb-show-errordisplay'));
  return failed ? (await page.locator('#error-message, #error-stack').first().innerText().catch(() => 'failed')).slice(0, 400) : null;
}

/** The box around the story's content (the canvas's children), with a margin. */
async function contentBox(page: Page) {
  return page.evaluate(() => {
    const canvas = document.querySelector('.rk-story-canvas') ?? document.querySelector('#storybook-root');
    const boxes = [...(canvas?.children ?? [])].map((el) => el.getBoundingClientRect()).filter((r) => r.width > 0 && r.height > 0);
    const left = Math.max(0, Math.min(...boxes.map((b) => b.left)) - 16);
    const top = Math.max(0, Math.min(...boxes.map((b) => b.top)) - 16);
    const right = Math.max(...boxes.map((b) => b.right)) + 16;
    const bottom = Math.max(...boxes.map((b) => b.bottom)) + 16;
    return boxes.length ? { x: left, y: top, width: right - left, height: bottom - top } : undefined;
  });
}

async function main() {
  const args = process.argv.slice(2);
  const readme = args.includes('--readme');
  const out = resolve(readme ? 'docs/images' : (option(args, '--out') ?? '.tmp/screenshots'));
  const themes = readme ? ['light'] : choices(option(args, '--theme'), ['light', 'dark'], 'light');
  const locales = readme ? ['en'] : choices(option(args, '--locale'), ['en', 'zh'], 'en');
  const flags = new Set(['--theme', '--locale', '--url', '--out']);
  const requested = readme ? Object.keys(README_SET) : args.filter((a, i) => !a.startsWith('--') && !flags.has(args[i - 1] ?? ''));
  if (requested.length === 0) {
    console.log(readFileSync(new URL(import.meta.url), 'utf8').split('*/')[0]);
    process.exit(2);
  }

  let base = option(args, '--url');
  let server: Server | undefined;
  if (!base) {
    const dir = resolve('.tmp/storybook-static');
    execFileSync('npx', ['storybook', 'build', '--quiet', '-o', dir], { stdio: 'inherit' });
    ({ server, url: base } = await serve(dir));
  }
  const known = await storyIDs(base);
  const ids = requested.flatMap((id) => (id.endsWith('--') ? known.filter((k) => k.startsWith(id)) : [id]));
  mkdirSync(out, { recursive: true });

  const browser = await chromium.launch({ ...chromiumLaunchOptions, headless: true });
  const page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
  let failures = 0;
  for (const id of ids) {
    if (!known.includes(id)) {
      console.error(`✗ ${id}: no such story`);
      failures++;
      continue;
    }
    for (const theme of themes) {
      for (const locale of locales) {
        const error = await openStory(page, base, id, theme, locale);
        const file = join(out, readme ? README_SET[id]! : `${id}--${theme}-${locale}.png`);
        await page.screenshot({ path: file, clip: await contentBox(page), fullPage: true });
        if (error) failures++;
        console.log(`${error ? '✗' : '✓'} ${file}${error ? `  (play failed: ${error})` : ''}`);
      }
    }
  }
  await browser.close();
  server?.close();
  process.exit(failures ? 1 : 0);
}

await main();

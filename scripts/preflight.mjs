#!/usr/bin/env node
// Run first by `npm test`: the tests start a real redis-server and a real Chromium. It installs
// what is missing with apt (as root, or with sudo that needs no password), as .ci/run does;
// otherwise it stops at once with one line naming what is missing and how to install it.
//
//   CHROMIUM_PATH=/path/to/chrome npm test   use another Chromium (never installed for you)
//   RINGKIT_NO_INSTALL=1 npm test            report what is missing, never install
import { execFileSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The first executable `name` on the PATH, if any. */
function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    if (executable(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** [Debian package, what is missing] for each missing tool. */
function missing() {
  const list = [];
  if (!onPath('redis-server')) list.push(['redis-server', 'redis-server (not on the PATH)']);
  if (!executable(chromium)) list.push(['chromium', `Chromium (no executable at ${chromium})`]);
  return list;
}

/** `[]` when we are root, `['sudo', '-n']` when sudo works without a password, otherwise undefined. */
function privilege() {
  if (process.getuid?.() === 0) return [];
  if (!onPath('sudo')) return undefined;
  try {
    execFileSync('sudo', ['-n', 'true'], { stdio: 'ignore', timeout: 5000 });
    return ['sudo', '-n'];
  } catch {
    return undefined;
  }
}

let lacking = missing();
if (lacking.length === 0) process.exit(0);

// apt installs Chromium at /usr/bin/chromium only: a CHROMIUM_PATH elsewhere is the user's to fix.
const packages = lacking.map(([pkg]) => pkg);
const aptCanFix = onPath('apt-get') && (process.env.CHROMIUM_PATH === undefined || !packages.includes('chromium'));
const sudo = aptCanFix && process.env.RINGKIT_NO_INSTALL === undefined ? privilege() : undefined;
if (sudo) {
  const [command, ...prefix] = [...sudo, 'apt-get'];
  console.log(`npm test: installing ${packages.join(' and ')} with apt-get (about 30 s)`);
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync(command, [...prefix, 'update', '-qq'], { stdio: 'inherit', env });
    execFileSync(command, [...prefix, 'install', '-y', '-qq', ...packages], { stdio: ['ignore', 'ignore', 'inherit'], env });
  } catch {
    // reported below with what is still missing
  }
  lacking = missing();
  if (lacking.length === 0) process.exit(0);
}

const apt = `sudo apt-get install -y ${lacking.map(([pkg]) => pkg).filter((pkg) => pkg !== 'chromium' || process.env.CHROMIUM_PATH === undefined).join(' ')}`;
const steps = [];
if (process.env.CHROMIUM_PATH !== undefined && lacking.some(([pkg]) => pkg === 'chromium')) steps.push('point CHROMIUM_PATH at a Chromium or Chrome executable');
if (!apt.endsWith('-y ')) steps.push(onPath('apt-get') ? `run: ${apt}` : `install them (Debian/Ubuntu: ${apt}; macOS: brew install redis, and CHROMIUM_PATH for Chrome)`);
console.error(`npm test needs ${lacking.map(([, what]) => what).join(' and ')}: ${steps.join(', and ')}`);
process.exit(1);

import { spawn } from 'node:child_process';
import { once } from 'node:events';

/**
 * A child process that has printed what `startProcess` waited for.
 * @example const server = await startProcess('node', ['server.js'], { cwd, ready: /listening on (\S+)/ }); server.match[1]
 */
export interface StartedProcess {
  /** The `ready` pattern's match in the output. */
  match: RegExpExecArray;
  /** Everything printed so far (stdout and stderr). */
  output(): string;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

/**
 * Spawns a long-running command and resolves once its output matches `ready`; rejects with the
 * output when it exits first or after `timeoutMs`.
 * @example const vite = await startProcess(process.execPath, ['node_modules/vite/bin/vite.js'], { cwd: app, ready: /Local:\s+(\S+)/ })
 */
export async function startProcess(
  command: string,
  args: string[],
  options: { cwd: string; ready: RegExp; env?: Record<string, string>; timeoutMs?: number },
): Promise<StartedProcess> {
  const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  };
  const match = await new Promise<RegExpExecArray>((resolve, reject) => {
    const timer = setTimeout(() => fail(`printed nothing matching ${options.ready} within ${options.timeoutMs ?? 60_000} ms`), options.timeoutMs ?? 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const found = options.ready.exec(output.replace(/\x1b\[[0-9;]*m/g, ''));
      if (found) {
        clearTimeout(timer);
        child.off('exit', onExit);
        resolve(found);
      }
    };
    const onExit = (code: number | null) => fail(`exited with ${code}`);
    const fail = (why: string) => {
      clearTimeout(timer);
      void stop();
      reject(new Error(`${command} ${args.join(' ')} ${why}:\n${output}`));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', onExit);
  });
  return { match, output: () => output, stop };
}

import { execFile } from 'node:child_process';

/**
 * Runs a command to completion (with `env` added to the environment); resolves with its stdout,
 * rejects with stdout and stderr in the message when it fails.
 * @example const json = await run('npm', ['pack', '--json'], root)
 */
export function run(command: string, args: string[], cwd: string, timeoutMs = 240_000, env?: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stdout}\n${stderr}`, { cause: error }));
      else resolve(stdout);
    });
  });
}

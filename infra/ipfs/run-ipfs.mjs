// Runs the jsipfs CLI for bin/lib/ipfs.sh. Arguments starting with -Dlifeline. only tag this process
// so that bin/lifeline can recognise (and stop) exactly the node it started. js-ipfs renames its
// process (process.title = 'ipfs', which rewrites /proc/PID/cmdline), so the CLI runs as a child of
// this small supervisor, which keeps the tags, forwards SIGTERM/SIGINT and exits with the child.
// Usage: node run-ipfs.mjs -Dlifeline.component=ipfs -Dlifeline.state=DIR daemon --offline
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('./node_modules/ipfs/src/cli.js', import.meta.url));
const polyfill = fileURLToPath(new URL('./promise-with-resolvers.cjs', import.meta.url));
const args = process.argv.slice(2).filter((a) => !a.startsWith('-Dlifeline.'));
const child = spawn(process.execPath, ['--require', polyfill, cli, ...args], { stdio: 'inherit' });
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

// `npm run lint`: ESLint, Prettier and knip at once. ESLint's type-aware pass takes most of
// the time on one core; the other two fit beside it on a second, so the whole costs about
// ESLint's time instead of the sum. Each tool's output is printed whole, one after another, and
// the exit code is non-zero if any of them failed.
import { spawn } from 'node:child_process';

const TOOLS = [
  ['eslint', ['--max-warnings', '0', '.']],
  ['prettier', ['--check', '.']],
  ['knip', []],
];

function run([tool, args]) {
  return new Promise((resolve) => {
    // Through npx, which finds the local binary on every platform (a .cmd shim on Windows).
    const child = spawn('npx', ['--no-install', tool, ...args], {
      shell: process.platform === 'win32',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks = [];
    child.stdout.on('data', (chunk) => chunks.push(chunk));
    child.stderr.on('data', (chunk) => chunks.push(chunk));
    child.on('error', (error) => resolve({ tool, code: 1, output: `${tool} could not start: ${error.message}\n` }));
    child.on('close', (code) => resolve({ tool, code: code ?? 1, output: Buffer.concat(chunks).toString('utf8') }));
  });
}

const results = await Promise.all(TOOLS.map(run));
for (const { tool, code, output } of results) {
  process.stdout.write(`── ${tool}: ${code === 0 ? 'passed' : `failed (exit ${code})`}\n`);
  if (output.trim() !== '') process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
}
process.exitCode = results.some((r) => r.code !== 0) ? 1 : 0;

#!/usr/bin/env node
// The built CLI: `npm install` (prepare) or `npm run build` writes dist/cli.js.
try {
  await import('../dist/cli.js')
} catch (e) {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes('dist/cli.js')) throw e
  process.stderr.write('sigmaport: dist/cli.js is missing; run `npm run build` in the sigmaport directory\n')
  process.exitCode = 4
}

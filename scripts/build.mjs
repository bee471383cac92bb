#!/usr/bin/env node
/**
 * Bundles the entry points into dist/ with esbuild (runs on `npm install` through `prepare`).
 * - dist/index.js (library) and dist/server.js keep node_modules external.
 * - dist/cli.js imports chevrotain and zod from prebundled single files in dist/vendor/: chevrotain alone
 *   pulls in ~600 lodash-es ES modules, and resolving them made every CLI start take ~2 s on a 2-core machine
 *   (~0.4 s with the vendor files). A vendor file is rebuilt only when its package version changes, so the
 *   build stays fast.
 * An entry point whose source does not exist yet is skipped. Each output is written to a temporary file and
 * renamed, so a concurrent build or a running process never reads a half-written file.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, version as esbuildVersion } from 'esbuild'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))
const require = createRequire(join(root, 'package.json'))

const ENTRIES = { cli: 'src/cli/main.ts', server: 'src/server/main.ts', worker: 'src/server/worker.ts', index: 'src/index.ts', node: 'src/batch/index.ts' }
/** Packages dist/cli.js takes from dist/vendor/: ES modules of many files (CommonJS ones such as yaml's node build load fast as they are). */
const VENDOR = ['chevrotain', 'zod']

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  write: false,
  logLevel: 'silent',
}

function writeAtomic(path, contents) {
  mkdirSync(dirname(path), { recursive: true })
  const tmp = `${path}.${process.pid}.tmp`
  writeFileSync(tmp, contents)
  renameSync(tmp, path)
}

const packageVersion = (name) => {
  let dir = dirname(require.resolve(name))
  while (!existsSync(join(dir, 'package.json')) || JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name !== name) dir = dirname(dir)
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version
}

/** dist/vendor/<name>.js: the package as one ES module, tagged with the versions it was built from. */
async function vendor(name) {
  const out = join(root, 'dist', 'vendor', `${name}.js`)
  const stamp = `// sigmaport vendor: ${name}@${packageVersion(name)} esbuild@${esbuildVersion}\n`
  if (existsSync(out) && readFileSync(out, 'utf8').startsWith(stamp)) return false
  // Names listed explicitly: `export *` of a CommonJS build (yaml's node entry) would export nothing.
  const names = Object.keys(await import(name)).filter((n) => n === 'default' || /^[A-Za-z_$][\w$]*$/.test(n))
  const contents = `export { ${names.join(', ')} } from '${name}'\n`
  const r = await build({
    ...common,
    stdin: { contents, resolveDir: root, loader: 'js' },
    outfile: out,
    minifyWhitespace: true,
    // The stamp first (staleness check); then a require() for any CommonJS part calling Node built-ins.
    banner: { js: stamp + "import { createRequire as __vendorRequire } from 'node:module'; const require = __vendorRequire(import.meta.url);" },
  })
  for (const f of r.outputFiles) writeAtomic(f.path, f.contents)
  return true
}

/** Resolves vendored packages to ./vendor/<name>.js next to the output, leaving them external. */
const vendorPlugin = {
  name: 'sigmaport-vendor',
  setup(b) {
    const filter = new RegExp(`^(${VENDOR.join('|')})$`)
    b.onResolve({ filter }, (args) => ({ path: `./vendor/${args.path}.js`, external: true }))
  },
}

async function main() {
  const started = performance.now()
  const present = Object.entries(ENTRIES).filter(([, src]) => existsSync(join(root, src)))
  const skipped = Object.values(ENTRIES).filter((src) => !existsSync(join(root, src)))
  const lib = Object.fromEntries(present.filter(([n]) => n !== 'cli'))
  const cli = Object.fromEntries(present.filter(([n]) => n === 'cli'))
  const define = { __SIGMAPORT_VERSION__: JSON.stringify(pkg.version) }

  const [vendored, ...builds] = await Promise.all([
    'cli' in cli ? Promise.all(VENDOR.map(vendor)) : [],
    Object.keys(lib).length > 0 ? build({ ...common, entryPoints: lib, outdir: 'dist', sourcemap: true, packages: 'external', define }) : undefined,
    'cli' in cli ? build({ ...common, entryPoints: cli, outdir: 'dist', sourcemap: true, packages: 'external', plugins: [vendorPlugin], define }) : undefined,
  ])
  for (const b of builds) for (const f of b?.outputFiles ?? []) writeAtomic(f.path, f.contents)
  for (const b of builds) for (const w of b?.warnings ?? []) console.warn(`build warning: ${w.text}`)
  const fresh = VENDOR.filter((_, i) => vendored[i])
  const notes = [
    ...(fresh.length > 0 ? [`vendored ${fresh.join(', ')}`] : []),
    ...(skipped.length > 0 ? [`skipped, not present: ${skipped.join(', ')}`] : []),
  ]
  const built = present.map(([n]) => `dist/${n}.js`).join(', ')
  console.log(`built ${built} in ${Math.round(performance.now() - started)} ms${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`)
}

try {
  await main()
} catch (e) {
  for (const m of e.errors ?? []) {
    const where = m.location ? `${relative(root, join(root, m.location.file))}:${m.location.line}:${m.location.column + 1}: ` : ''
    console.error(`${where}error: ${m.text}`)
  }
  if (!e.errors) console.error(e instanceof Error ? e.message : String(e))
  process.exitCode = 1
}

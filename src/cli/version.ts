/** The package version, put in by the build (scripts/build.mjs `define`); `dev` when run from source. */
declare const __SIGMAPORT_VERSION__: string | undefined

export const VERSION: string = typeof __SIGMAPORT_VERSION__ === 'string' ? __SIGMAPORT_VERSION__ : 'dev'

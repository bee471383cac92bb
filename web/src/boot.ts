/**
 * Imported first by main.ts. zod probes `new Function` to decide whether to compile fast parsers; under the
 * service's CSP (no 'unsafe-eval') that probe is a reported violation, so the page tells zod up front not to.
 */
import { config } from 'zod'

config({ jitless: true })

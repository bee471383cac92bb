/** A throwaway redis-server on a random loopback port (Debian's redis-server package). */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { connect } from 'node:net'

export interface RedisProcess { readonly url: string; readonly port: number; stop(): Promise<void> }

export function redisAvailable(): boolean {
  return spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0
}

const ping = (port: number) => new Promise<boolean>((resolve) => {
  const s = connect(port, '127.0.0.1', () => s.write('PING\r\n'))
  s.on('data', (d) => { resolve(d.toString().startsWith('+PONG')); s.destroy() })
  s.on('error', () => resolve(false))
})

export async function startRedis(): Promise<RedisProcess> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 40_000)
    const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], { stdio: 'ignore' })
    for (let i = 0; i < 50; i++) {
      if (child.exitCode !== null) break
      if (await ping(port)) {
        return {
          port, url: `redis://127.0.0.1:${port}/0`,
          stop: () => new Promise<void>((r) => { if (child.exitCode !== null) { r(); return } child.once('exit', () => r()); child.kill('SIGTERM') }),
        }
      }
      await new Promise((r) => setTimeout(r, 100))
    }
    child.kill('SIGKILL')
  }
  throw new Error('could not start redis-server')
}

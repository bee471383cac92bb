/** The process boundary of the CLI, passed in so commands can run in tests without a child process. */
export interface CliIo {
  readonly stdout: (data: string | Uint8Array) => void
  readonly stderr: (text: string) => void
  readonly readStdin: () => Promise<Uint8Array>
}

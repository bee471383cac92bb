/** The process boundary of the CLI, passed in so commands can run in tests without a child process. */
export interface CliIo {
  readonly stdout: (data: string | Uint8Array) => void
  readonly stderr: (text: string) => void
  readonly readStdin: () => Promise<Uint8Array>
  /** stderr is an interactive terminal outside CI: progress bars may be drawn. */
  readonly interactive?: boolean
  /** The entry point worker threads start from (the bundled CLI); absent = convert in this thread only. */
  readonly workerScript?: URL
}

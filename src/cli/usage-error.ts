/** A bad command-line argument: reported in one line, exit status 2, no stack trace. */
export class UsageError extends Error {
  constructor(message: string) {
    super(`fleetsim: ${message}`)
    this.name = 'UsageError'
  }
}

/** `fleetsim validate <scenario>...`: check files without running them; exit 2 if any has issues. */
import type { CommandModule } from 'yargs'
import { loadScenario } from '../index.js'
import { ScenarioError } from '../scenario/index.js'
import { UsageError } from './usage-error.js'

interface Args {
  scenarios: string[]
}

export const validateCommand: CommandModule<object, Args> = {
  command: 'validate <scenarios..>',
  describe: 'check scenario files and report every issue',
  builder: (y) =>
    y.positional('scenarios', { type: 'string', array: true, demandOption: true, describe: 'scenario files' })
      .example('$0 validate scenarios/*.yaml', 'check every bundled scenario') as never,
  handler: (args) => {
    let bad = 0
    for (const file of args.scenarios) {
      try {
        const s = loadScenario(file)
        process.stdout.write(`${file}: ok (${s.pools.length} pool${s.pools.length === 1 ? '' : 's'}, ${s.workloads.length} workload${s.workloads.length === 1 ? '' : 's'}, placement ${s.placementName})\n`)
      } catch (e) {
        if (!(e instanceof ScenarioError)) throw e
        process.stderr.write(`${e.message}\n`)
        bad++
      }
    }
    if (bad > 0) throw new UsageError(`${bad} of ${args.scenarios.length} scenario file${args.scenarios.length === 1 ? '' : 's'} ha${bad === 1 ? 's' : 've'} issues`)
  },
}

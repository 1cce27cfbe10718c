/** `fleetsim schema`: print the scenario format's JSON Schema (for editors and CI). */
import type { CommandModule } from 'yargs'
import { scenarioJsonSchema } from '../scenario/index.js'

export const schemaCommand: CommandModule<object, object> = {
  command: 'schema',
  describe: 'print the JSON Schema of scenario files',
  handler: () => {
    process.stdout.write(`${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`)
  },
}

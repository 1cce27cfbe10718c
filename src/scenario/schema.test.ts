/**
 * The JSON Schema shipped for editors (docs/scenario.schema.json, `fleetsim schema`): every
 * bundled scenario passes it, files with unknown keys fail it, and the committed copy is the one
 * the code generates.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { Ajv2020 } from 'ajv/dist/2020.js'
import { parse } from 'yaml'
import { describe, expect, test } from 'vitest'
import { scenarioJsonSchema } from './schema.js'

const schema = scenarioJsonSchema()
// strict: the schema itself must use no unknown keyword; union types ("string or number") are meant.
const validate = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema)

const read = (file: string): unknown => parse(readFileSync(file, 'utf8'))
const bundled = readdirSync('scenarios').filter((f) => f.endsWith('.yaml')).map((f) => `scenarios/${f}`)

describe('the scenario JSON Schema', () => {
  test('there are bundled scenarios to check', () => {
    expect(bundled.length).toBeGreaterThanOrEqual(2)
  })

  test.each(bundled)('%s validates against it', (file) => {
    expect(validate(read(file)), JSON.stringify(validate.errors)).toBe(true)
  })

  test.each(bundled)('%s points editors at docs/scenario.schema.json', (file) => {
    expect(readFileSync(file, 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=../docs/scenario.schema.json')
  })

  test('a valid JSON scenario and a pod bigger than every node validate', () => {
    expect(validate(read('src/scenario/fixtures/valid.json'))).toBe(true)
    expect(validate(read('src/scenario/fixtures/pod-bigger-than-every-node.yaml'))).toBe(true)
  })

  test.each([
    ['unknown-top-level-key.yaml', '', 'duraton'],
    ['unknown-pool-key.yaml', '/cluster/pools/0', 'capacty'],
    ['several-issues.yaml', '', 'duraton'],
  ])('%s fails it at the unknown key', (name, at, key) => {
    expect(validate(read(`src/scenario/fixtures/${name}`))).toBe(false)
    expect(validate.errors).toContainEqual(expect.objectContaining({ instancePath: at, keyword: 'additionalProperties', params: { additionalProperty: key } }))
  })

  test('an unknown distribution fails it', () => {
    expect(validate(read('src/scenario/fixtures/unknown-dist.yaml'))).toBe(false)
  })

  test('the committed docs/scenario.schema.json is the generated one', () => {
    const committed = readFileSync('docs/scenario.schema.json', 'utf8')
    // A boolean, not the strings: the diff of a 100 kB schema would bury the instruction.
    const fresh = committed === `${JSON.stringify(schema, null, 2)}\n`
    expect(fresh, 'docs/scenario.schema.json is stale: run `npm run build && npm run schema` and commit it').toBe(true)
  })
})

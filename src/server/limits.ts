/** Request-level caps that zod cannot know (they come from config). */
import type { Config } from './config.js'
import { ProblemError } from './problem.js'

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8')

export interface Settings {
  readonly pipelines?: readonly string[] | undefined
  readonly pipelineYaml?: string | undefined
  readonly options?: Readonly<Record<string, string>> | undefined
}

export function checkSettings(s: Settings, limits: Config['limits']): void {
  if ((s.pipelines?.length ?? 0) > limits.pipelines) {
    throw new ProblemError(422, 'too_many_items', `At most ${limits.pipelines} pipelines per request.`)
  }
  if (Object.keys(s.options ?? {}).length > limits.optionCount) {
    throw new ProblemError(422, 'too_many_items', `At most ${limits.optionCount} options per request.`)
  }
  if (s.pipelineYaml !== undefined && bytes(s.pipelineYaml) > limits.pipelineYamlBytes) {
    throw new ProblemError(413, 'pipeline_too_large', `pipelineYaml is larger than the limit of ${limits.pipelineYamlBytes} bytes.`)
  }
}

/** Undefined when the rule fits, else the problem for it. */
export function ruleTooLarge(rule: string, limits: Config['limits']): ProblemError | undefined {
  return rule.length > limits.ruleBytes || bytes(rule) > limits.ruleBytes
    ? new ProblemError(413, 'rule_too_large', `The rule is larger than the limit of ${limits.ruleBytes} bytes.`)
    : undefined
}

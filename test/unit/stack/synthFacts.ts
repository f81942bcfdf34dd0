import type { SynthResource, SynthResult } from "../../../src/stack/synth/runSynth.js";

/** Small lookups over a synthesized stack, so each test reads as its assertion. */
export function facts(result: SynthResult) {
  const ofType = (type: string) => result.resources.filter((resource) => resource.type === type);
  const one = (type: string, name: string): SynthResource => {
    const found = result.resources.find((resource) => resource.type === type && resource.name === name);
    if (!found) throw new Error(`no ${type} named ${name}`);
    return found;
  };
  const input = <T>(resource: SynthResource, key: string) => resource.inputs[key] as T;
  return { ofType, one, input };
}

export interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource: string | string[];
}

export function statementsOf(policy: unknown): Statement[] {
  const document = JSON.parse(String(policy)) as { Statement: Statement[] };
  return document.Statement;
}

export const list = (value: string | string[]): string[] => (Array.isArray(value) ? value : [value]);

import type { SynthResult } from "./runSynth.js";

/** The resources as a tree by parent (type and name), then the stack outputs. */
export function renderSynth(result: SynthResult): string {
  const children = new Map<string | undefined, SynthResult["resources"]>();
  for (const resource of result.resources) {
    const siblings = children.get(resource.parent) ?? [];
    siblings.push(resource);
    children.set(resource.parent, siblings);
  }
  const lines = [
    `Stack ${result.stack}: ${result.resources.length} resources (synthesized, nothing deployed)`,
  ];
  const walk = (parent: string | undefined, prefix: string) => {
    const level = [...(children.get(parent) ?? [])].sort((a, b) => a.name.localeCompare(b.name));
    level.forEach((resource, index) => {
      const last = index === level.length - 1;
      lines.push(`${prefix}${last ? "└─ " : "├─ "}${resource.type}  ${resource.name}`);
      walk(resource.name, `${prefix}${last ? "   " : "│  "}`);
    });
  };
  walk(undefined, "");
  lines.push("", "Outputs:");
  const width = Math.max(0, ...Object.keys(result.outputs).map((key) => key.length));
  for (const [key, value] of Object.entries(result.outputs)) {
    lines.push(`  ${key.padEnd(width)}  ${typeof value === "string" ? value : JSON.stringify(value)}`);
  }
  return lines.join("\n");
}

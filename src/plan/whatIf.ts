import { MAX_SYNTHETIC_SYMBOLS, syntheticCount, syntheticSymbols } from "../core/syntheticSymbols.js";
import { UsageError } from "../lib/errors.js";
import { CONFIG_FIELDS, type ConfigFieldName } from "../stack/configFields.js";
import { InvalidValueError } from "../stack/validators.js";

/**
 * `plan`'s what-if flags, checked as flags (an error names `plan --shards`, not the stack's
 * config, and its fix is another `plan` line): an empty value is refused, `--symbols N` is N
 * synthetic symbols as for `dev` (a list stays a list), every other value is parsed by its
 * setting's own parser. Returns the values to lay over the stack's config file.
 */
export function whatIfValues(
  given: Partial<Record<ConfigFieldName, string | undefined>>,
): Partial<Record<ConfigFieldName, string>> {
  const values: Partial<Record<ConfigFieldName, string>> = {};
  for (const [name, text] of Object.entries(given) as Array<[ConfigFieldName, string | undefined]>) {
    if (text === undefined) continue;
    values[name] = name === "symbols" ? watchlistText(text) : checked(name, text);
  }
  return values;
}

function watchlistText(text: string): string {
  const count = syntheticCount(text);
  if (count === undefined) return checked("symbols", text);
  if (count < 1 || count > MAX_SYNTHETIC_SYMBOLS) {
    throw new UsageError(
      `plan --symbols ${text.trim()}: a synthetic watchlist has 1 to ${MAX_SYNTHETIC_SYMBOLS.toLocaleString("en-US")} symbols.`,
      { hint: "For example: bavest-signals plan --symbols 5000" },
    );
  }
  return syntheticSymbols(count).join(",");
}

function checked(name: ConfigFieldName, text: string): string {
  const field = CONFIG_FIELDS[name];
  // The example is the flag and a value that passes: `--shards 1`.
  const flag = field.example.split(" ")[0];
  const fix = `Run: bavest-signals plan ${field.example}`;
  if (text.trim() === "") {
    throw new UsageError(`plan ${flag} was given an empty value: give one, or leave the flag out.`, {
      hint: fix,
    });
  }
  try {
    field.parse(text);
  } catch (error) {
    if (!(error instanceof InvalidValueError)) throw error;
    const shown = text.length > 80 ? `${text.slice(0, 77)}...` : text;
    throw new UsageError(`plan ${flag} "${shown}": must be ${error.allowed} (the what-if of ${field.key}).`, {
      hint: fix,
    });
  }
  return text;
}

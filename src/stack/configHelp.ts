import type { ConfigFieldName } from "./configFields.js";
import { SETTING_NAMES, settingRow, shellQuoted } from "./settingsTable.js";

/** What `configure --help` says about one setting. */
export interface ConfigFieldHelp {
  /** What the setting does, in a few words. */
  meaning: string;
  /** The values it accepts. */
  allowed: string;
  /** The default as typed on the command line; undefined: not set unless given. */
  default: string | undefined;
  /** The unit of a number, when it has one. */
  unit?: string;
}

/**
 * The help of every stack setting, read from the settings table (src/stack/settingsTable.ts):
 * plain data, no zod and no parsers, so that `--help` stays instant.
 */
export const CONFIG_HELP: Record<ConfigFieldName, ConfigFieldHelp> = Object.fromEntries(
  SETTING_NAMES.map((name) => {
    const setting = settingRow(name);
    const help: ConfigFieldHelp = {
      meaning: setting.meaning,
      allowed: setting.allowed,
      default: setting.default === undefined ? undefined : shellQuoted(setting.default),
      ...(setting.unit === undefined ? {} : { unit: setting.unit }),
    };
    return [name, help];
  }),
) as Record<ConfigFieldName, ConfigFieldHelp>;

/** The one line `configure --help` prints for a setting: meaning, allowed values, default, unit. */
export function configFlagHelp(name: ConfigFieldName): string {
  const help = CONFIG_HELP[name];
  const unit = help.unit ? ` ${help.unit}` : "";
  const fallback = help.default === undefined ? "not set" : `${help.default}${unit}`;
  return `${help.meaning}; allowed: ${help.allowed}${unit}; default: ${fallback}`;
}

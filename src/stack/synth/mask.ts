/** The signature key Pulumi puts on a wrapped secret value when it serialises inputs. */
const SECRET_SIG_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIG_VALUE = "1b47061264138c4ac30d75fd1eb44270";

export const SECRET_MARK = "[secret]";

function isWrapper(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && SECRET_SIG_KEY in value;
}

/**
 * A readable copy of resource inputs: secret wrappers are unwrapped, every leaf equal to a known
 * secret becomes "[secret]" (the keys around it stay readable), a wrapped scalar becomes
 * "[secret]" whole.
 */
export function maskSecrets(value: unknown, secrets: ReadonlySet<string>): unknown {
  if (isWrapper(value)) {
    const signature = value[SECRET_SIG_KEY];
    if (signature === SECRET_SIG_VALUE) {
      const inner = value.value;
      return typeof inner === "object" && inner !== null ? maskSecrets(inner, secrets) : SECRET_MARK;
    }
  }
  if (Array.isArray(value)) return value.map((item) => maskSecrets(item, secrets));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskSecrets(item, secrets)]));
  }
  if (typeof value === "string" && secrets.has(value)) return SECRET_MARK;
  return value;
}

import { rename, rm, writeFile } from "node:fs/promises";

/** Writes one JSON document to a file on request; see `jsonFileWriter`. */
export interface JsonFileWriter {
  /** Writes the current document soon; resolves once a write that includes it is done. */
  write(): Promise<void>;
  /** Waits for the write under way, then writes once more: what is current is on disk after. */
  flush(): Promise<void>;
}

/**
 * Rewrites `file` with `document()` atomically (a temporary file renamed over it), so a reader
 * never sees half a document. Writes never overlap: a request during a write is folded into one
 * more write after it. A failed write goes to `onError`, leaves no temporary file behind (a
 * full disk leaves a 0-byte one otherwise) and is tried again after `retryMs`, so what is
 * current reaches the disk once there is room again.
 */
export function jsonFileWriter(
  file: string,
  document: () => unknown,
  onError: (error: unknown) => void = () => {},
  options: { onWritten?: () => void; retryMs?: number } = {},
): JsonFileWriter {
  const temporary = `${file}.${process.pid}.tmp`;
  let writing: Promise<void> | undefined;
  let again = false;
  let retry: NodeJS.Timeout | undefined;
  const once = async () => {
    try {
      await writeFile(temporary, `${JSON.stringify(document())}\n`, "utf8");
      await rename(temporary, file);
    } catch (error) {
      await rm(temporary, { force: true }).catch(() => undefined);
      throw error;
    }
  };
  const write = (): Promise<void> => {
    if (writing) {
      again = true;
      return writing;
    }
    clearTimeout(retry);
    writing = (async () => {
      do {
        again = false;
        await once();
      } while (again);
      options.onWritten?.();
    })()
      .catch((error: unknown) => {
        onError(error);
        retry = setTimeout(() => void write(), options.retryMs ?? 1_000);
        retry.unref();
      })
      .finally(() => {
        writing = undefined;
      });
    return writing;
  };
  return {
    write,
    async flush() {
      await writing;
      await write();
    },
  };
}

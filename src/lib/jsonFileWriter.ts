import { rename, writeFile } from "node:fs/promises";

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
 * more write after it. A failed write goes to `onError` and does not stop later ones.
 */
export function jsonFileWriter(
  file: string,
  document: () => unknown,
  onError: (error: unknown) => void = () => {},
): JsonFileWriter {
  const temporary = `${file}.${process.pid}.tmp`;
  let writing: Promise<void> | undefined;
  let again = false;
  const write = (): Promise<void> => {
    if (writing) {
      again = true;
      return writing;
    }
    writing = (async () => {
      do {
        again = false;
        await writeFile(temporary, `${JSON.stringify(document())}\n`, "utf8");
        await rename(temporary, file);
      } while (again);
    })()
      .catch(onError)
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

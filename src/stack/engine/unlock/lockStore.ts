import { readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import type { S3Client } from "@aws-sdk/client-s3";
import { lockFolders } from "./backend.js";

/** One lock file: where it is and who wrote it (pid, user@host, when), as the backend stores it. */
export interface LockFile {
  /** The path or `s3://bucket/key` shown to the user. */
  location: string;
  /** The key or path it is removed by. */
  key: string;
  holder?: { pid?: number; username?: string; hostname?: string; timestamp?: string };
}

/** A self-managed backend's lock files for one stack. */
export interface LockStore {
  list(): Promise<LockFile[]>;
  remove(locks: readonly LockFile[]): Promise<void>;
}

function holderOf(text: string): LockFile["holder"] {
  try {
    const parsed = JSON.parse(text) as NonNullable<LockFile["holder"]>;
    return {
      pid: parsed.pid,
      username: parsed.username,
      hostname: parsed.hostname,
      timestamp: parsed.timestamp,
    };
  } catch {
    return undefined;
  }
}

/** Lock files of a `file://` backend rooted at `root`. */
export function fileLockStore(root: string, project: string, stack: string): LockStore {
  return {
    async list() {
      const locks: LockFile[] = [];
      for (const folder of lockFolders(project, stack)) {
        const dir = join(root, folder);
        const names = await readdir(dir).catch(() => [] as string[]);
        for (const name of names.filter((entry) => entry.endsWith(".json")).sort()) {
          const path = join(dir, name);
          locks.push({
            location: path,
            key: path,
            holder: holderOf(await readFile(path, "utf8").catch(() => "")),
          });
        }
      }
      return locks;
    },
    async remove(locks) {
      for (const lock of locks) await rm(lock.key, { force: true });
    },
  };
}

/** Lock files of an `s3://bucket/prefix` backend: the same layout under the prefix. */
export function s3LockStore(
  client: S3Client,
  bucket: string,
  prefix: string,
  project: string,
  stack: string,
): LockStore {
  const base = prefix ? `${prefix}/` : "";
  return {
    async list() {
      const { ListObjectsV2Command, GetObjectCommand } = await import("@aws-sdk/client-s3");
      const locks: LockFile[] = [];
      for (const folder of lockFolders(project, stack)) {
        const listing = await client.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: `${base}${folder}/` }),
        );
        const keys = (listing.Contents ?? [])
          .map((item) => item.Key ?? "")
          .filter((key) => key.endsWith(".json") && !key.slice(`${base}${folder}/`.length).includes("/"))
          .sort();
        for (const key of keys) {
          const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
          const text = (await object.Body?.transformToString("utf8")) ?? "";
          locks.push({ location: `s3://${bucket}/${key}`, key, holder: holderOf(text) });
        }
      }
      return locks;
    },
    async remove(locks) {
      const { DeleteObjectCommand } = await import("@aws-sdk/client-s3");
      for (const lock of locks) await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: lock.key }));
    },
  };
}

import { createHash, randomBytes } from 'node:crypto';
import { copyFile, mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { StorageError } from './errors.ts';

/** Object bytes on disk: `<root>/<bucket>/<object name>`. */
export class FileStore {
  constructor(readonly root: string) {}

  /** Resolve a bucket/name pair, refusing anything that escapes the root. */
  pathOf(bucket: string, name: string): string {
    const full = path.resolve(this.root, bucket, name);
    const bucketRoot = path.resolve(this.root, bucket) + path.sep;
    if (!full.startsWith(bucketRoot)) throw new StorageError(400, 'InvalidKey', `Invalid key: ${name}`);
    return full;
  }

  /** Write to a temporary file first; `commit()` moves it into place (after the metadata row is in). */
  async stage(bytes: Uint8Array): Promise<{ tmp: string; eTag: string; size: number }> {
    await mkdir(path.join(this.root, '.tmp'), { recursive: true });
    const tmp = path.join(this.root, '.tmp', randomBytes(12).toString('hex'));
    await writeFile(tmp, bytes);
    return { tmp, eTag: `"${createHash('md5').update(bytes).digest('hex')}"`, size: bytes.byteLength };
  }

  async commit(tmp: string, bucket: string, name: string): Promise<void> {
    const target = this.pathOf(bucket, name);
    await mkdir(path.dirname(target), { recursive: true });
    await rename(tmp, target);
  }

  async discard(tmp: string): Promise<void> {
    await rm(tmp, { force: true });
  }

  async read(bucket: string, name: string): Promise<Uint8Array<ArrayBuffer> | undefined> {
    try {
      return new Uint8Array(await readFile(this.pathOf(bucket, name)));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async remove(bucket: string, name: string): Promise<void> {
    await rm(this.pathOf(bucket, name), { force: true });
  }

  async removeBucket(bucket: string): Promise<void> {
    await rm(path.resolve(this.root, bucket), { recursive: true, force: true });
  }

  async move(bucket: string, from: string, toBucket: string, to: string): Promise<void> {
    const target = this.pathOf(toBucket, to);
    await mkdir(path.dirname(target), { recursive: true });
    await rename(this.pathOf(bucket, from), target);
  }

  async copy(bucket: string, from: string, toBucket: string, to: string): Promise<void> {
    const target = this.pathOf(toBucket, to);
    await mkdir(path.dirname(target), { recursive: true });
    await copyFile(this.pathOf(bucket, from), target);
  }

  async exists(bucket: string, name: string): Promise<boolean> {
    return stat(this.pathOf(bucket, name)).then(
      () => true,
      () => false,
    );
  }
}

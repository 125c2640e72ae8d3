/**
 * Set environment variables for a test file; the returned function puts back what was there. A file
 * that sets process.env restores it in afterAll, so a worker that runs several files in one process
 * (vitest's isolate: false) never carries one file's settings into the next.
 */
export function setEnv(vars: Record<string, string>): () => void {
  const before = Object.fromEntries(Object.keys(vars).map((key) => [key, process.env[key]]));
  Object.assign(process.env, vars);
  return () => {
    for (const [key, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}

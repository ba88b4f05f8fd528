/** Collects console.error calls while `run` goes on, and 50 ms after (a late report counts too). */
export async function consoleErrors(run: () => Promise<unknown>): Promise<string[]> {
  const errors: string[] = [];
  const original = console.error;
  console.error = (...args: unknown[]) => errors.push(args.map(String).join(' '));
  try {
    await run();
    await new Promise((resolve) => setTimeout(resolve, 50));
  } finally {
    console.error = original;
  }
  return errors;
}

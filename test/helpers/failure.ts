/** The error a call fails with (name and message); fails the test when the call succeeds. */
export async function failure(p: Promise<unknown>): Promise<{ name: string; message: string }> {
  try {
    await p;
  } catch (e) {
    return { name: (e as Error).name, message: (e as Error).message };
  }
  throw new Error("expected the call to fail");
}

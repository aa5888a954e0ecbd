/**
 * One step of a scenario whose steps build on each other (post, then change at the bank, then close…). The files'
 * tests run in a random order, so such steps live in one test, in order; a failure names its step.
 */
export async function step(name: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (error instanceof Error) error.message = `[step: ${name}] ${error.message}`;
    throw error;
  }
}

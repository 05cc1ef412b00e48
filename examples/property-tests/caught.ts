// Shared by the examples: runs a property that must fail, and hands back its counterexample.
import { SchedulingPropertyError } from '@workmanager-ts/core/testing';

export async function caught(property: Promise<void>): Promise<SchedulingPropertyError> {
  try {
    await property;
  } catch (error) {
    if (error instanceof SchedulingPropertyError) return error;
    throw error;
  }
  throw new Error('The property held for the broken variant: it should have caught the bug.');
}

/** A wrong action input: reported on the step, exit code 2 (the CLI's code for usage errors). */
export class InputError extends Error {}

/** Query keys of the job list. */
export const jobKeys = { list: ['jobs'] as const };

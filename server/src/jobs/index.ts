/** Every scheduled job, one line each (the job's own file says what it does and when). */
import type { Job } from './job.js';

export const jobs: Job[] = [];

/** Injected time, so sessions, rules and jobs can be tested for any date. */
import { shanghaiDate } from '@kpc/domain';

export interface Clock {
  now(): Date;
}
export const systemClock: Clock = { now: () => new Date() };

/** Today as a calendar date in Asia/Shanghai. */
export const today = (clock: Clock): string => shanghaiDate(clock.now());

/** "Today" as the server counts it: the Asia/Shanghai calendar date, whatever the browser's time zone. */
import type { Dayjs } from 'dayjs';
import { shanghaiDate } from '@kpc/domain';

/** Today's date in Asia/Shanghai, 'YYYY-MM-DD'. */
export const shanghaiToday = (): string => shanghaiDate(new Date());

/** For DatePickers of dates that cannot lie in the future (completion, actual dates). */
export const isAfterShanghaiToday = (d: Dayjs): boolean => d.format('YYYY-MM-DD') > shanghaiToday();

/**
 * Vietnam keeps UTC+7 all year (no daylight saving): calendar days, dates and times written
 * without an offset are counted there, whatever the server's own time zone.
 */
export const VIETNAM_OFFSET = "+07:00";
/** The same zone for Intl date formatting. */
export const VIETNAM_TIME_ZONE = "Asia/Ho_Chi_Minh";

const VIETNAM_OFFSET_MS = 7 * 3_600_000;
const DAY_MS = 86_400_000;

/** The calendar date in Vietnam at `time` (ms since the epoch), YYYY-MM-DD. */
export const vietnamDate = (time: number): string => new Date(time + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);

/** The day number in Vietnam at `time`: two instants of the same Vietnamese day share it. */
export const vietnamDay = (time: number): number => Math.floor((time + VIETNAM_OFFSET_MS) / DAY_MS);
